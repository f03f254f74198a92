"""Names that scripts without capitals, or cases, hide: short Arabic names whose Latin or
Cyrillic twin the dossier holds; Russian and Ukrainian organisations in a case form or in
lower case (the second half of this module).

`propagation.propagate_scripts` takes an Arabic word for a name only when its key has four
consonants or more: a shorter Arabic word with no capital letter to mark it too often spells
an ordinary word. A short name (تفير = Tver, ليون = Lyon) is taken here when, besides
spelling a name written in another script somewhere in the dossier, it stands where a name
stands: after a place noun (مدينة, مقاطعة, مستشفى) or before the adjective of a state
(ليون الفرنسية, "French Lyon").
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional, Union

from dossier.extract.gazetteer import KIN_KEY, is_stop, org_lexicon, state_of
from dossier.extract.propagation import Lookups, each_document
from dossier.extract.reuse import Reuse
from dossier.extract.tokens import Tok, tokens
from dossier.model import Document, MentionCandidate, Sentence
from dossier.text import morph
from dossier.text.fold import fold_case as fold
from dossier.text.lexicon import load_lexicon
from dossier.text.names import key_strength, name_key, name_keys, same_name, strip_arabic_clitics


@lru_cache(maxsize=2)
def arabic_nouns(field: str) -> frozenset:
    """Folded Arabic nouns after which a word names a place (`place_nouns_ar`) or a body
    (`body_nouns_ar`), from stopnames.yml."""
    return frozenset(fold(str(w)) for w in load_lexicon("stopnames").get(field) or [])


def _short_index(mentions: list[MentionCandidate]) -> dict[str, tuple[str, str]]:
    """Keys of two or three consonants -> (name, kind) of one-word names in Latin or Cyrillic
    letters that are no person (a short person's name alone is too often a word)."""
    index: dict[str, tuple[str, str]] = {}
    for m in sorted(mentions, key=lambda c: (c.source, c.start, c.end)):
        if m.script not in ("Latn", "Cyrl") or m.kind in ("state", "person") or len(m.name.split()) != 1 \
                or m.key.startswith(("state:", "inst:", KIN_KEY)):
            continue
        for key in name_keys(m.name):
            if 2 <= key_strength(key) <= 3 and " " not in key:
                index.setdefault(key, (m.name, m.kind))
    return index


def _name_position(doc: Document, toks: list[Tok], i: int) -> Optional[str]:
    """"place" when toks[i] follows a place noun or a state's adjective with the article
    follows it (ليون الفرنسية); "body" after a body's noun; else None: no name's position."""
    before = toks[i - 1] if i > 0 and not doc.text[toks[i - 1].end:toks[i].start].strip() else None
    after = toks[i + 1] if i + 1 < len(toks) and not doc.text[toks[i].end:toks[i + 1].start].strip() else None
    nouns = {fold(c) for c in strip_arabic_clitics(before.text)} if before is not None else set()
    if nouns & arabic_nouns("place_nouns_ar") or \
            after is not None and after.text.startswith("ال") and state_of(after.text) is not None:
        return "place"
    return "body" if nouns & arabic_nouns("body_nouns_ar") else None


@lru_cache(maxsize=65536)
def _short_forms(text: str) -> tuple[tuple[str, str], ...]:
    """(bare form, its key) an Arabic word may be a short name as, proclitics peeled off;
    none for a stop word or a word with the article (القوات is a noun, not a short name)."""
    if is_stop(text) or any(c.startswith("ال") for c in strip_arabic_clitics(text, keep_article=True)):
        return ()
    return tuple((bare, name_key(bare)) for bare in strip_arabic_clitics(text) if not is_stop(bare))


def _short_hit(tok: Tok, index: dict[str, tuple[str, str]]) -> Optional[tuple[str, str]]:
    """(bare Arabic word, kind) when `tok` spells an indexed name (no other readings: short keys)."""
    for bare, key in _short_forms(tok.text):
        found = index.get(key)
        if found is not None and same_name(bare, found[0]):
            return bare, found[1]
    return None


def _name_goes_on(doc: Document, toks: list[Tok], i: int) -> bool:
    """Whether the Arabic word after toks[i] goes on with the name (no article, no stop word)."""
    if i + 1 >= len(toks) or doc.text[toks[i].end:toks[i + 1].start] != " ":
        return False
    nxt = toks[i + 1]
    return nxt.script == "Arab" and not nxt.text.startswith("ال") and not is_stop(nxt.text)


def propagate_short_arabic(docs: list[Document], mentions: list[MentionCandidate],
                           memo: Union[Reuse, Lookups, None] = None) -> list[MentionCandidate]:
    """New mentions of short names in Arabic sentences, in a name's position (see above).

    With a `memo`, a document whose text, mentions and matching names are what they were on
    an earlier run is not scanned again (as in `propagation.propagate_scripts`)."""
    index = _short_index(mentions)
    if not index:
        return []
    arabic = [d for d in docs if any(s.script == "Arab" and not s.boilerplate for s in d.sentences)]
    return each_document(arabic, mentions, index, memo, "propagate-short-arabic", _short_keys, _short_doc)


def _arabic_sentences(doc: Document):
    """Each Arabic sentence outside boilerplate and its tokens."""
    for sent in doc.sentences:
        if not sent.boilerplate and sent.script == "Arab":
            yield sent, tokens(doc.text[sent.start:sent.end], sent.start)


def _short_keys(doc: Document) -> set[str]:
    """The keys the document's Arabic words may be short names as (what `_short_hit` looks up)."""
    return {key for _sent, toks in _arabic_sentences(doc) for tok in toks if tok.script == "Arab"
            for _bare, key in _short_forms(tok.text)}


def _short_doc(doc: Document, index: dict[str, tuple[str, str]], spans: list[tuple[int, int]]
               ) -> list[MentionCandidate]:
    """`propagate_short_arabic` in one document (`spans`: its mentions)."""
    new: list[MentionCandidate] = []
    for sent, toks in _arabic_sentences(doc):
        for i, tok in enumerate(toks):
            hit = _short_hit(tok, index) if tok.script == "Arab" else None
            position = _name_position(doc, toks, i) if hit is not None else None
            if hit is None or position is None or any(tok.start < b and a < tok.end for a, b in spans):
                continue
            if position == "body" and _name_goes_on(doc, toks, i):
                continue  # "مستشفى سان فيلاري": the body's name is two words, not a town "سان"
            bare, kind = hit
            if position == "place" and kind in ("place", "other"):
                kind = "place"  # "Lyon" is the city, never the outlet "Lyon Matin" it opens
            start = tok.end - len(bare) if tok.text.endswith(bare) else tok.start
            new.append(MentionCandidate(source=doc.source.id, start=start, end=tok.end,
                                        text=doc.text[start:tok.end], name=bare, kind=kind,
                                        language=sent.language, script="Arab", key=name_key(bare)))
    return new


# ---- Cyrillic: institutions in a case form, compound abbreviations in lower case --------

@lru_cache(maxsize=1)
def _cyrillic_tables() -> tuple[frozenset, frozenset]:
    """(dictionary forms of the Russian and Ukrainian institution head nouns, compound
    abbreviations the dictionary does not tag as organisations), from organizations.yml."""
    lex = load_lexicon("organizations")
    heads = lex.get("institution_heads") or {}
    out = set()
    for lang in ("ru", "uk"):
        for w in heads.get(lang) or []:
            out |= morph.lemmas(str(w), lang) | {fold(str(w))}
    abbrs = {fold(str(w)) for words in (lex.get("compound_abbreviations") or {}).values() for w in words or []}
    return frozenset(out), frozenset(abbrs)


def _institution_key(name: str) -> str:
    """"inst:<name>" when the lexicon knows the name (in the nominative), else its name key."""
    for _rx, lookup, exact in org_lexicon()[2]:
        found = None if exact else lookup.get(fold(name))
        if found is not None:
            return "inst:" + found[0]
    return name_key(name)


def _org_candidate(doc: Document, sent: Sentence, first: Tok, last: Tok, name: str) -> MentionCandidate:
    return MentionCandidate(source=doc.source.id, start=first.start, end=last.end, text=doc.text[first.start:last.end],
                            name=name, kind="organization", language=sent.language, script="Cyrl",
                            key=_institution_key(name))


@lru_cache(maxsize=65536)
def _compound_abbreviation(text: str, language: Optional[str]) -> Optional[str]:
    """"минобороны" -> "Минобороны", "генпрокуратуры" -> "Генпрокуратура": a lower-case word
    the dictionary knows only as an organisation, or one the lexicon lists; else None."""
    _heads, abbrs = _cyrillic_tables()
    lemmas = morph.lemmas(text, language)
    if fold(text) in abbrs:
        lemma = fold(text)
    elif lemmas & abbrs:
        lemma = sorted(lemmas & abbrs)[0]
    elif len(text) >= 5 and morph.only_organisation(text, language) and len(lemmas) == 1:
        lemma = next(iter(lemmas))
    else:
        return None
    return lemma[:1].upper() + lemma[1:]


def cyrillic_mentions(doc: Document, sent: Sentence, toks: list[Tok]) -> list[MentionCandidate]:
    """Organisations in Cyrillic sentences that capitals do not mark as one name: a compound
    abbreviation in lower case ("минобороны"), and an adjective before a lower-case head noun
    in any case ("Следственном комитете" -> "Следственный комитет"), named in the nominative."""
    heads, _abbrs = _cyrillic_tables()
    out: list[MentionCandidate] = []
    for i, tok in enumerate(toks):
        if tok.script != "Cyrl":
            continue
        if tok.text[:1].islower():
            name = _compound_abbreviation(tok.text, sent.language)
            if name is not None:
                out.append(_org_candidate(doc, sent, tok, tok, name))
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is None or nxt.script != "Cyrl" or not nxt.text[:1].islower() \
                or doc.text[tok.end:nxt.start] != " " or not morph.lemmas(nxt.text, sent.language) & heads \
                or not morph.is_common_word(tok.text, sent.language) or morph.is_function_word(tok.text, sent.language) \
                or state_of(tok.text) is not None:  # "Российская армия" stays a mention of Russia
            continue
        words = morph.nominative((tok.text, nxt.text), sent.language)
        if words is None:
            continue
        cand = _org_candidate(doc, sent, tok, nxt, " ".join(words))
        if i > 0 or cand.key.startswith("inst:"):  # a sentence's first word is capitalised anyway
            out.append(cand)
    return out
