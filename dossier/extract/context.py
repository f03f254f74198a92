"""What the words next to a capitalised word say about it: where something is, what a
place noun before it names (used by `dossier.extract.mentions`)."""
from __future__ import annotations

import re

from dossier.extract.gazetteer import region_words
from dossier.extract.tokens import Tok
from dossier.model import Document
from dossier.text.fold import fold_case as fold

_IN = frozenset({"in", "near", "в", "во", "под", "nach", "à"})


def locative(doc: Document, toks: list[Tok], i: int) -> bool:
    """Whether toks[i] is where something is: after "in"/"в", or with a locative suffix ('da, 'de)."""
    tok = toks[i]
    if re.search(r"['’](?:da|de|ta|te|dan|den|tan|ten)$", tok.text):
        return True
    return i > 0 and toks[i - 1].text.lower() in _IN and not doc.text[toks[i - 1].end:tok.start].strip()


def after_place_noun(doc: Document, toks: list[Tok], i: int) -> bool:
    """Whether toks[i] follows a place noun ("city of", "города", "şehri" before it)."""
    nouns = region_words()[2]
    k = i - 1
    if k >= 1 and fold(toks[k].text) in ("of", "von", "de", "du") and not doc.text[toks[k].end:toks[i].start].strip():
        k -= 1
    return k >= 0 and fold(toks[k].text) in nouns and not doc.text[toks[k].end:toks[k + 1].start].strip()
