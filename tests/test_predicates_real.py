"""Claims that read right on real articles (issue 17): the right predicate, subject and object
in every language. Each test is a general rule, on invented names and sentences."""
from __future__ import annotations

import re

import pytest

from dossier.extract import facts
from dossier.extract.cues import extract_counts
from dossier.extract.evidence import find_evidence
from dossier.model import Actor, Document, Mention, MentionCandidate, Sentence, Source
from dossier.text import script_of

#: actor id -> (name, kind)
NAMES = {
    "ana": ("Ana Silva", "person"), "bo": ("Bo Lee", "person"), "ruritania": ("Ruritania", "state"),
    "sweden": ("Sweden", "state"), "capital": ("Capitalia", "place"), "zorblat": ("Zorblat", "other"),
    "clinic": ("Saint-Anne Clinic", "organization"), "legion": ("Iron Legion", "organization"),
}
#: surface -> actor id, in every script the documents write
SURFACES = {
    "Ana Silva": "ana", "آنا سيلفا": "ana", "Ана Силва": "ana", "Ане Силва": "ana", "Ану Силву": "ana",
    "Ana Silva'nın": "ana", "Bo Lee": "bo", "بو لي": "bo", "Бо Ли": "bo", "Ruritania": "ruritania",
    "Руритания": "ruritania", "Руританию": "ruritania", "Руритании": "ruritania", "روريتانيا": "ruritania",
    "Sweden": "sweden", "Швеции": "sweden", "Capitalia": "capital", "Капиталии": "capital", "كابيتاليا": "capital",
    "Zorblat": "zorblat", "Saint-Anne Clinic": "clinic", "Iron Legion": "legion", "Железный легион": "legion",
}


def _doc(sid: str, text: str, lang: str) -> tuple[Document, list]:
    source = Source(id=sid, path=f"content/sources/{sid}.txt", sha256="0" * 64, language=lang, title=None,
                    publisher=None, author=None, published="2025-10-19", published_precision="day", url=None)
    sentences = [Sentence(m.start(), m.end(), m.group(0), lang, script_of(m.group(0)))
                 for m in re.finditer(r"[^.!?؟\s][^.!?؟]*[.!?؟]?", text)]
    taken: list[tuple[int, int]] = []
    mentions = []
    for name in sorted(SURFACES, key=len, reverse=True):  # the longest name first: no nested mentions
        for m in re.finditer(re.escape(name), text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            kind = NAMES[SURFACES[name]][1]
            mentions.append((MentionCandidate(sid, m.start(), m.end(), name, name, kind, lang, script_of(name)),
                             SURFACES[name]))
    return Document(source, text, sentences), mentions


def claims(*specs):
    cands, docs, actors = [], [], {aid: Actor(id=aid, name=n, kind=k) for aid, (n, k) in NAMES.items()}
    for sid, text, lang in specs:
        doc, mentions = _doc(sid, text, lang)
        docs.append(doc)
        cands.extend(find_evidence(doc, mentions))
        for m, aid in mentions:
            actors[aid].mentions.append(Mention(m.source, m.start, m.end, m.text))
    return facts.group(cands, [], actors, docs)


def framed(*specs):
    """(predicate, subject, object) of every claim a predicate frames (quoted facts left out)."""
    return {(c.frame.predicate, c.frame.subject, c.frame.object) for c in claims(*specs)
            if c.frame is not None and c.statement_from != "quote" and c.frame.predicate != "stated"}


def predicates_of(*specs):
    return {p for p, _s, _o in framed(*specs)}
