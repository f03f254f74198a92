"""The lexicon tables actor finding reads: titles, stop names, organisations, kinship words,
countries (from ICU locale data) and cities (from ICU time-zone exemplar cities).

Every table is built once, on first use, from `dossier/lexicons/*.yml` and ICU.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Optional


from dossier.text import morph
from dossier.text.fold import fold_case as fold
from dossier.text.languages import CODES, LEXICON_LANGUAGES, LEXICON_SCRIPTS, RELATED, SCRIPTS
from dossier.text.lexicon import load_lexicon
from dossier.text import script_of, to_latin
from dossier.text.names import strip_arabic_clitics, strip_suffix

LANGUAGES = LEXICON_LANGUAGES
#: Titles are read also in a language whose relative's lexicons stand in for the rest (Persian
#: "رئیس جمهور", "وزیر امور خارجه": the Arabic forms differ).
TITLE_LANGUAGES = LANGUAGES + tuple(code for code in RELATED if code not in LANGUAGES)
#: ICU's country, city and calendar names are read in every language dossier reads
#: (Ukrainian "Ліван", Persian city names), not only those with lexicons.
ICU_LANGUAGES = CODES
SCRIPT_LANGS = LEXICON_SCRIPTS
# Word boundaries of the cue regexes: no letter or digit on that side (Arabic too).
_WORD_BEFORE = r"(?<![^\W_])"
_WORD_AFTER = r"(?![^\W_])"


#: Between the words of an institution's name: spaces, and the quotes Russian puts round a
#: name's last words (РИА «Новости», РИА "Новости").
QUOTED_GAP = r"[\s\"«»“”„]+"


def _forms_regex(forms: Iterable[str], arabic: bool, gap: str = r"\s+") -> Optional[re.Pattern]:
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
    body = "|".join(gap.join(re.escape(p) for p in a.split()) for a in sorted(alts, key=lambda a: (-len(a), a)))
    prefix = "(?:[وفبلك]{0,2}?)" if arabic else ""
    return re.compile(f"{_WORD_BEFORE}{prefix}(?P<t>{body}){_WORD_AFTER}")


def _cue_table(entries: list[dict], field: str, languages: tuple[str, ...] = LANGUAGES
               ) -> tuple[dict[str, re.Pattern], dict[str, str]]:
    """(language -> regex of an entry list's cue forms, folded form -> the entry's `field`)."""
    by_lang: dict[str, list[str]] = {}
    value_of: dict[str, str] = {}
    for entry in entries:
        for lang in languages:
            for form in entry.get(lang, []) or []:
                f = fold(str(form))
                by_lang.setdefault(lang, []).append(f)
                value_of.setdefault(f, entry[field])
                if lang == "ar" and f.startswith("ال"):  # "لل" is ل + ال fused: "for the ..."
                    value_of.setdefault("لل" + f[2:], entry[field])
    return {lang: _forms_regex(forms, SCRIPTS.get(lang) == "Arab") for lang, forms in by_lang.items()}, value_of


# ---- titles, stop names, organisations ------------------------------------------------

@lru_cache(maxsize=1)
def title_lexicon() -> tuple[dict, dict, dict]:
    """(language -> compiled title regex, folded form -> role, language -> former cues)."""
    lex = load_lexicon("titles")
    regexes, role_of = _cue_table(lex.get("titles", []), "role", TITLE_LANGUAGES)
    former = {lang: {fold(str(w)) for w in (lex.get("former", {}).get(lang) or [])} for lang in LANGUAGES}
    return regexes, role_of, former


NOT_ROLES = {"counterpart"}  # title cues that name no role of their own


@lru_cache(maxsize=1)
def stop_lexicon() -> tuple[dict[str, frozenset], frozenset, tuple[str, ...], frozenset]:
    """(language -> stop words, month/weekday names, surname endings, Arabic non-names)."""
    lex = load_lexicon("stopnames")
    stop = {lang: frozenset(fold(str(w)) for w in (lex.get("stop", {}).get(lang) or [])) for lang in TITLE_LANGUAGES}
    calendar = set()
    try:
        import icu  # deferred: heavy (PyICU), loaded only when a table is first built
        for lang in ICU_LANGUAGES:
            sym = icu.DateFormatSymbols(icu.Locale(lang))
            for seq in (sym.getMonths(), sym.getShortMonths(), sym.getWeekdays(), sym.getShortWeekdays()):
                calendar.update(fold(str(s)).rstrip(".") for s in seq if s)
    except ImportError:  # pragma: no cover - PyICU is a declared dependency
        pass
    endings = tuple(sorted({fold(str(e)) for e in lex.get("surname_endings", [])}, key=lambda e: (-len(e), e)))
    not_ar = frozenset(fold(str(w)) for w in lex.get("not_names_ar", []))
    return stop, frozenset(calendar), endings, not_ar


#: Arabic "and" written onto a noun that ends in a possessive ("ومرافقيه", and his companions):
#: no part of a name.
_AND_POSSESSED = re.compile(r"^و[\u0621-\u064a]{4,}(?:ه|ها|هم|هما|هن|كم)$")


def is_stop(word: str) -> bool:
    w = fold(strip_suffix(word))
    stop, calendar, _, not_ar = stop_lexicon()
    return w in calendar or w in not_ar or any(w in s for s in stop.values()) or bool(_AND_POSSESSED.match(w))


@lru_cache(maxsize=1)
def org_lexicon() -> tuple[dict, dict, list[tuple[re.Pattern, dict[str, tuple[str, str]], bool]]]:
    """(language -> cue regex, folded cue -> kind, [(institutions regex, form -> (name, kind), exact case)]).

    All institutions' forms go into three regexes (acronyms matched in exact case, Arabic
    forms with their proclitics, the rest folded), so a sentence is scanned three times
    however long the lexicon grows."""
    lex = load_lexicon("organizations")
    regexes, kind_of = _cue_table(lex.get("cues", []), "kind")
    groups: dict[str, dict[str, tuple[str, str]]] = {"acronym": {}, "arabic": {}, "other": {}}
    for entry in lex.get("institutions", []):
        value = (entry["name"], entry.get("kind", "organization"))
        for form in entry.get("forms", []):
            form = str(form).strip()
            if form.isupper() and len(form) <= 6:
                # Acronyms must match exactly: "AB", "UN" in lower case are ordinary words.
                groups["acronym"].setdefault(form, value)
                if 4 <= len(form) and form.isascii() and form.isalpha():
                    groups["acronym"].setdefault(form.capitalize(), value)  # "Nato", "Irna": British style
            elif script_of(form) == "Arab":
                groups["arabic"].setdefault(fold(form), value)
            else:
                groups["other"].setdefault(re.sub(r"\s+", " ", fold(form)), value)
    insts = []
    if groups["acronym"]:
        body = "|".join(re.escape(f) for f in sorted(groups["acronym"], key=lambda f: (-len(f), f)))
        rx = re.compile(f"{_WORD_BEFORE}(?P<t>{body})(?:['’][^\\W\\d_]+)?{_WORD_AFTER}")
        insts.append((rx, groups["acronym"], True))
    for group, arabic in (("arabic", True), ("other", False)):
        rx = _forms_regex(groups[group], arabic, gap=QUOTED_GAP)
        if rx is not None:
            lookup = dict(groups[group])
            if arabic:
                lookup.update({"لل" + f[2:]: v for f, v in groups[group].items() if f.startswith("ال")})
            insts.append((rx, lookup, False))
    return regexes, kind_of, insts


@lru_cache(maxsize=1)
def institution_states() -> dict[str, str]:
    """Institution name -> ISO code of the state it belongs to (organizations.yml `state:`)."""
    return {str(e["name"]): str(e["state"]) for e in load_lexicon("organizations").get("institutions", [])
            if e.get("state")}


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
    import icu  # deferred: heavy (PyICU), loaded only when a table is first built

    gaz = Gazetteer()
    forms: dict[str, set[str]] = {}
    for code in sorted(icu.Locale.getISOCountries()):
        english = icu.Locale("", code).getDisplayCountry(icu.Locale("en"))
        if not english or english == code:
            continue
        gaz.english[code] = re.sub(r"\s*\(.*?\)", "", english)
        for lang in ICU_LANGUAGES:
            name = icu.Locale("", code).getDisplayCountry(icu.Locale(lang))
            name = re.sub(r"\s*\(.*?\)", "", name).strip()
            if name and name != code:
                forms.setdefault(code, set()).add(name)
    lex = load_lexicon("organizations")
    for code, aliases in (lex.get("state_aliases") or {}).items():
        forms.setdefault(str(code), set()).update(str(a) for a in aliases)
    _, _, _, not_ar = stop_lexicon()
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
                if script == "Latn" and v.endswith("on") and len(v) >= 7:
                    gaz.stems[script].setdefault(v[:-2], code)  # Leban-ese
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
    "Cyrl": ("", "а", "у", "е", "ы", "и", "ой", "ом", "ю", "я", "ей", "і"),  # і: Ukrainian locative (Бейруті)
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
    import icu  # deferred: heavy (PyICU), loaded only when a table is first built

    out = Cities()
    gaz = gazetteer()
    stop, calendar, _, not_ar = stop_lexicon()
    stopwords = set().union(*stop.values()) | calendar | not_ar
    not_cities = {fold(str(w)) for w in load_lexicon("stopnames").get("not_cities", [])}
    names = {lang: icu.TimeZoneNames.createInstance(icu.Locale(lang)) for lang in ICU_LANGUAGES}
    zones = sorted({icu.TimeZone.getIanaID(z) or z for z in icu.TimeZone.createEnumeration()
                    if z.startswith(_TZ_REGIONS)})
    multi = []
    for zone in zones:
        english = names["en"].getExemplarLocationName(zone)
        if not english or "," in english or len(english) < 4:
            continue  # "Knox, Indiana": sub-regions of a zone are not cities worth naming
        out.english[zone] = english
        forms = set()
        for lang in ICU_LANGUAGES:
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
    _, _, _, not_ar = stop_lexicon()
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
    if script == "Arab":
        return next((_arabic_rasm_states().get(_rasm(c)) for c in cands if len(_rasm(c)) >= 5
                     and _rasm(c) in _arabic_rasm_states()), None)
    if script == "Cyrl" and bare[0].isupper():
        for language in ("ru", "uk"):
            lemma = morph.nominative((bare,), language)  # "Беларуси" -> "Беларусь", "Лівану" -> "Ліван"
            if lemma and lemma[0] != bare and fold(lemma[0]) in gaz.exact:
                return gaz.exact[fold(lemma[0])]
    return None


def _rasm(word: str) -> str:
    """An Arabic word without its long-vowel letters after the first (أذربايجان and أذربيجان
    are one spelling written with more or fewer vowels)."""
    return word[:1] + re.sub("[اويىی]", "", word[1:])


@lru_cache(maxsize=1)
def _arabic_rasm_states() -> dict[str, str]:
    """`_rasm` of each one-word Arabic state name -> its code, when only one state has it."""
    out: dict[str, set[str]] = {}
    for form, code in gazetteer().exact.items():
        if script_of(form) == "Arab":
            out.setdefault(_rasm(form), set()).add(code)
    return {r: codes.pop() for r, codes in sorted(out.items()) if len(codes) == 1}


# ---- one-word lookups, kinship, capitalised common words -------------------------------

@lru_cache(maxsize=1)
def single_word_sets() -> tuple[frozenset, frozenset]:
    """(folded one-word title forms, folded one-word institution forms)."""
    lex = load_lexicon("titles")
    titles = {fold(str(f)) for e in lex.get("titles", []) for lang in LANGUAGES for f in (e.get(lang) or [])
              if " " not in str(f)}
    insts = {fold(str(f)) for e in load_lexicon("organizations").get("institutions", [])
             for f in e.get("forms", []) if " " not in str(f)}
    return frozenset(titles), frozenset(insts)


@lru_cache(maxsize=1)
def fused_titles() -> frozenset:
    """Folded titles of several words written as one, their space or half-space lost
    ("رئیسجمهور"): a whole title, not a construct noun awaiting its complement."""
    lex = load_lexicon("titles")
    spaced = {fold(str(f)).replace(" ", "") for e in lex.get("titles", []) for lang in TITLE_LANGUAGES
              for f in (e.get(lang) or []) if " " in str(f)}
    return frozenset(fold(str(f)) for e in lex.get("titles", []) for lang in TITLE_LANGUAGES
                     for f in (e.get(lang) or []) if " " not in str(f) and fold(str(f)) in spaced)


@lru_cache(maxsize=1)
def _german_title_heads() -> tuple[str, ...]:
    """German one-word titles that end a compound ("Firmen|sprecherin", "Werks|leiter", "Feuerwehr|chef")."""
    lex = load_lexicon("titles")
    return tuple(sorted({fold(str(f)) for e in lex.get("titles", []) for f in (e.get("de") or [])
                         if " " not in str(f) and len(str(f)) >= 4}))


def is_title_word(word: str) -> bool:
    w = fold(strip_suffix(word))
    if w in single_word_sets()[0]:
        return True
    # German writes a title into a compound: a capitalised word ending in one is one too.
    if not word[:1].isupper() or len(w) < 9 or script_of(word) != "Latn":
        return False
    return any(w.endswith(head) and len(w) - len(head) >= 3 for head in _german_title_heads())


def is_institution(word: str) -> bool:
    return fold(strip_suffix(word)) in single_word_sets()[1] or fold(word) in single_word_sets()[1]


@lru_cache(maxsize=1)
def kin_words() -> frozenset:
    """Folded kinship words (father, отец, والد) that introduce a relative's name."""
    lex = load_lexicon("titles").get("kinship", {}) or {}
    return frozenset(fold(str(w)) for lang in LANGUAGES for w in (lex.get(lang) or []))


KIN_KEY = "kin:"  # key prefix of a relative introduced by a kinship word (see linking.resolve)


@lru_cache(maxsize=1)
def quoted_only_cues() -> frozenset:
    """Folded Arabic outlet cues after which only a quoted name is taken."""
    return frozenset(fold(str(w)) for w in load_lexicon("organizations").get("quoted_only_ar", []))


@lru_cache(maxsize=1)
def caps_lexicon() -> tuple[frozenset, frozenset, frozenset, frozenset]:
    """(event cue words, capitalized common words, institution head nouns, those that open
    an institution's name in French and Spanish), all folded."""
    lex = load_lexicon("stopnames")
    events = {fold(str(w)) for lang in LANGUAGES for w in (lex.get("event_cues", {}).get(lang) or [])}
    common = {fold(str(w)) for lang in LANGUAGES for w in (lex.get("common_caps", {}).get(lang) or [])}
    heads = load_lexicon("organizations").get("institution_heads", {}) or {}
    inst = {fold(str(w)) for lang in LANGUAGES for w in (heads.get(lang) or [])}
    first = load_lexicon("organizations").get("institution_heads_first", {}) or {}
    return frozenset(events), frozenset(common), frozenset(inst), \
        frozenset(fold(str(w)) for lang in LANGUAGES for w in (first.get(lang) or []))


# ---- roles ---------------------------------------------------------------------------

@lru_cache(maxsize=65536)
def role_key(title: str, language: Optional[str]) -> Optional[str]:
    """Canonical English role of a title as written ("Türkiye Cumhurbaşkanı" -> "president")."""
    regexes, role_of, _ = title_lexicon()
    langs = [language] if language in regexes else []
    langs += [lang for lang in SCRIPT_LANGS.get(script_of(title), LANGUAGES) if lang not in langs and lang in regexes]
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
    return None if role in NOT_ROLES else role


@lru_cache(maxsize=1)
def region_words() -> tuple[dict[str, str], dict[str, str], frozenset]:
    """(folded compass word before a state -> east|west|north|south, the same for Arabic
    words after it, folded place nouns: "city of", "города", "provinsi").

    "East Azerbaijan" is a province, not the state; a capitalised run after "city of" starts
    with the place's name, and the rest of the run is not part of it.
    """
    lex = load_lexicon("stopnames")
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    for point, langs in (lex.get("compass") or {}).items():
        for lang, words in (langs or {}).items():
            for w in words or []:
                (after if lang == "ar" else before)[fold(str(w))] = str(point)
    nouns = frozenset(fold(str(w)) for words in (lex.get("place_nouns") or {}).values() for w in words or [])
    return before, after, nouns


# German head nouns, also as the last part of a compound (Landratsamt, Hackergruppe), that
# open a phrase naming a place or body: the name is what follows.
_GERMAN_HEADS = ("haus", "hafen", "raum", "gebiet", "kreis", "gruppe", "amt", "träger", "klinik", "behörde",
                 "ministerium", "gericht", "verwaltung", "partei", "konzern", "firma", "regierung",
                 "fall", "affäre", "prozess", "causa")  # "der Fall Müller": the matter of a person


def german_head(word: str) -> bool:
    """A German head noun of a place or body (Hafen, Landratsamt) or a place noun."""
    w = fold(word)
    return is_place_noun(word) or any(w == h or w.endswith(h) and len(w) > len(h) + 2 for h in _GERMAN_HEADS)


def is_place_noun(word: str) -> bool:
    """A place noun, also as the last part of a German compound (Hafenstadt)."""
    w = fold(word)
    return w in region_words()[2] or w.endswith(("stadt", "dorf")) and len(w) > 6
