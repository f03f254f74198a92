"""Test helper: invented documents with their names marked, read into claims the way the
pipeline does (evidence, then facts.group). Each test module gives its own names."""
from __future__ import annotations

import re

from dossier.extract import facts
from dossier.extract.evidence import find_evidence, role_claims
from dossier.model import Actor, Document, Mention, MentionCandidate, Sentence, Source
from dossier.text import script_of


class Names:
    """`names`: actor id -> (name, kind); `surfaces`: every spelling the documents write -> actor id."""

    def __init__(self, names: dict[str, tuple[str, str]], surfaces: dict[str, str]):
        self.names, self.surfaces = names, surfaces

    def doc(self, sid: str, text: str, lang: str) -> tuple[Document, list]:
        source = Source(id=sid, path=f"content/sources/{sid}.txt", sha256="0" * 64, language=lang, title=None,
                        publisher=None, author=None, published="2025-10-19", published_precision="day", url=None)
        sentences = [Sentence(m.start(), m.end(), m.group(0), lang, script_of(m.group(0)))
                     for m in re.finditer(r"[^.!?؟\s](?:[^.!?؟]|(?<=\d)\.(?=\d))*[.!?؟]?", text)]  # not "7.8"
        taken: list[tuple[int, int]] = []
        mentions = []
        for name in sorted(self.surfaces, key=len, reverse=True):  # the longest name first: no nesting
            for m in re.finditer(re.escape(name), text):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                kind = self.names[self.surfaces[name]][1]
                mentions.append((MentionCandidate(sid, m.start(), m.end(), name, name, kind, lang, script_of(name)),
                                 self.surfaces[name]))
        return Document(source, text, sentences), mentions

    def claims(self, *specs, roles: dict | None = None, role_evidence: bool = False):
        """`roles`: actor id -> the titles the documents give it (`Role`s); `role_evidence`: read
        those titles as evidence of claims on the office, as the pipeline does."""
        cands, docs = [], []
        actors = {aid: Actor(id=aid, name=n, kind=k) for aid, (n, k) in self.names.items()}
        for aid, given in (roles or {}).items():
            actors[aid].roles = list(given)
        for sid, text, lang in specs:
            doc, mentions = self.doc(sid, text, lang)
            docs.append(doc)
            cands.extend(find_evidence(doc, mentions))
            for m, aid in mentions:
                actors[aid].mentions.append(Mention(m.source, m.start, m.end, m.text))
        if role_evidence:
            cands.extend(role_claims(actors, {d.source.id: d for d in docs}))
        return facts.group(cands, [], actors, docs)
