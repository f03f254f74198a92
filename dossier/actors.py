"""Actors: find names in documents (rules and lexicons, no NER model) and resolve them.

`find_mentions` works on one segmented document: title cues ("French President X"),
organization cues ("news agency X", وكالة «X»), a country gazetteer built from ICU locale
data, well-known institutions, and capitalized runs in Latin/Cyrillic text. `resolve`
clusters the mentions of all documents into `Actor` records with stable ids, using the
cross-script keys of `dossier.names` and the editor's pins (content/aliases.yml).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Optional

import yaml

from dossier.errors import RecordError
from dossier.model import (ACTOR_KINDS, Actor, Alias, Document, Mention, MentionCandidate,
                           Role, Sentence)
from dossier.names import (SAME_NAME, key_strength, name_key, normalize_surface, same_name,
                           strip_arabic_clitics, strip_suffix)
from dossier.text import char_script, load_package_yaml, script_of, slugify, to_latin, unique_slug

LEXICON_DIR = Path(__file__).parent / "lexicons"
LANGUAGES = ("en", "tr", "az", "de", "ru", "ar")
LATIN_LANGS = ("en", "tr", "az", "de")
SCRIPT_LANGS = {"Latn": LATIN_LANGS, "Cyrl": ("ru",), "Arab": ("ar",)}

# ---------------------------------------------------------------------------------------
# Text folding and tokens
# ---------------------------------------------------------------------------------------

_CHAR_FOLD = {"İ": "i", "ı": "i", "ё": "е", "’": "'", "‘": "'", "ʼ": "'", "`": "'",
              "أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي"}


def fold(text: str) -> str:
    """Lowercase `text` one code point for one code point, so offsets stay valid."""
    out = []
    for ch in text:
        f = _CHAR_FOLD.get(ch)
        if f is None:
            f = ch.lower()
            if len(f) != 1:
                f = ch
            f = _CHAR_FOLD.get(f, f)
        out.append(f)
    return "".join(out)


_MARKS = "\u0610-\u061A\u064B-\u065F\u0670\u0640"
TOKEN_RE = re.compile(rf"[^\W\d_][\w{_MARKS}]*(?:[’'`ʼ\-‐][\w{_MARKS}]+)*")
_WORD_BEFORE = r"(?<![^\W_])"
_WORD_AFTER = r"(?![^\W_])"
_QUOTES = {"“": "”", "«": "»", "\"": "\"", "„": "“", "‘": "’", "(": ")", "”": "”", "'": "'"}


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


def _forms_regex(forms: Iterable[str], arabic: bool) -> Optional[re.Pattern]:
    """One alternation of folded forms, longest first, on word boundaries."""
    alts = set()
    for form in forms:
        f = fold(str(form).strip())
        if not f:
            continue
        alts.add(f)
        if arabic and f.startswith("ال"):
            alts.add("لل" + f[2:])  # li- + al- drops the alif
    if not alts:
        return None
    body = "|".join(r"\s+".join(re.escape(p) for p in a.split()) for a in sorted(alts, key=lambda a: (-len(a), a)))
    prefix = "(?:[وفبلك]{0,2}?)" if arabic else ""
    return re.compile(f"{_WORD_BEFORE}{prefix}(?P<t>{body}){_WORD_AFTER}")


# ---------------------------------------------------------------------------------------
# Lexicons
# ---------------------------------------------------------------------------------------

def _load_lexicon(name: str) -> dict:
    path = LEXICON_DIR / name
    try:
        with open(path, encoding="utf-8") as fh:
            return load_package_yaml(fh) or {}
    except yaml.MarkedYAMLError as err:
        line = err.problem_mark.line + 1 if err.problem_mark else None
        raise RecordError(str(path), f"lexicon is not valid YAML: {err.problem}", line=line) from err


@dataclass
class TitleHit:
    start: int
    end: int
    role: str
    record: bool  # False for cue words that are not roles ("counterpart")
    complement: bool  # the title takes one more word before the name ("spokesman for X")


def _cue_table(entries: list[dict], field: str) -> tuple[dict[str, re.Pattern], dict[str, str]]:
    """(language -> regex of an entry list's cue forms, folded form -> the entry's `field`)."""
    by_lang: dict[str, list[str]] = {}
    value_of: dict[str, str] = {}
    for entry in entries:
        for lang in LANGUAGES:
            for form in entry.get(lang, []) or []:
                f = fold(str(form))
                by_lang.setdefault(lang, []).append(f)
                value_of.setdefault(f, entry[field])
                if lang == "ar" and f.startswith("ال"):  # "لل" is ل + ال fused: "for the ..."
                    value_of.setdefault("لل" + f[2:], entry[field])
    return {lang: _forms_regex(forms, lang == "ar") for lang, forms in by_lang.items()}, value_of


@lru_cache(maxsize=1)
def _titles() -> tuple[dict, dict, dict]:
    """(language -> compiled title regex, folded form -> role, language -> former cues)."""
    lex = _load_lexicon("titles.yml")
    regexes, role_of = _cue_table(lex.get("titles", []), "role")
    former = {lang: {fold(str(w)) for w in (lex.get("former", {}).get(lang) or [])} for lang in LANGUAGES}
    return regexes, role_of, former


_NOT_ROLES = {"counterpart"}


@lru_cache(maxsize=1)
def _stop() -> tuple[dict[str, frozenset], frozenset, tuple[str, ...], frozenset]:
    """(language -> stop words, month/weekday names, surname endings, Arabic non-names)."""
    lex = _load_lexicon("stopnames.yml")
    stop = {lang: frozenset(fold(str(w)) for w in (lex.get("stop", {}).get(lang) or [])) for lang in LANGUAGES}
    calendar = set()
    try:
        import icu
        for lang in LANGUAGES:
            sym = icu.DateFormatSymbols(icu.Locale(lang))
            for seq in (sym.getMonths(), sym.getShortMonths(), sym.getWeekdays(), sym.getShortWeekdays()):
                calendar.update(fold(str(s)).rstrip(".") for s in seq if s)
    except ImportError:  # pragma: no cover - PyICU is a declared dependency
        pass
    endings = tuple(sorted({fold(str(e)) for e in lex.get("surname_endings", [])}, key=lambda e: (-len(e), e)))
    not_ar = frozenset(fold(str(w)) for w in lex.get("not_names_ar", []))
    return stop, frozenset(calendar), endings, not_ar


def _is_stop(word: str) -> bool:
    w = fold(strip_suffix(word))
    stop, calendar, _, not_ar = _stop()
    return w in calendar or w in not_ar or any(w in s for s in stop.values())


@lru_cache(maxsize=1)
def _orgs() -> tuple[dict, dict, list[tuple[re.Pattern, str, str]]]:
    """(language -> cue regex, folded cue -> kind, [(institution regex, name, kind)])."""
    lex = _load_lexicon("organizations.yml")
    regexes, kind_of = _cue_table(lex.get("cues", []), "kind")
    insts = []
    for entry in lex.get("institutions", []):
        for form in entry.get("forms", []):
            form = str(form)
            if form.isupper() and len(form) <= 5:
                # Acronyms must match exactly: "AB", "UN" in lower case are ordinary words.
                rx = re.compile(f"{_WORD_BEFORE}(?P<t>{re.escape(form)})(?:['’][^\\W\\d_]+)?{_WORD_AFTER}")
                insts.append((rx, entry["name"], entry.get("kind", "organization"), True))
            else:
                rx = _forms_regex([form], script_of(form) == "Arab")
                insts.append((rx, entry["name"], entry.get("kind", "organization"), False))
    return regexes, kind_of, insts


# ---- the country gazetteer -----------------------------------------------------------

_TRAILING_VOWELS = "aeiouyəаяеиыоуюэاىةي"
_STATE_SUFFIXES = {
    "Latn": {"", "n", "an", "ian", "ians", "ans", "ns", "ese", "i", "is", "ish", "s", "er", "ern",
             "li", "lu", "lü", "lar", "ler", "lilar", "liler", "ca", "ce", "ça", "çe",
             "in", "un", "ün", "nin", "nun", "a", "e", "ə", "ya", "ye", "yə", "da", "de", "də",
             "dan", "den", "dən", "ta", "te", "tan", "ten", "la", "le", "lə", "isch", "ische",
             "ischen", "ischer", "isches", "ns", "en"},
    "Cyrl": {"", "а", "у", "е", "ом", "и", "ю", "ей", "ой", "ский", "ская", "ское", "ские",
             "ского", "ской", "скому", "ским", "ских", "ском", "скую", "йский", "йская", "йское",
             "йские", "йского", "йской", "йскому", "йским", "йских", "йском", "йскую", "цы", "ец", "цев",
             "ии", "ию", "ией", "ей", "я"},
    "Arab": {"", "ي", "يه", "ية", "ة", "ون", "ين", "يون", "يين", "يان", "يا"},
}


@dataclass
class Gazetteer:
    english: dict[str, str] = field(default_factory=dict)  # region code -> English name
    exact: dict[str, str] = field(default_factory=dict)  # folded single-word form -> code
    stems: dict[str, dict[str, str]] = field(default_factory=dict)  # script -> stem -> code
    multi: Optional[re.Pattern] = None  # multi-word names
    multi_code: dict[str, str] = field(default_factory=dict)


def _stem(word: str) -> str:
    if script_of(word) == "Arab":
        # Only a final alif/ta marbuta is an ending: روسيا -> روسي (Russian: روسي، الروسية).
        return word[:-1] if word[-1:] in "اةى" else word
    s = word
    while s and s[-1] in _TRAILING_VOWELS:
        s = s[:-1]
    return s


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Countries in every supported language, from ICU display names plus a few aliases."""
    import icu

    gaz = Gazetteer()
    forms: dict[str, set[str]] = {}
    for code in sorted(icu.Locale.getISOCountries()):
        english = icu.Locale("", code).getDisplayCountry(icu.Locale("en"))
        if not english or english == code:
            continue
        gaz.english[code] = re.sub(r"\s*\(.*?\)", "", english)
        for lang in LANGUAGES:
            name = icu.Locale("", code).getDisplayCountry(icu.Locale(lang))
            name = re.sub(r"\s*\(.*?\)", "", name).strip()
            if name and name != code:
                forms.setdefault(code, set()).add(name)
    lex = _load_lexicon("organizations.yml")
    for code, aliases in (lex.get("state_aliases") or {}).items():
        forms.setdefault(str(code), set()).update(str(a) for a in aliases)
    _, _, _, not_ar = _stop()
    multi_forms = []
    for code in sorted(forms):
        for form in sorted(forms[code]):
            f = fold(form)
            raw_article = form.startswith("ال")  # not أل: ألمانيا has no article
            if f in not_ar:
                continue
            if len(f.split()) > 1:
                multi_forms.append(f)
                gaz.multi_code.setdefault(f, code)
                continue
            script = script_of(f)
            variants = [f]
            if script == "Arab" and raw_article and len(f) >= 6:
                variants.append(f[2:])
            for v in variants:
                gaz.exact.setdefault(v, code)
                one = v[:-1] if v[-1:] in _TRAILING_VOWELS else v
                if len(one) >= 4 and script != "Arab":
                    gaz.stems.setdefault(script, {}).setdefault(one, code)  # Росси-и, Russi-an
                st = _stem(v)
                # Short stems only for Latin ("Rus" from "Rusya"); in Arabic they hit words.
                min_len = 3 if len(v) >= 5 and script == "Latn" else 4
                if len(st) >= min_len:
                    gaz.stems.setdefault(script, {}).setdefault(st, code)
                if len(v) >= 4:
                    gaz.stems.setdefault(script, {}).setdefault(v, code)
                # "-stan" countries name their people by the bare stem: Kazakh(s),
                # Kazak, Kasache, казах(ский), طاجيك(ي).
                for tail in ("istan", "stan", "истан", "стан", "ستان"):
                    if v.endswith(tail) and len(v) - len(tail) >= 4:
                        gaz.stems.setdefault(script, {}).setdefault(v[: -len(tail)], code)
                        break
    if multi_forms:
        gaz.multi = _forms_regex(multi_forms, False)
        arabic_multi = [f for f in multi_forms if script_of(f) == "Arab"]
        if arabic_multi:
            gaz.multi = re.compile(gaz.multi.pattern.replace("(?P<t>", "(?:[وفبلك]{0,2}?)(?P<t>", 1))
    return gaz


# ---- the city gazetteer ------------------------------------------------------------

# Time-zone regions whose exemplar cities are real cities (not Etc/, SystemV/, Antarctica).
_TZ_REGIONS = ("Africa/", "America/", "Asia/", "Atlantic/", "Australia/", "Europe/", "Indian/", "Pacific/")
_CITY_SUFFIXES = {
    # Case endings written straight onto a city name (Azerbaijani Bakıda, German Moskaus).
    "Latn": ("", "s", "da", "də", "de", "dan", "dən", "den", "ta", "te", "tan", "ten", "ya", "yə", "ye",
             "nın", "nin", "nun", "nün", "ın", "in", "un", "ün", "a", "e", "ə"),
    # Russian cases on the stem without its final vowel: Москв-е, Москв-ы, Екатеринбург-е.
    "Cyrl": ("", "а", "у", "е", "ы", "и", "ой", "ом", "ю", "я", "ей"),
    "Arab": ("",),
}


@dataclass
class Cities:
    english: dict[str, str] = field(default_factory=dict)  # zone id -> English city name
    exact: dict[str, dict[str, str]] = field(default_factory=dict)  # script -> folded form -> zone
    multi: Optional[re.Pattern] = None  # multi-word city names
    multi_zone: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=1)
def cities() -> Cities:
    """Major cities in every supported language, from ICU's time-zone exemplar cities."""
    import icu

    out = Cities()
    gaz = gazetteer()
    stop, calendar, _, not_ar = _stop()
    stopwords = set().union(*stop.values()) | calendar | not_ar
    not_cities = {fold(str(w)) for w in _load_lexicon("stopnames.yml").get("not_cities", [])}
    names = {lang: icu.TimeZoneNames.createInstance(icu.Locale(lang)) for lang in LANGUAGES}
    zones = sorted({icu.TimeZone.getIanaID(z) or z for z in icu.TimeZone.createEnumeration()
                    if z.startswith(_TZ_REGIONS)})
    multi = []
    for zone in zones:
        english = names["en"].getExemplarLocationName(zone)
        if not english or "," in english or len(english) < 4:
            continue  # "Knox, Indiana": sub-regions of a zone are not cities worth naming
        out.english[zone] = english
        forms = set()
        for lang in LANGUAGES:
            form = names[lang].getExemplarLocationName(zone)
            if form and "," not in form:
                forms.add(form)
                if script_of(form) == "Cyrl":
                    forms.add(to_latin(form))  # Актобе -> Aktobe, a common Latin spelling
                elif script_of(form) == "Latn" and len(form) >= 5:
                    forms.add(to_latin(form))  # Bükreş -> Bukres, text typed without diacritics
        for form in sorted(forms):
            f = fold(form)
            script = script_of(f)
            if f in gaz.exact or f in stopwords or f in not_cities or len(f.replace(" ", "")) < 4:
                continue  # a city-state is a state; short or common words are not safe
            if " " in f:
                multi.append(f)
                out.multi_zone.setdefault(f, zone)
            else:
                out.exact.setdefault(script, {}).setdefault(f, zone)
    if multi:
        out.multi = _forms_regex(multi, False)
    return out


def city_of(word: str) -> Optional[str]:
    """Time-zone id of the city a single word names (any supported language), else None."""
    bare = strip_suffix(word)
    if not bare:
        return None
    script = script_of(bare)
    if script in ("Latn", "Cyrl") and not bare[0].isupper():
        return None
    table = cities().exact.get(script, {})
    if script == "Arab":
        for cand in strip_arabic_clitics(bare):
            zone = table.get(fold(cand))
            if zone:
                return zone
        return None
    f = fold(bare)
    if f in table:
        return table[f]
    for suffix in _CITY_SUFFIXES.get(script, ("",)):
        if not suffix or not f.endswith(suffix) or len(f) - len(suffix) < 4:
            continue
        stem = f[: -len(suffix)]
        if script == "Latn" and stem in table:
            return table[stem]
        if script == "Cyrl":
            for form in (stem, stem + "а", stem + "я", stem + "о"):
                if form in table:
                    return table[form]
    return None


def state_of(word: str) -> Optional[str]:
    """ISO region code when `word` names a country or is its adjective/demonym, else None."""
    bare = strip_suffix(word)
    if not bare:
        return None
    script = script_of(bare)
    if script == "Latn" and not bare[0].isupper() and not re.search("isch(e[nrsm]?)?$", bare):
        return None  # lowercase Latin only as a German adjective (aserbaidschanischen)
    gaz = gazetteer()
    f = fold(bare)
    cands = [fold(c) for c in strip_arabic_clitics(bare)] if script == "Arab" else [f]
    _, _, _, not_ar = _stop()
    suffixes = _STATE_SUFFIXES.get(script, {""})
    stems = gaz.stems.get(script, {})
    for cand in cands:
        if cand in not_ar:
            return None
        if cand in gaz.exact and (script != "Cyrl" or bare[0].isupper()):
            return gaz.exact[cand]
        for n in range(len(cand), 2, -1):
            code = stems.get(cand[:n])
            if code and cand[n:] in suffixes:
                if script == "Cyrl" and not bare[0].isupper() and not cand[n:].endswith(("ий", "ая", "ое", "ие", "ого", "ой", "ому", "им", "их", "ом", "ую")):
                    continue  # lowercase Cyrillic only as an adjective
                return code
    return None


# ---------------------------------------------------------------------------------------
# find_mentions
# ---------------------------------------------------------------------------------------

def _languages(sentence: Sentence, text: str) -> list[str]:
    """Lexicon languages to try on a sentence: its own, plus every language of each script."""
    scripts = sorted({char_script(c) for c in text} & set(SCRIPT_LANGS))
    langs: list[str] = []
    for script in scripts:
        own = SCRIPT_LANGS[script]
        if sentence.language in own and script == sentence.script:
            picked = ["tr", "az"] if sentence.language in ("tr", "az") else [sentence.language]
        else:
            picked = list(own)
        langs.extend(lang for lang in picked if lang not in langs)
    return langs


def _is_cap(tok: Tok) -> bool:
    ch = tok.text[0]
    return ch.isupper() and tok.script in ("Latn", "Cyrl")


def _arabic_name_word(tok: Tok) -> bool:
    """Could this Arabic token be part of a personal name (no capitals to tell us)?"""
    t = fold(tok.text)
    raw = re.sub(f"[{_MARKS}]", "", tok.text)
    if tok.script != "Arab" or len(t) < 3 or _is_stop(t):
        return False
    if re.search("[\u064B-\u064D]", tok.text):  # tanween marks adverbs and indefinite nouns
        return False
    if raw.startswith(("ال", "بال", "وال", "فال", "كال", "لل")):
        return False
    if raw.endswith(("ة", "ات")) or raw.startswith("ت") and len(raw) == 4:
        return False  # ta marbuta / plural: nouns (a few women's names are lost)
    return state_of(tok.text) is None


_CONNECTORS = {"of", "the", "der", "des", "die", "von", "van", "de", "del", "da", "al", "bin", "ibn", "ben", "и", "la"}


def _name_after(toks: list[Tok], i: int, text: str, max_words: int = 4) -> list[Tok]:
    """The name starting at toks[i] (capitalized run, or 1-2 Arabic words), possibly empty."""
    if i >= len(toks):
        return []
    first = toks[i]
    if first.script == "Arab":
        out = []
        for j in range(i, min(i + 2, len(toks))):
            if j > i and text[toks[j - 1].end:toks[j].start].strip():
                break  # punctuation between words ends the name
            if not _arabic_name_word(toks[j]):
                break
            out.append(toks[j])
        return out
    out = []
    j = i
    while j < len(toks) and len(out) < max_words:
        tok = toks[j]
        if out and text[toks[j - 1].end:tok.start].strip():
            break
        if out and (state_of(tok.text) or _is_title_word(tok.text) or _is_institution(tok.text)):
            break
        if not out and fold(tok.bare) in _kin_words():
            break  # "Отец Алиева": a kinship word introduces a name, it is not part of one
        if _is_cap(tok) and not _is_stop(tok.text) and not (tok.text.isupper() and len(tok.text) > 6):
            out.append(tok)
            if tok.bare != tok.text:
                break  # a case suffix ends the name: Lavrov’un
            j += 1
        elif out and tok.text.lower() in _CONNECTORS and j + 1 < len(toks) and _is_cap(toks[j + 1]):
            out.append(tok)
            j += 1
        else:
            break
    while out and out[-1].text.lower() in _CONNECTORS:
        out.pop()
    return out


@lru_cache(maxsize=1)
def _single_word_sets() -> tuple[frozenset, frozenset]:
    """(folded one-word title forms, folded one-word institution forms)."""
    lex = _load_lexicon("titles.yml")
    titles = {fold(str(f)) for e in lex.get("titles", []) for lang in LANGUAGES for f in (e.get(lang) or [])
              if " " not in str(f)}
    insts = {fold(str(f)) for e in _load_lexicon("organizations.yml").get("institutions", [])
             for f in e.get("forms", []) if " " not in str(f)}
    return frozenset(titles), frozenset(insts)


def _is_title_word(word: str) -> bool:
    return fold(strip_suffix(word)) in _single_word_sets()[0]


def _is_institution(word: str) -> bool:
    return fold(strip_suffix(word)) in _single_word_sets()[1] or fold(word) in _single_word_sets()[1]


# Case suffixes Azerbaijani (and Turkish, when the apostrophe is left out) write straight
# onto a name; cut only from the last word of a name found after a title.
_AGGLUTINATIVE = ("nın", "nin", "nun", "nün", "dən", "dan", "lə", "la", "ın", "in", "un", "ün", "yə", "ya", "də", "da")
_CYR_CASE = ("ым", "ом", "ем", "ой", "ей")


def nominative(words: list[str], language: Optional[str]) -> list[str]:
    """Best guess at the dictionary form of a name's words (Russian cases, Azerbaijani suffixes)."""
    words = list(words)
    if not words:
        return words
    if script_of(words[-1]) == "Cyrl":
        # A first name agrees with the surname's case: Ильхаму Алиеву, Ильхамом Алиевым.
        # (Not -а: "Ильхама Алиева" and "Анна Петрова" look alike.)
        last = words[-1].lower()
        agree = "у" if len(last) >= 5 and re.search("(ов|ев|ёв|ин|ын)у$", last) else None
        if len(last) >= 6 and re.search("(ов|ев|ёв|ин)ым$", last):
            agree = "ом"
        out = []
        for w in words[:-1] + [words[-1]]:
            lw = w.lower()
            if w is not words[-1] and agree and len(w) >= 4 and re.search(f"[бвгджзклмнпрстфхцчшщ]{agree}$", lw):
                out.append(w[: -len(agree)])
                continue
            lw = w.lower()
            if len(w) >= 6 and lw.endswith(_CYR_CASE):
                w = w[:-2]
            elif len(w) >= 5 and re.search("(ов|ев|ёв|ин|ын)[ауе]$", lw):
                w = w[:-1]
            elif len(w) >= 5 and re.search("[бвгджзклмнпрстфхцчшщ][уе]$", lw):
                w = w[:-1]
            out.append(w)
        return out
    if language in ("az", "tr") and script_of(words[-1]) == "Latn":
        last = words[-1]
        for suf in _AGGLUTINATIVE:
            if last.lower().endswith(suf) and len(last) - len(suf) >= 5:
                words[-1] = last[: -len(suf)]
                break
        else:
            # Accusative/dative vowel straight after a surname ending: Quliyevi, Lavrovu, Məmmədovə.
            if len(last) >= 6 and re.search("(ov|ev|yev|in|ın)[ıiuüəa]$", last.lower()):
                words[-1] = last[:-1]
    return words


def _bare_name(toks: list[Tok]) -> str:
    """The name without a case suffix on its last word (Arabic clitics are not cut here)."""
    words = [t.text for t in toks]
    words[-1] = strip_suffix(words[-1])
    return " ".join(words)


def _person_name(toks: list[Tok], language: Optional[str]) -> str:
    """A person's bare name, case endings guessed away."""
    words = [t.text for t in toks]
    words[-1] = strip_suffix(words[-1])
    if words[-1] == toks[-1].text:
        words = nominative(words, language)
    return " ".join(words)


def _candidate(doc: Document, sent: Sentence, toks: list[Tok], kind: str, name: Optional[str] = None,
               title: Optional[str] = None, former: bool = False, key: Optional[str] = None) -> MentionCandidate:
    start, end = toks[0].start, toks[-1].end
    name = name or _bare_name(toks)
    return MentionCandidate(source=doc.source.id, start=start, end=end, text=doc.text[start:end], name=name,
                            kind=kind, language=sent.language, script=script_of(doc.text[start:end]),
                            title=title, former=former, key=key if key is not None else name_key(name))


def _title_mentions(doc: Document, sent: Sentence, text: str, toks: list[Tok], langs: list[str]) -> list[MentionCandidate]:
    regexes, role_of, former_cues = _titles()
    folded = fold(text)
    formers = set().union(*(former_cues.get(lang, set()) for lang in langs)) if langs else set()
    out = []
    for lang in langs:
        rx = regexes.get(lang)
        if rx is None:
            continue
        for m in rx.finditer(folded):
            t_start, t_end = sent.start + m.start("t"), sent.start + m.end("t")
            form = re.sub(r"\s+", " ", m.group("t"))
            role = role_of.get(form, "leader")
            # Modifiers before the title: a country/demonym and "former" (Latin/Cyrillic order).
            idx = next((k for k, t in enumerate(toks) if t.end > t_start), len(toks))
            is_former = False
            title_start = t_start
            k = idx - 1
            while k >= 0 and idx - k <= 2:
                prev = toks[k]
                if text[prev.end - sent.start:title_start - sent.start].strip() not in ("",):
                    break
                if prev.script == "Arab":
                    break  # Arabic modifiers follow the title
                if fold(prev.text) in formers:
                    is_former = True
                elif state_of(prev.text) is None:
                    break
                title_start = prev.start
                k -= 1
            # Modifiers after it (Arabic order, "of France", "России"), then the name.
            j = next((k for k, t in enumerate(toks) if t.start >= t_end), len(toks))
            title_end = t_end
            skipped = 0
            if form.endswith("باسم") and j < len(toks):
                title_end, j = toks[j].end, j + 1
            while j < len(toks) and skipped < 3:
                tok = toks[j]
                gap = doc.text[title_end:tok.start]
                if gap.strip() not in ("", "-"):
                    break
                word = fold(tok.text)
                if word in formers:
                    is_former = True
                elif tok.script == "Arab" and tok.text.startswith("ال") and not _is_stop(word) and j + 1 < len(toks):
                    pass  # an adjective: الروسي, الرئاسي, السابق
                elif (word in ("of", "der", "des", "von") and j + 1 < len(toks) and state_of(toks[j + 1].text)) \
                        or (state_of(tok.text) and tok.script != "Arab") or _is_institution(tok.text):
                    pass
                else:
                    break
                title_end = tok.end
                j += 1
                skipped += 1
            if j < len(toks) and doc.text[title_end:toks[j].start].strip() not in ("", ","):
                continue
            if skipped == 0 and " " not in form and script_of(form) == "Arab" and not form.startswith(("ال", "لل")):
                continue  # an Arabic construct title (وزير، زعيم) is followed by its complement
            name_toks = _name_after(toks, j, doc.text) or _lowercase_latin_name(doc, sent, toks, j)
            if not name_toks:
                continue
            if any(state_of(t.text) for t in name_toks) and len(name_toks) == 1:
                continue
            if len(name_toks) == 1 and name_toks[0].script == "Arab" and key_strength(name_key(name_toks[0].text)) < 3:
                continue  # one short Arabic word (بيروت) after a title is more often a place than a name
            title_text = doc.text[title_start:title_end]
            if any(fold(w) in formers for w in title_text.split()):
                is_former = True
            cand = _candidate(doc, sent, name_toks, "person", name=_tidy(_person_name(name_toks, sent.language)),
                              title=title_text, former=is_former)
            if role in _NOT_ROLES:
                cand.title = None
            out.append(cand)
    return out


@lru_cache(maxsize=1)
def _kin_words() -> frozenset:
    lex = _load_lexicon("titles.yml").get("kinship", {}) or {}
    return frozenset(fold(str(w)) for lang in LANGUAGES for w in (lex.get(lang) or []))


KIN_KEY = "kin:"  # key prefix of a relative introduced by a kinship word (see resolve)


def _name_word(tok: Tok) -> bool:
    """A single token that may be (part of) a name: capitalized, or an Arabic name word."""
    if tok.script == "Arab":
        return _arabic_name_word(tok)
    return _is_cap(tok) and not _is_stop(tok.text) and not state_of(tok.text) and not _is_title_word(tok.text)


def _kin_mentions(doc: Document, sent: Sentence, text: str, toks: list[Tok]) -> list[MentionCandidate]:
    """Relatives named through a kinship word: "X's father, George" -> person "George X".

    The possessor is the name right before the kinship word (a genitive: X's, X’in, Xs)
    or right after it (Russian and Arabic: отец Буша, والد بوش; English "father of X").
    The relative's own name follows, after an optional comma; when it is one word, the
    possessor's family name completes it, so the relative never merges with the possessor.
    """
    kin = _kin_words()
    out = []

    def gap(a: Tok, b: Tok) -> str:
        return doc.text[a.end:b.start].strip()

    for k, tok in enumerate(toks):
        if fold(strip_suffix(tok.text)) not in kin:
            continue
        possessor, nxt = None, k + 1
        prev = toks[k - 1] if k > 0 else None
        if prev is not None and not gap(prev, tok) and prev.script in ("Latn", "Cyrl") and _name_word(prev):
            bare = prev.bare
            if bare == prev.text:
                if sent.language == "de" and bare.endswith("s") and len(bare) > 4:
                    bare = bare[:-1]  # German genitive: Lawrows Rede
                else:
                    bare = nominative([bare], sent.language)[0]
            possessor = bare
        elif nxt < len(toks) and not gap(tok, toks[nxt]):
            j = nxt + 1 if fold(toks[nxt].text) in ("of", "von", "des") and nxt + 1 < len(toks) else nxt
            if _name_word(toks[j]) and (toks[j].script != "Latn" or j > nxt):
                possessor = toks[j].bare if toks[j].script != "Cyrl" else nominative([toks[j].text], "ru")[0]
                if toks[j].script == "Arab":
                    possessor = re.sub(f"[{_MARKS}]", "", toks[j].text)
                nxt = j + 1
        if nxt >= len(toks) or gap(toks[nxt - 1], toks[nxt]) not in ("", ",", "،") or not _name_word(toks[nxt]):
            continue
        given = _name_after(toks, nxt, doc.text, max_words=3)
        if not given:
            continue
        words = [t.text for t in given]
        words[-1] = strip_suffix(words[-1])
        if possessor and len(given) == 1:
            name = f"{words[0]} {possessor}"
        elif possessor is None and len(given) == 1:
            continue  # "his father George": no family name to tell him apart
        else:
            name = " ".join(nominative(words, sent.language))
        out.append(_candidate(doc, sent, given, "person", name=name, key=KIN_KEY + name_key(name)))
    return out


def _lowercase_latin_name(doc: Document, sent: Sentence, toks: list[Tok], j: int) -> list[Tok]:
    """A lowercase Latin name after a title inside non-Latin text ("president recep erdogan").

    Machine translation leaves foreign names untranslated and lowercased; two or three
    Latin words (not stop words) right after the title inside an Arabic or Cyrillic
    sentence are taken as the name. One word alone is too weak a signal.
    """
    if sent.script not in ("Arab", "Cyrl") and sent.language not in ("ar", "ru"):
        return []
    out = []
    for k in range(j, min(j + 3, len(toks))):
        tok = toks[k]
        if tok.script != "Latn" or not tok.text.islower() or _is_stop(tok.text) or len(tok.text) < 3:
            break
        if out and doc.text[toks[k - 1].end:tok.start].strip():
            break
        out.append(tok)
    return out if len(out) >= 2 else []


def _quoted_after(doc: Document, pos: int, limit: int) -> Optional[tuple[int, int]]:
    """Span of a quoted or bracketed name right after `pos` (skipping spaces)."""
    i = pos
    while i < limit and doc.text[i] in " \u00a0":
        i += 1
    if i >= limit or doc.text[i] not in _QUOTES:
        return None
    close = _QUOTES[doc.text[i]]
    j = doc.text.find(close, i + 1, min(limit, i + 80))
    if j <= i + 1:
        return None
    inner = doc.text[i + 1:j]
    if len(inner.split()) > 6 or "\n" in inner:
        return None
    return i + 1, j


def _org_mentions(doc: Document, sent: Sentence, text: str, toks: list[Tok], langs: list[str]) -> list[MentionCandidate]:
    regexes, kind_of, _ = _orgs()
    quoted_only = _quoted_only()
    folded = fold(text)
    out = []
    sent_end = sent.start + len(text)
    for lang in langs:
        rx = regexes.get(lang)
        if rx is None:
            continue
        for m in rx.finditer(folded):
            c_start, c_end = sent.start + m.start("t"), sent.start + m.end("t")
            form = re.sub(r"\s+", " ", m.group("t"))
            kind = kind_of.get(form, "organization")
            j = next((k for k, t in enumerate(toks) if t.start >= c_end), len(toks))
            # Skip adjectives right after the cue (وكالة الأنباء الروسية (TASS), "the").
            pos = c_end
            while j < len(toks) and doc.text[pos:toks[j].start].strip() == "" and (
                    (toks[j].script == "Arab" and toks[j].text.startswith("ال")
                     and (state_of(toks[j].text) or _quoted_after(doc, toks[j].end, sent_end)))
                    or fold(toks[j].text) in ("الرسمية", "الرسمي", "the", "der", "die", "das")):
                pos = toks[j].end
                j += 1
            quoted = _quoted_after(doc, pos, sent_end)
            if quoted:
                qs, qe = quoted
                inner = tokens(doc.text[qs:qe], qs)
                if inner:
                    out.append(_candidate(doc, sent, inner, kind))
                continue
            adjacent = j < len(toks) and doc.text[pos:toks[j].start].strip() == ""
            if kind == "outlet" and adjacent and toks[j].script == "Arab":
                if form in quoted_only:
                    continue
                name = []
                for k in range(j, min(j + 3, len(toks))):
                    tok = toks[k]
                    if k > j and (doc.text[toks[k - 1].end:tok.start].strip() or tok.text.startswith("ال")):
                        break
                    if _is_stop(tok.text) or (k == j and state_of(tok.text)) or not tok.script == "Arab":
                        break
                    name.append(tok)
                if name:
                    out.append(_candidate(doc, sent, name, kind))
                continue
            if kind == "outlet" and adjacent:
                name = _name_after(toks, j, doc.text)
                if name and not all(state_of(t.text) for t in name):
                    out.append(_candidate(doc, sent, name, kind))
                    continue
            # A capitalized cue is part of the name itself: "Anadolu Ajansı", "Foreign Ministry".
            cue_tok = next((t for t in toks if t.start <= c_start < t.end), None)
            if kind == "outlet" and cue_tok is not None and not _is_cap(cue_tok) and cue_tok.script != "Arab":
                k = toks.index(cue_tok)
                first = k
                while first > 0 and k - first < 3 and _is_cap(toks[first - 1]) \
                        and not doc.text[toks[first - 1].end:toks[first].start].strip() \
                        and not _is_stop(toks[first - 1].text) and not state_of(toks[first - 1].text):
                    first -= 1
                if first < k:
                    out.append(_candidate(doc, sent, toks[first:k], kind))
                    continue
            if cue_tok is not None and _is_cap(cue_tok):
                k = toks.index(cue_tok)
                first = k
                while first > 0 and _is_cap(toks[first - 1]) and not doc.text[toks[first - 1].end:toks[first].start].strip() \
                        and not _is_stop(toks[first - 1].text):
                    first -= 1
                if first < k:
                    span = toks[first:k + 1]
                    out.append(_candidate(doc, sent, span, kind,
                                          name=" ".join(t.text for t in span[:-1]) + " " + span[-1].bare))
    return out


@lru_cache(maxsize=1)
def _quoted_only() -> frozenset:
    return frozenset(fold(str(w)) for w in _load_lexicon("organizations.yml").get("quoted_only_ar", []))


def _institution_mentions(doc: Document, sent: Sentence, text: str) -> list[MentionCandidate]:
    _, _, insts = _orgs()
    folded = fold(text)
    out = []
    for rx, name, kind, exact_case in insts:
        if rx is None:
            continue
        for m in rx.finditer(text if exact_case else folded):
            s, e = sent.start + m.start("t"), sent.start + m.end("t")
            # Keep a Turkish suffix inside the mention (Kremlin’e), as for other names.
            tail = re.match(r"['’][^\W\d_]+", doc.text[e:e + 8])
            if tail:
                e += tail.end()
            toks = [Tok(s, e, doc.text[s:e])]
            out.append(_candidate(doc, sent, toks, kind, name=doc.text[s:e].split("'")[0].split("’")[0],
                                  key="inst:" + name))
    return out


def _hyphen_parts(toks: list[Tok]) -> list[Tok]:
    """Tokens with hyphenated compounds also split into their parts (Russia-Ukraine)."""
    out = []
    for tok in toks:
        out.append(tok)
        if re.search("[-‐]", tok.text):
            pos = tok.start
            for part in re.split("([-‐])", tok.text):
                if part and part not in "-‐":
                    out.append(Tok(pos, pos + len(part), part))
                pos += len(part)
    return out


def _bare_place(tok: Tok, same: Callable[[str], bool]) -> str:
    """A place token without its suffix or Arabic proclitics (وبيروت -> بيروت), for aliases."""
    if tok.script != "Arab":
        return tok.bare
    forms = [c for c in strip_arabic_clitics(tok.text, keep_article=True) if same(c)]
    return forms[-1] if forms else tok.text


def _gazetteer_mentions(doc: Document, sent: Sentence, text: str, toks: list[Tok], kind: str, prefix: str,
                        multi: Optional[re.Pattern], multi_code: dict[str, str],
                        code_of: Callable[[str], Optional[str]], capitalised: bool) -> list[MentionCandidate]:
    """Mentions of a gazetteer's entries: multi-word names first, then single (hyphen-split) tokens.

    Every spelling of one entry shares the key `<prefix>:<code>`. With `capitalised`, a multi-word
    match in a cased script must start with a capital (city names double as common words).
    """
    out = []
    taken: list[tuple[int, int]] = []
    if multi is not None:
        for m in multi.finditer(fold(text)):
            s, e = sent.start + m.start("t"), sent.start + m.end("t")
            code = multi_code.get(re.sub(r"\s+", " ", m.group("t")))
            cased = script_of(doc.text[s:e]) in ("Latn", "Cyrl")
            if code and (not capitalised or doc.text[s].isupper() or not cased):
                out.append(_candidate(doc, sent, [Tok(s, e, doc.text[s:e])], kind, key=f"{prefix}:{code}"))
                taken.append((s, e))
    for tok in _hyphen_parts(toks):
        if any(s <= tok.start < e for s, e in taken):
            continue
        code = code_of(tok.text)
        if code:
            out.append(_candidate(doc, sent, [tok], kind, name=_bare_place(tok, lambda w: code_of(w) == code),
                                  key=f"{prefix}:{code}"))
    return out


def _state_mentions(doc: Document, sent: Sentence, text: str, toks: list[Tok]) -> list[MentionCandidate]:
    """Countries of the ICU gazetteer; all spellings and adjectives of one share the key state:<ISO>."""
    gaz = gazetteer()
    return _gazetteer_mentions(doc, sent, text, toks, "state", "state", gaz.multi, gaz.multi_code, state_of, False)


def _place_mentions(doc: Document, sent: Sentence, text: str, toks: list[Tok]) -> list[MentionCandidate]:
    """Cities of the time-zone gazetteer; all spellings of one city share the key place:<zone>."""
    cty = cities()
    return _gazetteer_mentions(doc, sent, text, toks, "place", "place", cty.multi, cty.multi_zone, city_of, True)


@lru_cache(maxsize=1)
def _caps_lexicon() -> tuple[frozenset, frozenset, frozenset]:
    """(event cue words, capitalized common words, institution head nouns), all folded."""
    lex = _load_lexicon("stopnames.yml")
    events = {fold(str(w)) for lang in LANGUAGES for w in (lex.get("event_cues", {}).get(lang) or [])}
    common = {fold(str(w)) for lang in LANGUAGES for w in (lex.get("common_caps", {}).get(lang) or [])}
    heads = _load_lexicon("organizations.yml").get("institution_heads", {}) or {}
    inst = {fold(str(w)) for lang in LANGUAGES for w in (heads.get(lang) or [])}
    return frozenset(events), frozenset(common), frozenset(inst)


def _is_event_word(word: str) -> bool:
    """An event noun ("summit", "zirvesi", "Gipfel"), also as the last part of a compound."""
    events = _caps_lexicon()[0]
    w = fold(strip_suffix(word))
    return w in events or re.split("[-‐]", w)[-1] in events


def _is_institution_run(words: list[str]) -> bool:
    """A capitalized run headed by an institution noun (last word; first word in Russian)."""
    heads = _caps_lexicon()[2]
    last = fold(strip_suffix(words[-1]))
    first = fold(words[0])
    # Azerbaijani writes case endings straight onto the noun: Administrasiyasının.
    unsuffixed = fold(nominative([strip_suffix(words[-1])], "az")[0])
    return last in heads or unsuffixed in heads or (script_of(first) == "Cyrl" and first in heads)


def _guess_kind(words: list[str]) -> str:
    _, _, endings, _ = _stop()
    last = fold(strip_suffix(words[-1]))
    if len(words) >= 2 and _is_institution_run(words):
        return "organization"
    if len(words) >= 2 and last.endswith(endings):
        return "person"
    return "other"


def _capitalized_mentions(doc: Document, sent: Sentence, text: str, toks: list[Tok],
                          inner_caps: set[str]) -> list[MentionCandidate]:
    if sent.heading:
        return []
    out = []
    i = 0
    german = sent.language == "de"
    while i < len(toks):
        tok = toks[i]
        if not _is_cap(tok) or _is_stop(tok.text) or (tok.text.isupper() and len(tok.text) > 6):
            i += 1
            continue
        run = _name_after(toks, i, doc.text)
        if not run:
            i += 1
            continue
        if german and len(run) == 1:
            i += 1
            continue  # German capitalizes every noun: one capitalized word proves nothing
        initial = i == 0 or doc.text[toks[i - 1].end:tok.start].strip() in (".", "!", "?", ":", "—", "–", "-")
        if initial and len(run) == 1 and fold(tok.bare) not in inner_caps:
            i += 1
            continue  # a capitalized sentence-initial word is usually just a word
        if all(state_of(t.text) for t in run):
            i += len(run)
            continue
        nxt = i + len(run)
        if any(state_of(p.text) or city_of(p.text) for p in _hyphen_parts(run) if p not in run) \
                or (nxt < len(toks) and _is_event_word(toks[nxt].text)) or any(_is_event_word(t.text) for t in run):
            i = nxt
            continue  # "Russia-Ukraine", "the Russia-Central Asia summit": a relation or an event
        if _is_title_word(run[0].text) and (german or len(run) > 1 and not _is_cap(run[1])):
            i = nxt
            continue  # "Leiter der Präsidialverwaltung": a title phrase, not a name
        if len(run) == 1 and (fold(run[0].bare) in _caps_lexicon()[1] or _is_institution_run([run[0].text])):
            i = nxt
            continue  # "Ally Turkey", "Parliament": a capitalized common noun
        if nxt < len(toks) and _is_title_word(toks[nxt].text) and not doc.text[toks[nxt - 1].end:toks[nxt].start].strip():
            i = nxt
            continue  # part of a title phrase ("Cumhurbaşkanlığı İdaresi Şefi"), not a name
        if sum(1 for t in run if t.text.isupper() and len(t.text) > 1) > 1:
            i += len(run)
            continue  # shouted caption credits (EPA / NAME SURNAME)
        out.append(_candidate(doc, sent, run, _guess_kind([t.text for t in run])))
        i += len(run)
    return out


_PRIORITY = {"title": 0, "kin": 0.5, "org": 1, "inst": 2, "state": 3, "place": 3.5, "prop": 4, "caps": 5}


def _dedupe(found: list[tuple[str, MentionCandidate]]) -> list[MentionCandidate]:
    """Drop overlapping candidates, keeping cue-found ones over guesses, then longer ones."""
    def rank(p):
        prio = _PRIORITY[p[0]]
        if p[0] == "caps" and " " in p[1].name:
            prio = 2.5  # "Radio Liberty Ukraine" beats the country inside it
        return (prio, -(p[1].end - p[1].start), p[1].start)
    ranked = sorted(found, key=rank)
    kept: list[MentionCandidate] = []
    for _, cand in ranked:
        if any(cand.start < k.end and k.start < cand.end for k in kept):
            continue
        kept.append(cand)
    return sorted(kept, key=lambda c: (c.start, c.end))


def _inner_caps(doc: Document) -> set[str]:
    """Words seen capitalized inside a sentence somewhere in the document (likely names)."""
    seen = set()
    for sent in doc.sentences:
        toks = tokens(doc.text[sent.start:sent.end], sent.start)
        for a, b in zip(toks, toks[1:]):
            if _is_cap(b) and doc.text[a.end:b.start].strip() in ("", ","):
                seen.add(fold(b.bare))
    return seen


def warm_lexicons() -> None:
    """Build now the lexicon tables `find_mentions` reads (compiling their regexes takes
    a few tenths of a second), e.g. while another process reads the document."""
    gazetteer()
    cities()
    _titles()
    _stop()
    _orgs()
    _single_word_sets()
    _kin_words()
    _quoted_only()
    _caps_lexicon()


def find_mentions(doc: Document) -> list[MentionCandidate]:
    """Every actor name found in one segmented document, sorted by offset, no overlaps."""
    found: list[tuple[str, MentionCandidate]] = []
    inner = _inner_caps(doc)
    for sent in doc.sentences:
        if sent.boilerplate:
            continue
        text = doc.text[sent.start:sent.end]
        toks = tokens(text, sent.start)
        langs = _languages(sent, text)
        found += [("title", c) for c in _title_mentions(doc, sent, text, toks, langs)]
        found += [("kin", c) for c in _kin_mentions(doc, sent, text, toks)]
        found += [("org", c) for c in _org_mentions(doc, sent, text, toks, langs)]
        found += [("inst", c) for c in _institution_mentions(doc, sent, text)]
        found += [("state", c) for c in _state_mentions(doc, sent, text, toks)]
        found += [("place", c) for c in _place_mentions(doc, sent, text, toks)]
        found += [("caps", c) for c in _capitalized_mentions(doc, sent, text, toks, inner)]
    cued = _dedupe([f for f in found if f[0] != "caps"])
    # Names found by a cue are looked up in the rest of the document before guessing
    # from capitals, so "Mukhtarovun" becomes Mukhtarov rather than a new name.
    extra = propagate([doc], cued)
    return _dedupe([("title", c) for c in cued] + [("prop", c) for c in extra]
                   + [f for f in found if f[0] == "caps"])


# ---------------------------------------------------------------------------------------
# Propagation: a name found by a cue is looked up everywhere else
# ---------------------------------------------------------------------------------------

_CASE_ENDINGS = {
    "Cyrl": ("", "а", "у", "ом", "ым", "е", "ой", "ою", "ы", "и", "ым", "ой", "ий", "ого", "ому", "я", "ю"),
    "Latn": ("", "s", "in", "ın", "un", "ün", "nin", "nın", "a", "e", "ə", "ya", "yə", "da", "də", "dan", "dən", "la", "lə", "ı", "i", "u", "ü"),
    "Arab": ("",),
}


def _name_index(mentions: list[MentionCandidate]) -> dict[tuple[str, ...], tuple[str, str]]:
    """Folded word sequences -> (name, kind) for names worth looking up elsewhere."""
    index: dict[tuple[str, ...], tuple[str, str]] = {}
    for m in sorted(mentions, key=lambda c: (c.source, c.start, c.end)):
        if m.kind in ("state", "place", "other") or m.key.startswith(("state:", "inst:", "place:", KIN_KEY)):
            continue
        words = [_fold_word(w) for w in m.name.split()]
        if not words or any(len(w) < 3 for w in words[-1:]):
            continue
        if len(words) == 1 and m.kind == "person" and m.script == "Arab":
            continue  # one Arabic word after a title may be a place or a noun: do not spread it
        index.setdefault(tuple(words), (m.name, m.kind))
        # The family name alone refers to a person; an outlet is often cut to its first word.
        if m.kind not in ("person", "outlet"):
            continue  # "Cumhurbaşkanlığı" alone is not "Cumhurbaşkanlığı Ofisi"
        part = words[-1] if m.kind == "person" else words[0]
        if len(words) > 1 and len(part) >= 4 and not _is_stop(part) and not state_of(part):
            index.setdefault((part,), (m.name.split()[-1] if m.kind == "person" else m.name.split()[0], m.kind))
    return index


def _token_forms(tok: Tok) -> list[tuple[str, str]]:
    """(folded bare form, the exact surface prefix it came from) candidates for a token."""
    return list(_word_forms(tok.text))


@lru_cache(maxsize=131072)
def _word_forms(text: str) -> tuple[tuple[str, str], ...]:
    script = script_of(text)
    if script == "Arab":
        return _first_forms(text, script)
    surface = strip_suffix(text)
    bare = fold(surface)
    out = [(bare, surface)]
    for ending in _CASE_ENDINGS.get(script, ("",)):
        if ending and bare.endswith(ending) and len(bare) - len(ending) >= 3:
            out.append((bare[: -len(ending)], surface[: -len(ending)]))
    return tuple(out)


@lru_cache(maxsize=131072)
def _first_forms(text: str, script: str) -> tuple[tuple[str, str], ...]:
    """The folded forms a word can take as the first of several (clitics stripped in Arabic)."""
    if script == "Arab":
        return tuple((_fold_word(c), c) for c in strip_arabic_clitics(text, keep_article=True))
    return ((_fold_word(text), text),)


@lru_cache(maxsize=131072)
def _fold_word(text: str) -> str:
    return fold(text)


def _run_keys(run: list[Tok]) -> list[tuple[tuple[str, ...], str]]:
    """Lookup keys for a run of words, with the bare surface each key stands for."""
    if len(run) == 1:
        return [((f,), surf) for f, surf in _token_forms(run[0])]
    firsts = _first_forms(run[0].text, run[0].script)
    middle = [(_fold_word(t.text), t.text) for t in run[1:-1]]
    out = []
    for ff, fs in firsts:
        for lf, ls in _token_forms(run[-1]):
            key = (ff,) + tuple(f for f, _ in middle) + (lf,)
            out.append((key, " ".join([fs] + [m for _, m in middle] + [ls])))
    return out


def _scanned(doc: Document) -> list[tuple[str, list[Tok]]]:
    """(language, tokens) of each sentence propagation looks at (boilerplate is skipped)."""
    return [(sent.language, tokens(doc.text[sent.start:sent.end], sent.start))
            for sent in doc.sentences if not sent.boilerplate]


def first_words(doc: Document) -> frozenset:
    """Every folded form a name looked up in `doc` can start with (see `propagate`)."""
    out: set[str] = set()
    for _lang, toks in _scanned(doc):
        for t in toks:
            out.update(f for f, _ in _token_forms(t))
            out.update(f for f, _ in _first_forms(t.text, t.script))
    return frozenset(out)


def propagate(docs: list[Document], mentions: list[MentionCandidate], memo=None) -> list[MentionCandidate]:
    """New mentions of names already found (by a cue) at other places of `docs`.

    Matching is by exact words in the same script after removing case suffixes and Arabic
    clitics, never by the coarse cross-script key (too many Arabic words would collide).
    New mentions never overlap existing ones.

    What one document yields depends on its text, its own mentions and the names looked up
    whose first word occurs in it; with a `memo` (see `dossier.cache.Memo`) a document for
    which those are what they were on an earlier run is not scanned again.
    """
    index = _name_index(mentions)
    if not index:
        return []
    occupied: dict[str, list[tuple[int, int]]] = {}
    for m in mentions:
        occupied.setdefault(m.source, []).append((m.start, m.end))
    kinds = {k: kind for k, (_name, kind) in index.items()}
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for k in index:
        by_first.setdefault(k[0], []).append(k)
    new: list[MentionCandidate] = []
    for doc in docs:
        spans = occupied.setdefault(doc.source.id, [])
        if memo is None:
            new.extend(_propagate_doc(doc, kinds, spans))
            continue
        shape = memo.key(doc.source.id, doc.text, [(s.start, s.end, s.language, s.boilerplate) for s in doc.sentences])
        firsts_key = memo.key("first-words", shape)
        firsts = memo.get(firsts_key)
        if firsts is None:
            firsts = sorted(first_words(doc))
            memo.put(firsts_key, firsts)
        relevant = {k: kinds[k] for f in firsts if f in by_first for k in by_first[f]}
        key = memo.key("propagate", shape, sorted(relevant.items()), sorted(spans))
        found = memo.get(key)
        if found is None:
            found = _propagate_doc(doc, relevant, spans)
            memo.put(key, found)
        new.extend(found)
    return sorted(new, key=lambda c: (c.source, c.start, c.end))


def _propagate_doc(doc: Document, index: dict[tuple[str, ...], str], spans: list[tuple[int, int]]
                   ) -> list[MentionCandidate]:
    """`propagate` in one document: `index` maps folded word sequences to an actor kind."""
    if not index:
        return []
    max_len = max(len(k) for k in index)
    spans = list(spans)
    new: list[MentionCandidate] = []
    for language, toks in _scanned(doc):
        i = 0
        while i < len(toks):
            hit = None
            for n in range(min(max_len, len(toks) - i), 0, -1):
                run = toks[i:i + n]
                if any(doc.text[a.end:b.start].strip() for a, b in zip(run, run[1:])):
                    continue
                if run[0].script in ("Latn", "Cyrl") and not _is_cap(run[0]):
                    continue
                for key, surface in _run_keys(run):
                    if key in index:
                        hit = (run, surface, index[key])
                        break
                if hit:
                    break
            if not hit:
                i += 1
                continue
            run, surface, kind = hit
            s, e = run[0].start, run[-1].end
            if not any(s < b and a < e for a, b in spans):
                new.append(MentionCandidate(source=doc.source.id, start=s, end=e, text=doc.text[s:e],
                                            name=surface, kind=kind, language=language,
                                            script=script_of(doc.text[s:e]), key=name_key(surface)))
                spans.append((s, e))
            i += len(run)
    return new


# ---------------------------------------------------------------------------------------
# Pins: the editor's content/aliases.yml
# ---------------------------------------------------------------------------------------

@dataclass
class Pin:
    """Force these spellings into one actor with this canonical name (and id/kind)."""
    name: str
    aliases: list[str] = field(default_factory=list)
    id: Optional[str] = None
    kind: Optional[str] = None

    def matches(self, name: str) -> bool:
        n = normalize_surface(name)
        return any(normalize_surface(a) == n or same_name(a, name) for a in [self.name] + self.aliases)


@dataclass
class Pins:
    """The editor's merges (`pins`) and forbidden merges (`distinct`, groups of names)."""
    pins: list[Pin] = field(default_factory=list)
    distinct: list[list[str]] = field(default_factory=list)


def load_pins(content_dir: Path) -> Pins:
    """Read content/aliases.yml; an empty Pins when the file is missing or empty."""
    path = Path(content_dir) / "aliases.yml"
    if not path.exists():
        return Pins()
    shown = f"{path.parent.name}/{path.name}"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as err:
        line = err.problem_mark.line + 1 if err.problem_mark is not None else None
        raise RecordError(shown, f"not valid YAML: {err.problem}", line=line,
                          hint="check indentation and quoting") from err
    except UnicodeDecodeError as err:
        raise RecordError(shown, "not UTF-8 text", hint="save the file as UTF-8") from err
    if data is None:
        return Pins()
    if not isinstance(data, list):
        raise RecordError(shown, "must be a list of entries (each starting with '- ')",
                          hint="see the commented examples in the file")
    pins = Pins()
    for n, entry in enumerate(data, 1):
        where = f"entry {n}"
        if not isinstance(entry, dict):
            raise RecordError(shown, f"{where} must be a mapping with 'name' and 'aliases', or 'distinct'")
        if "distinct" in entry:
            names = entry["distinct"]
            if not isinstance(names, list) or len(names) < 2 or not all(isinstance(x, str) for x in names):
                raise RecordError(shown, f"{where}: 'distinct' must list at least two names")
            pins.distinct.append([str(x) for x in names])
            continue
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise RecordError(shown, f"{where}: 'name' (the canonical name) is required")
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise RecordError(shown, f"{where} ({name}): 'aliases' must be a list of spellings")
        kind = entry.get("kind")
        if kind is not None and kind not in ACTOR_KINDS:
            raise RecordError(shown, f"{where} ({name}): kind '{kind}' is not one of {', '.join(ACTOR_KINDS)}")
        pin_id = entry.get("id")
        if pin_id is not None and (not isinstance(pin_id, str) or slugify(pin_id) != pin_id):
            raise RecordError(shown, f"{where} ({name}): id '{pin_id}' must be lowercase a-z, 0-9 and '-'")
        pins.pins.append(Pin(name=name.strip(), aliases=[a.strip() for a in aliases], id=pin_id, kind=kind))
    return pins


# ---------------------------------------------------------------------------------------
# resolve
# ---------------------------------------------------------------------------------------

class _Clusters:
    """Union-find over cluster labels, refusing merges the editor forbade."""

    def __init__(self, forbidden):
        self.parent: dict[str, str] = {}
        self.names: dict[str, set[str]] = {}
        self.forbidden = forbidden

    def add(self, label: str, name: str) -> None:
        self.parent.setdefault(label, label)
        self.names.setdefault(label, set()).add(name)

    def find(self, label: str) -> str:
        while self.parent[label] != label:
            self.parent[label] = self.parent[self.parent[label]]
            label = self.parent[label]
        return label

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.forbidden(self.names[ra], self.names[rb]):
            return False
        keep, drop = sorted((ra, rb))
        self.parent[drop] = keep
        self.names[keep] |= self.names.pop(drop)
        return True


def _forbidder(pins: Pins):
    def forbidden(names_a: set[str], names_b: set[str]) -> bool:
        for group in pins.distinct:
            hit_a = {i for i, g in enumerate(group) for n in names_a if normalize_surface(n) == normalize_surface(g)}
            hit_b = {i for i, g in enumerate(group) for n in names_b if normalize_surface(n) == normalize_surface(g)}
            if hit_a and hit_b and hit_a != hit_b:
                return True
        return False
    return forbidden


_KIND_WEIGHT = {"person": 2, "outlet": 3, "organization": 2, "state": 5, "place": 1, "other": 0.5}


def _compatible(kind_a: str, kind_b: str) -> bool:
    """Kinds that may name the same actor (an unsure 'other' goes with anything)."""
    if "other" in (kind_a, kind_b) or kind_a == kind_b:
        return True
    return {kind_a, kind_b} == {"outlet", "organization"}


def _key_pairs(names: list[str], family: bool = False) -> list[tuple[int, int]]:
    """Index pairs (i < j, sorted) of names sharing a cross-script key, never all pairs.

    Two spellings of one name have the same `name_key`; with `family`, names of two or more
    words that share the key of everything after the first word are paired too.
    """
    blocks: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        keys = {"k:" + name_key(name)}
        words = name.split()
        if family and len(words) > 1:
            keys.add(f"f{len(words)}:" + name_key(" ".join(words[1:])))
        for k in keys:
            blocks.setdefault(k, []).append(i)
    pairs = {(x, y) for members in blocks.values() for n, x in enumerate(members) for y in members[n + 1:]}
    return sorted(pairs)


def _nasal_variant(a: str, b: str) -> bool:
    """Same family name; given names equal but for a final n/m (Ilhan ~ Ilham)."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or len(wa) < 2 or not same_name(" ".join(wa[1:]), " ".join(wb[1:])):
        return False
    ka, kb = name_key(wa[0]), name_key(wb[0])
    return ka != kb and len(ka) >= 3 and ka[:-1] == kb[:-1] and {ka[-1], kb[-1]} == {"n", "m"}


def _canonical(mentions: list[MentionCandidate]) -> str:
    """The name an actor is shown under.

    A Latin form wins when there is one (English documents first; multi-word forms before
    single words; then the most frequent; ties alphabetical). An actor seen only in
    another script keeps its most frequent fullest original spelling (تاس, not a
    vowel-less transliteration); its id is still an ASCII slug.
    """
    names = [m.name for m in mentions]
    english = [m.name for m in mentions if m.language == "en"]
    for pool in ([n for n in english if script_of(n) == "Latn" and len(n.split()) > 1],
                 [n for n in names if script_of(n) == "Latn" and len(n.split()) > 1],
                 [n for n in english if script_of(n) == "Latn"],
                 [n for n in names if script_of(n) == "Latn"],
                 [n for n in names if len(n.split()) > 1],
                 names):
        if pool:
            counts = Counter(_tidy(n) for n in pool)
            best = max(counts.values())
            longest = max(len(n.split()) for n, c in counts.items() if c == best)
            return sorted(n for n, c in counts.items() if c == best and len(n.split()) == longest)[0]
    return ""


def _tidy(name: str) -> str:
    """A Latin name in title case when it was written all in lower or upper case."""
    if name.islower() or (name.isupper() and len(name) > 5):
        return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())
    return name


def resolve(docs: list[Document], mentions: list[MentionCandidate], existing: list[Actor],
            pins: Optional[Pins], memo=None) -> tuple[list[Actor], dict[tuple[str, int, int], str]]:
    """Cluster mentions of all documents into actors with stable ids.

    Names found by a cue in one document are first looked up in every other document
    (see `propagate`); the new MentionCandidates are APPENDED to `mentions` in place so
    the caller can pair them with their actor ids. Returns the actors (sorted by id) and
    a map (source id, start, end) -> actor id for every mention.
    """
    pins = pins or Pins()
    # name comparisons of earlier runs (a pure function of two strings)
    table_key = memo.key("same-name") if memo is not None else None
    if table_key is not None:
        SAME_NAME.update(memo.get(table_key) or {})
    known = len(SAME_NAME)
    extra = propagate(docs, mentions, memo)
    mentions.extend(extra)
    ordered = sorted(mentions, key=lambda m: (m.source, m.start, m.end, m.name))
    clusters = _Clusters(_forbidder(pins))
    label_of: dict[int, str] = {}

    def label_for(m: MentionCandidate) -> str:
        for i, pin in enumerate(pins.pins):
            if pin.matches(m.name):
                return f"pin:{i:04d}"
        if m.key.startswith(("state:", "inst:", "place:")):
            return m.key
        return ""

    # 1. Lexicon actors and pins get fixed labels; full names (2+ words) their own.
    fulls: dict[str, list[int]] = {}
    singles: list[int] = []
    for idx, m in enumerate(ordered):
        fixed = label_for(m)
        if fixed:
            label_of[idx] = fixed
            clusters.add(fixed, m.name)
        elif len(m.name.split()) > 1:
            lab = "name:" + normalize_surface(m.name)
            label_of[idx] = lab
            clusters.add(lab, m.name)
            fulls.setdefault(lab, []).append(idx)
        else:
            singles.append(idx)

    # 2. Full names that are spellings of one another merge (cross-script by key); so do
    #    two people whose given names differ only by a final n/m (Ilhan/Ilham, a common
    #    mistranslation) when the family name AND a role agree.
    full_labels = sorted(fulls)
    kinds = {lab: Counter(ordered[i].kind for i in fulls[lab]) for lab in full_labels}
    roles = {lab: {role_key(ordered[i].title, ordered[i].language) for i in fulls[lab] if ordered[i].title} - {None}
             for lab in full_labels}
    # Only pairs that share a key can pass (same_name implies equal name_key; a nasal
    # variant has the same family name): blocking by key keeps this linear.
    for a_i, b_i in _key_pairs([ordered[fulls[lab][0]].name for lab in full_labels], family=True):
        a, b = full_labels[a_i], full_labels[b_i]
        na, nb = ordered[fulls[a][0]].name, ordered[fulls[b][0]].name
        ka, kb = kinds[a].most_common(1)[0][0], kinds[b].most_common(1)[0][0]
        if not _compatible(ka, kb) or key_strength(name_key(na)) < 3:
            continue
        if same_name(na, nb) or (ka == kb == "person" and roles[a] & roles[b] and _nasal_variant(na, nb)):
            clusters.union(a, b)

    # 3. A single word joins the full name it abbreviates: the one used in the same
    #    document, else the only one anywhere; when several fit it stays apart.
    #    A relative introduced by a kinship word ("his father, George") never takes the
    #    bare family name: in that document the surname means the main person.
    by_doc_full: dict[str, set[str]] = {}
    for lab, idxs in fulls.items():
        for i in idxs:
            if not ordered[i].key.startswith(KIN_KEY):
                by_doc_full.setdefault(ordered[i].source, set()).add(lab)

    def fits(single: MentionCandidate, lab: str) -> bool:
        full = ordered[fulls[lab][0]]
        if not _compatible(single.kind, full.kind):
            return False
        words = full.name.split()
        if all(ordered[i].key.startswith(KIN_KEY) for i in fulls[lab]):
            return len(words) > 1 and same_name(words[0], single.name) and single.kind == "person"
        parts = [words[-1]] if full.kind == "person" else [words[0], words[-1]]
        if full.kind == "other" or single.kind == "other":
            parts = [words[0], words[-1]]
        return any(normalize_surface(p) == normalize_surface(single.name) or
                   (key_strength(name_key(p)) >= 2 and same_name(p, single.name)) for p in parts)

    # full labels by the keys of their first and last words: `fits` needs one of them
    by_part: dict[str, set[str]] = {}
    for lab in full_labels:
        words = ordered[fulls[lab][0]].name.split()
        for p in {words[0], words[-1]}:
            for k in ("k:" + name_key(p), "s:" + normalize_surface(p)):
                by_part.setdefault(k, set()).add(lab)

    fitted: dict[tuple[str, str, str], bool] = {}  # `fits` reads the single's name and kind only

    def fits_once(single: MentionCandidate, lab: str) -> bool:
        key = (single.name, single.kind, lab)
        if key not in fitted:
            fitted[key] = fits(single, lab)
        return fitted[key]

    pending: list[int] = []
    for idx in singles:
        m = ordered[idx]
        local = sorted({clusters.find(lab) for lab in by_doc_full.get(m.source, set()) if fits_once(m, lab)})
        if len(local) == 1:
            target = local[0]
        elif not local:
            near = by_part.get("k:" + name_key(m.name), set()) | by_part.get("s:" + normalize_surface(m.name), set())
            anywhere = sorted({clusters.find(lab) for lab in near if fits_once(m, lab)})
            target = anywhere[0] if len(anywhere) == 1 else None
        else:
            target = None
        if target is not None:
            label_of[idx] = target
            clusters.names[clusters.find(target)].add(m.name)
        else:
            pending.append(idx)

    # 4. Remaining single words cluster among themselves: same surface, or the same
    #    spelling across scripts when the key is strong enough to trust.
    single_labels: list[str] = []
    for idx in pending:
        m = ordered[idx]
        lab = "word:" + normalize_surface(m.name)
        label_of[idx] = lab
        clusters.add(lab, m.name)
        if lab not in single_labels:
            single_labels.append(lab)
    single_labels.sort()
    rep: dict[str, MentionCandidate] = {}
    for i in pending:
        rep.setdefault(label_of[i], ordered[i])
    for a_i, b_i in _key_pairs([rep[lab].name for lab in single_labels]):
        a, b = single_labels[a_i], single_labels[b_i]
        ma, mb = rep[a], rep[b]
        latin = {ma.script, mb.script} <= {"Latn", "Cyrl"} and len(ma.name) >= 4
        if _compatible(ma.kind, mb.kind) and (key_strength(ma.key) >= 3 or latin) and same_name(ma.name, mb.name):
            clusters.union(a, b)

    # 5. Build the actors.
    groups: dict[str, list[MentionCandidate]] = {}
    for idx, m in enumerate(ordered):
        groups.setdefault(clusters.find(label_of[idx]), []).append(m)
    if table_key is not None and len(SAME_NAME) > known:
        memo.put(table_key, dict(SAME_NAME))
    return _build_actors(groups, existing, pins, gazetteer())


def _build_actors(groups: dict[str, list[MentionCandidate]], existing: list[Actor], pins: Pins,
                  gaz: Gazetteer) -> tuple[list[Actor], dict[tuple[str, int, int], str]]:
    by_mention: dict[tuple[str, int, int], str] = {}
    by_alias: dict[str, str] = {}
    for actor in sorted(existing, key=lambda a: a.id):
        for mt in actor.mentions:
            by_mention.setdefault((mt.source, mt.start, mt.end), actor.id)
        for al in actor.aliases:
            by_alias.setdefault(normalize_surface(al.name), actor.id)
        by_alias.setdefault(normalize_surface(actor.name), actor.id)

    drafts = []
    for label in sorted(groups):
        ms = groups[label]
        votes: Counter = Counter()
        for m in ms:
            votes[m.kind] += _KIND_WEIGHT.get(m.kind, 1) * (2 if m.title else 1)
        kind = sorted(votes, key=lambda k: (-votes[k], k))[0]
        pin = pins.pins[int(label[4:])] if label.startswith("pin:") else None
        if label.startswith("state:"):
            name, kind = gaz.english.get(label[6:], label[6:]), "state"
        elif label.startswith("inst:"):
            name = label[5:]
        elif label.startswith("place:"):
            # The spelling English documents use (Aktobe), else ICU's English name (Aqtobe).
            seen = [m for m in ms if m.language == "en" and m.script == "Latn"]
            name, kind = (_canonical(seen) if seen else cities().english.get(label[6:], label[6:])), "place"
        else:
            name = _canonical(ms)
        if pin is not None:
            name, kind = pin.name, pin.kind or kind
        drafts.append((label, name, kind, ms, pin))

    # Ids: reuse an existing actor's id when it shares a mention or an alias; else a slug.
    taken_now: set[str] = set()
    ids: dict[str, str] = {}
    for label, name, kind, ms, pin in sorted(drafts, key=lambda d: (-len(d[3]), d[1], d[0])):
        chosen = pin.id if pin is not None and pin.id else None
        if chosen is None:
            old = sorted({by_mention[(m.source, m.start, m.end)] for m in ms if (m.source, m.start, m.end) in by_mention} - taken_now)
            if not old:
                old = sorted({by_alias[normalize_surface(m.name)] for m in ms if normalize_surface(m.name) in by_alias} - taken_now)
            chosen = old[0] if old else None
        if chosen is None or chosen in taken_now:
            existing_ids = {a.id for a in existing}
            chosen = unique_slug(slugify(name) or "actor", taken_now | existing_ids)
        taken_now.add(chosen)
        ids[label] = chosen

    actors = []
    mapping: dict[tuple[str, int, int], str] = {}
    for label, name, kind, ms, pin in drafts:
        aid = ids[label]
        aliases = sorted({(m.name, m.language, m.script) for m in ms}, key=lambda a: (a[2], a[1] or "", a[0]))
        mentions = sorted({(m.source, m.start, m.end, m.text) for m in ms})
        roles = sorted({(m.source, m.title, m.former) for m in ms if m.title})
        actors.append(Actor(id=aid, name=name, kind=kind,
                            aliases=[Alias(name=n, language=lang, script=s) for n, lang, s in aliases],
                            mentions=[Mention(source=s, start=a, end=b, text=t) for s, a, b, t in mentions],
                            roles=[Role(source=s, text=t, former=f) for s, t, f in roles]))
        for m in ms:
            mapping[(m.source, m.start, m.end)] = aid
    actors.sort(key=lambda a: a.id)
    return actors, dict(sorted(mapping.items()))


@lru_cache(maxsize=65536)
def role_key(title: str, language: Optional[str]) -> Optional[str]:
    """Canonical English role of a title as written ("Türkiye Cumhurbaşkanı" -> "president")."""
    regexes, role_of, _ = _titles()
    langs = [language] if language in regexes else []
    langs += [lang for lang in SCRIPT_LANGS.get(script_of(title), LANGUAGES) if lang not in langs]
    best = None
    folded = fold(title)
    for lang in langs:
        for m in regexes[lang].finditer(folded):
            form = re.sub(r"\s+", " ", m.group("t"))
            if best is None or len(form) > len(best):
                best = form
        if best:
            break
    if best is None:
        return None
    role = role_of.get(best)
    return None if role in _NOT_ROLES else role
