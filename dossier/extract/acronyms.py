"""Acronyms in one document: "Federal Security Service (FSB)" spelled out links the acronym
to its expansion; an acronym glued by capitals to a name is no part of it."""
from __future__ import annotations

import re

from dossier.extract.gazetteer import is_title_word
from dossier.model import Document, MentionCandidate
from dossier.text.names import name_key


# "Federal Security Service (FSB)": a name with its acronym in brackets just after it.
_ACRONYM_AFTER = re.compile(r"\s*[(\[]\s*([^\W\d_]{2,8})\s*[)\]]")
_SMALL_WORDS = {"of", "the", "for", "and", "de", "du", "des", "la", "le", "der", "die", "das", "für", "und", "и", "по"}


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s\-]+", name) if w and w.casefold() not in _SMALL_WORDS).casefold()


def link_acronyms(doc: Document, found: list[MentionCandidate]) -> list[MentionCandidate]:
    """An acronym a document spells out ("... Service (FSB)") names the same actor as its
    expansion, everywhere in the document: the acronym's mentions take the expansion's key."""
    expansion: dict[str, MentionCandidate] = {}
    for c in found:
        m = _ACRONYM_AFTER.match(doc.text, c.end)
        if m and m.group(1).isupper() and len(c.name.split()) >= 2 and _initials(c.name) == m.group(1).casefold():
            expansion.setdefault(m.group(1), c)
    if not expansion:
        return found
    out = []
    for c in found:
        full = expansion.get(c.text)
        if full is not None and c is not full and not c.key.startswith(("inst:", "state:", "place:")):
            c = MentionCandidate(source=c.source, start=c.start, end=c.end, text=c.text, name=full.name,
                                 kind=full.kind, language=c.language, script=c.script, key=full.key)
        out.append(c)
    return out


def split_acronym_heads(doc: Document, found: list[MentionCandidate]) -> list[MentionCandidate]:
    """"МИД Мария Захарова", "Глава МИД": an acronym glued by capitals to a name or a title
    word is not part of the name; the name stands alone, the acronym is dropped here."""
    out = []
    for c in found:
        words = c.text.split()
        if len(words) >= 2 and c.kind in ("person", "other") and not c.key.startswith(("inst:", "state:", "place:")):
            if words[0].isupper() and len(words[0]) >= 2 and not words[1].isupper():
                rest = c.text[len(words[0]):].lstrip()
                start = c.end - len(rest)
                name = c.name.split(None, 1)[1] if c.name.split()[0] == words[0] else c.name
                c = MentionCandidate(source=c.source, start=start, end=c.end, text=rest, name=name, kind=c.kind,
                                     language=c.language, script=c.script, title=c.title, former=c.former,
                                     key=name_key(name))
            elif words[-1].isupper() and len(words[-1]) >= 2 and is_title_word(words[0]):
                continue
        out.append(c)
    return out
