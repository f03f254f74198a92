"""What the words next to a capitalised word say about it: where something is, what a
place noun before it names (used by `dossier.extract.mentions`)."""
from __future__ import annotations

import re
from functools import lru_cache

from dossier.extract.gazetteer import region_words
from dossier.extract.tokens import Tok
from dossier.model import Document
from dossier.text.fold import fold_case as fold
from dossier.text.lexicon import lexicon_words, load_lexicon

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


@lru_cache(maxsize=1)
def _context_lexicon() -> tuple[frozenset, frozenset, str, frozenset, frozenset]:
    """(plural-asking words, dative prepositions, dative plural article, portfolio heads, portfolio links)."""
    lex = load_lexicon("context")
    words = lambda key: frozenset(fold(str(w)) for ws in (lex.get(key) or {}).values() for w in ws or [])  # noqa: E731
    dative = (lex.get("dative_plural") or {}).get("de") or {}
    return (words("plural_before"), frozenset(fold(str(w)) for w in dative.get("prepositions") or []),
            fold(str(dative.get("article") or "")), words("portfolio_heads"), words("portfolio_links"))


def after_plural_word(doc: Document, toks: list[Tok], i: int) -> bool:
    """Whether toks[i] follows "mehrere" or "seit den": a German plural common noun, not a name."""
    plural, prepositions, article, _, _ = _context_lexicon()
    if i == 0 or doc.text[toks[i - 1].end:toks[i].start].strip():
        return False
    prev = fold(toks[i - 1].text)
    if prev in plural:
        return True
    return (prev == article and i >= 2 and fold(toks[i - 2].text) in prepositions
            and not doc.text[toks[i - 2].end:toks[i - 1].start].strip())


def portfolio_words() -> frozenset[str]:
    """Folded words a portfolio is made of (context.yml `portfolio_words`)."""
    return lexicon_words("context", "portfolio_words", fold)


def is_portfolio(doc: Document, toks: list[Tok], i: int) -> bool:
    """Whether toks[i] is a ministry's portfolio: "ministre (turc) des Transports", "ministra de Sanidad"."""
    _, _, _, heads, links = _context_lexicon()
    while i > 0 and toks[i - 1].text[:1].isupper() and fold(toks[i - 1].text) not in links \
            and not doc.text[toks[i - 1].end:toks[i].start].strip():
        i -= 1  # the portfolio's first words: "of [Foreign] Affairs"
    before = [fold(t.text) for t in toks[max(0, i - 5):i]]
    for n in (2, 1):  # "de la", "des"
        if len(before) >= n and " ".join(before[-n:]) in links:
            rest = before[:-n]
            return any(w in heads for w in rest[-3:])
    return False
