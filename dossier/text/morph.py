"""Morphology: the dictionary form of Russian and Ukrainian names before keys are made.

Slavic names decline ("Лаврова", "Лавровым", "России"), so the same actor turns up in six
case forms. pymorphy3 with its Russian and Ukrainian dictionaries (package data, offline)
gives every reading of a word; the words of one name agree in case, so the case that fits
all words best is taken, and each word is put into the nominative keeping its gender
("Захаровой" -> "Захарова", never "Захаров"). Without pymorphy3 every function returns None
and the callers keep their suffix rules.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from dossier.text.lexicon import load_lexicon

#: Grammemes that mark a word as (part of) a proper name.
NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Trad"})
#: Ukrainian's dictionary guesses first names for unknown words too eagerly ("Києві" -> "Кий"):
#: there, only these readings count.
_UK_TRUSTED = frozenset({"Surn", "Patr", "Geox", "Orgn", "Abbr"})
#: What a name's reading of a capitalised word weighs beyond its likelihood, when the cases
#: the words could be in are weighed.
NAME_LEAD = 1.0
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_HEAD_POS = frozenset({"NOUN"})
_AGREEING = frozenset({"ADJF", "PRTF", "NUMR"})


@lru_cache(maxsize=4)
def _analyzer(language: str):
    try:
        import pymorphy3  # deferred: heavy (dictionaries load in ~0.4 s)
        return pymorphy3.MorphAnalyzer(lang=language)
    except (ImportError, ValueError, OSError):  # not installed, or no dictionary for it
        return None


def morph_language(language: Optional[str]) -> Optional[str]:
    """The dictionary to read a Cyrillic word with: Ukrainian for uk, else Russian."""
    return "uk" if language == "uk" else "ru"


@lru_cache(maxsize=65536)
def _parses(word: str, language: str) -> tuple:
    analyzer = _analyzer(language)
    if analyzer is None:
        return ()
    out = []
    for p in analyzer.parse(word):
        tags = set(p.tag.grammemes)
        if language == "uk" and tags & {"Name"} and not tags & _UK_TRUSTED \
                and not ("nomn" in tags and p.word == p.normal_form):
            continue  # a first name read off a declined word is a guess; one written as it is, no change
        out.append(p)
    return tuple(out)


def available(language: Optional[str] = "ru") -> bool:
    """Whether the morphological dictionary for `language` is installed."""
    return _analyzer(morph_language(language)) is not None


def _shape(word: str, like: str) -> str:
    """`word` in the letter case `like` was written in."""
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _case_of(p) -> Optional[str]:
    return next((c for c in _CASES if c in p.tag.grammemes), None)


def _best(parses: tuple, case: str, capitalised: bool):
    """The reading in `case` (any case for indeclinable words), names first when capitalised."""
    fitting = [p for p in parses if _case_of(p) == case or "Fixd" in p.tag.grammemes]
    if not fitting:
        return None
    return max(fitting, key=lambda p: (capitalised and bool(set(p.tag.grammemes) & NAME_TAGS), _score(p)))


def _score(p) -> float:
    """pymorphy's estimate, a singular reading a little ahead (a name is one person or place)."""
    return p.score + (0.0 if "plur" in p.tag.grammemes else 0.01)


@lru_cache(maxsize=65536)
def nominative(words: tuple[str, ...], language: Optional[str]) -> Optional[tuple[str, ...]]:
    """The name's words in the nominative ("Рамиза Мехдиева" -> "Рамиз Мехдиев",
    "Федеральной службы безопасности" -> "Федеральная служба безопасности"), or None when
    the dictionary is missing or cannot read the words."""
    lang = morph_language(language)
    parses = [_parses(w, lang) for w in words]
    if not words or not all(parses):
        return None
    scores = {}
    for case in _CASES:
        chosen = [_best(ps, case, w[:1].isupper()) for w, ps in zip(words, parses)]
        if all(chosen):
            # a capitalised word a name reading fits is read as that name ("Песков", not "пески")
            scores[case] = sum(_score(p) + (NAME_LEAD if w[:1].isupper() and set(p.tag.grammemes) & NAME_TAGS else 0.0)
                               for w, p in zip(words, chosen))
    if not scores:
        return None
    top = max(scores.values())
    readings = {_in_nominative(words, parses, case) for case in _CASES if scores.get(case, -1.0) >= top - 1e-9}
    return readings.pop() if len(readings) == 1 else None  # equally likely readings disagree: no guess


def _in_nominative(words: tuple[str, ...], parses: list, case: str) -> tuple[str, ...]:
    out, head_seen = [], False
    for word, ps in zip(words, parses):
        p = _best(ps, case, word[:1].isupper())
        tags = set(p.tag.grammemes)
        if head_seen or "Fixd" in tags or "-" in word:
            out.append(word)  # after the head noun words keep their case ("службы безопасности")
            continue
        form = p.inflect({"nomn"}) if case != "nomn" else p
        out.append(_shape(form.word, word) if form else word)
        if p.tag.POS in _HEAD_POS and not tags & {"Name", "Surn", "Patr"}:
            head_seen = True
    return tuple(out)


#: Parts of speech that never open a name: adverbs, comparatives, predicatives, conjunctions,
#: particles, prepositions and pronouns ("Позже", "Однако").
FUNCTION_POS = frozenset({"ADVB", "COMP", "PRED", "CONJ", "PRCL", "PREP", "NPRO"})


def _top_pos(word: str, language: Optional[str]) -> tuple[bool, Optional[str]]:
    """Whether the dictionary knows the word, and not as a name; and its likeliest part of speech."""
    lang = morph_language(language)
    analyzer = _analyzer(lang)
    parses = _parses(word, lang)
    if analyzer is None or not parses or not analyzer.word_is_known(word.lower()):
        return False, None
    if any(set(p.tag.grammemes) & NAME_TAGS for p in parses):
        return False, None
    pos = max(parses, key=_score).tag.POS
    return True, (str(pos) if pos is not None else None)


def is_common_word(word: str, language: Optional[str], nouns: bool = False) -> bool:
    """A capitalised word the dictionary knows only as an adjective, participle or verb form
    ("Уголовного") or a function word, or with `nouns` also as a common noun ("Позиция"
    opening a sentence): no name on its own."""
    known, top = _top_pos(word, language)
    if not known:
        return False
    if nouns:  # a sentence's first word: any word the dictionary knows that is not a name
        return top is not None
    return top in ("ADJF", "ADJS", "PRTF", "PRTS", "VERB", "INFN", "GRND") or top in FUNCTION_POS


def is_function_word(word: str, language: Optional[str]) -> bool:
    """"Позже газета сообщила": a function word is no outlet's first word, though an
    adjective is ("Новая газета", "Российская газета")."""
    return _top_pos(word, language)[1] in FUNCTION_POS


def is_common_abbreviation(word: str, language: Optional[str]) -> bool:
    """"УК" (criminal code), "СМИ" (the media): an abbreviation of a common noun, no actor;
    also those the dictionary does not know ("ЧВК", a private military company), listed in
    stopnames.yml."""
    if word.casefold() in _common_abbreviations():
        return True
    parses = _parses(word, morph_language(language))
    if not parses or not any("Abbr" in p.tag.grammemes for p in parses):
        return False
    return not any(set(p.tag.grammemes) & (NAME_TAGS - {"Abbr"}) for p in parses)


@lru_cache(maxsize=1)
def _common_abbreviations() -> frozenset:
    return frozenset(str(w).casefold() for words in (load_lexicon("stopnames").get("common_abbreviations") or {}).values()
                     for w in words or [])


def is_organisation(word: str, language: Optional[str]) -> bool:
    """The dictionary knows the word as an organisation's name ("МИД", "РБК")."""
    return any("Orgn" in p.tag.grammemes for p in _parses(word, morph_language(language)))


def lemmas(word: str, language: Optional[str]) -> frozenset:
    """Every dictionary form the word may be a case form of ("комитете" -> {"комитет"})."""
    return frozenset(p.normal_form for p in _parses(word, morph_language(language)))


def only_organisation(word: str, language: Optional[str]) -> bool:
    """The dictionary knows the word only as an organisation's name: a compound abbreviation
    written in lower case ("минобороны", "генпрокуратуры") is still a name."""
    parses = _parses(word, morph_language(language))
    return bool(parses) and all("Orgn" in p.tag.grammemes for p in parses)


def two_surnames(first: str, second: str, language: Optional[str]) -> bool:
    """Two surnames side by side that agree in no case and gender, no first name among them
    ("в отношении Пригожина Путин принял"): two people, not one name."""
    lang = morph_language(language)
    one, two = _parses(first, lang), _parses(second, lang)
    if not one or not two or any({"Name", "Patr"} & set(p.tag.grammemes) for p in one + two):
        return False
    forms = [{(p.tag.case, p.tag.gender) for p in parses if "Surn" in p.tag.grammemes} for parses in (one, two)]
    return all(forms) and not forms[0] & forms[1]


def is_adjective(word: str, language: Optional[str]) -> bool:
    """The likeliest reading of the word is an adjective or participle ("Херсонской", "областной")."""
    parses = _parses(word, morph_language(language))
    return bool(parses) and max(parses, key=_score).tag.POS in ("ADJF", "ADJS", "PRTF")


def is_future(word: str, language: Optional[str]) -> bool:
    """Every verb reading of the word is future ("посетит", "подпишут"; not "признает", also
    a present "признаёт"), and the likeliest reading is a verb."""
    parses = _parses(word.lower(), morph_language(language))
    verbs = [set(p.tag.grammemes) for p in parses if "VERB" in p.tag.grammemes]
    return bool(verbs) and "VERB" in max(parses, key=_score).tag.grammemes and all("futr" in v for v in verbs)


#: Turkish and Azerbaijani case and possessive endings a common noun takes with no apostrophe.
_TURKIC_ENDINGS = ("nın", "nin", "nun", "nün", "dan", "den", "tan", "ten", "da", "de", "ta", "te", "ya", "ye", "yə",
                   "ın", "in", "un", "ün", "a", "e", "ə", "ı", "i", "u", "ü")


def turkic_case_form(word: str, lower: set | dict, language: Optional[str]) -> bool:
    """Whether a capitalised Turkish or Azerbaijani word is a common noun the text writes in
    lower case with another ending ("Törene" beside "törende"): a name keeps an apostrophe
    before its endings ("Valdi'nin"). `word` and `lower` folded."""
    if language not in ("tr", "az") or len(word) < 5:
        return False
    stem = next((word[:-len(e)] for e in _TURKIC_ENDINGS if word.endswith(e) and len(word) - len(e) >= 4), None)
    return stem is not None and any(w != word and w.startswith(stem) and len(w) <= len(stem) + 3 for w in lower)
