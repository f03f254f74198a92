"""Word tokens with document offsets."""
from __future__ import annotations

import re
from dataclasses import dataclass

from dossier.text import script_of
from dossier.text.names import strip_suffix

# Arabic harakat, superscript alif and tatweel: part of a word, never a boundary.
MARKS = "\u0610-\u061A\u064B-\u065F\u0670\u0640"
# A French/Italian elision before a capital (l'ANSSI, d'Essen) is a word of its own.
TOKEN_RE = re.compile(rf"\b(?:[ldjmnst]|qu)['’](?=[^\W\d_a-zà-ÿ])|[^\W\d_][\w{MARKS}]*(?:[’'`ʼ\-‐][\w{MARKS}]+)*")


@dataclass(frozen=True)
class Tok:
    start: int  # document offsets
    end: int
    text: str

    @property
    def bare(self) -> str:
        return strip_suffix(self.text)

    @property
    def script(self) -> str:
        return script_of(self.text)


def tokens(text: str, offset: int = 0) -> list[Tok]:
    """Word tokens of `text` with document offsets (internal apostrophes and hyphens kept)."""
    return [Tok(m.start() + offset, m.end() + offset, m.group()) for m in TOKEN_RE.finditer(text)]


def is_cap(tok: Tok) -> bool:
    """A capitalised Latin or Cyrillic token (scripts without case never are)."""
    ch = tok.text[0]
    return ch.isupper() and tok.script in ("Latn", "Cyrl")
