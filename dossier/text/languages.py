"""The languages dossier reads: one table, from which every per-language list is derived."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1
    script: str  # ISO 15924 of how it is usually written
    lexicons: bool = False  # dossier/lexicons has its cue words, titles and stop names
    subject_first: bool = False  # SOV: a reporting verb at the end has its speaker first
    related: tuple[str, ...] = ()  # close relatives whose lexicons stand in for it


#: Every language the detector and the date reader know, in the order they are tried.
TABLE = (
    Language("en", "Latn", lexicons=True),
    Language("tr", "Latn", lexicons=True, subject_first=True, related=("az",)),
    Language("ar", "Arab", lexicons=True),
    Language("ru", "Cyrl", lexicons=True),
    Language("az", "Latn", lexicons=True, subject_first=True, related=("tr",)),
    Language("de", "Latn", lexicons=True),
    Language("fr", "Latn", lexicons=True),
    Language("es", "Latn", lexicons=True),
    Language("fa", "Arab", subject_first=True, related=("ar",)),  # Arabic cue words stand in
    Language("uk", "Cyrl", related=("ru",)),  # Russian cue words stand in
    Language("it", "Latn"),
)

#: Codes of every language read (detection, dates).
CODES = tuple(lang.code for lang in TABLE)
#: Code -> the script the language is usually written in.
SCRIPTS = {lang.code: lang.script for lang in TABLE}
#: Codes of the languages written in Latin script.
LATIN = tuple(lang.code for lang in TABLE if lang.script == "Latn")
#: Per script, the languages with lexicons (tried in this order when a sentence's language
#: is unknown).
LEXICON_SCRIPTS = {script: tuple(lang.code for lang in TABLE if lang.lexicons and lang.script == script)
                   for script in ("Latn", "Cyrl", "Arab")}
#: Codes of the languages with lexicons, script by script.
LEXICON_LANGUAGES = tuple(code for codes in LEXICON_SCRIPTS.values() for code in codes)
#: Languages whose lexicons stand in for each other.
RELATED = {lang.code: lang.related for lang in TABLE if lang.related}
#: SOV languages.
SUBJECT_FIRST = frozenset(lang.code for lang in TABLE if lang.subject_first)
