"""Dates: parse a stated date, and find the dates a sentence mentions (with offsets).

`parse_date` interprets one date string with dateparser (always with explicit languages).
`find_dates` locates date expressions with regexes over general per-language month,
weekday and relative-time lexicons, then resolves them; expressions that need a
reference date ("in December", "on Thursday", "earlier this month") are resolved against
the publication date and skipped when there is none. Everything is deterministic: no
clock is ever consulted.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re
from functools import lru_cache
from typing import Optional

from dossier.text.languages import CODES

# ---------------------------------------------------------------------------------------
# Lexicons (general, per language). Each month lists surface forms, longest first is not
# required: the regex is built longest-first.
# ---------------------------------------------------------------------------------------

MONTHS: dict[str, list[list[str]]] = {
    "en": [["january", "jan"], ["february", "feb"], ["march", "mar"], ["april", "apr"],
           ["may"], ["june", "jun"], ["july", "jul"], ["august", "aug"],
           ["september", "sept", "sep"], ["october", "oct"], ["november", "nov"],
           ["december", "dec"]],
    "tr": [["ocak"], ["şubat"], ["mart"], ["nisan"], ["mayıs"], ["haziran"], ["temmuz"],
           ["ağustos"], ["eylül"], ["ekim"], ["kasım"], ["aralık"]],
    "az": [["yanvar"], ["fevral"], ["mart"], ["aprel"], ["may"], ["iyun"], ["iyul"],
           ["avqust"], ["sentyabr"], ["oktyabr"], ["noyabr"], ["dekabr"]],
    "de": [["januar", "jänner", "jan"], ["februar", "feb"], ["märz", "maerz"], ["april", "apr"],
           ["mai"], ["juni"], ["juli"], ["august", "aug"], ["september", "sept", "sep"],
           ["oktober", "okt"], ["november", "nov"], ["dezember", "dez"]],
    "ru": [["январь", "января", "январе"], ["февраль", "февраля", "феврале"],
           ["март", "марта", "марте"], ["апрель", "апреля", "апреле"], ["май", "мая", "мае"],
           ["июнь", "июня", "июне"], ["июль", "июля", "июле"], ["август", "августа", "августе"],
           ["сентябрь", "сентября", "сентябре"], ["октябрь", "октября", "октябре"],
           ["ноябрь", "ноября", "ноябре"], ["декабрь", "декабря", "декабре"]],
    "uk": [["січень", "січня", "січні"], ["лютий", "лютого", "лютому"],
           ["березень", "березня", "березні"], ["квітень", "квітня", "квітні"],
           ["травень", "травня", "травні"], ["червень", "червня", "червні"],
           ["липень", "липня", "липні"], ["серпень", "серпня", "серпні"],
           ["вересень", "вересня", "вересні"], ["жовтень", "жовтня", "жовтні"],
           ["листопад", "листопада", "листопаді"], ["грудень", "грудня", "грудні"]],
    # Gregorian transliterations (Egypt, Gulf) and Levantine/Iraqi Syriac names.
    "ar": [["يناير", "كانون الثاني"], ["فبراير", "شباط"], ["مارس", "آذار", "اذار"],
           ["أبريل", "ابريل", "إبريل", "نيسان"], ["مايو", "أيار", "ايار"],
           ["يونيو", "يونيه", "حزيران"], ["يوليو", "يوليه", "تموز"],
           ["أغسطس", "اغسطس", "آب"], ["سبتمبر", "أيلول", "ايلول"],
           ["أكتوبر", "اكتوبر", "تشرين الأول", "تشرين الاول"],
           ["نوفمبر", "تشرين الثاني"], ["ديسمبر", "كانون الأول", "كانون الاول"]],
    "fa": [["ژانویه"], ["فوریه"], ["مارس"], ["آوریل"], ["مه", "می"], ["ژوئن"], ["ژوئیه", "جولای"],
           ["اوت", "آگوست"], ["سپتامبر"], ["اکتبر"], ["نوامبر"], ["دسامبر"]],
    "fr": [["janvier"], ["février", "fevrier"], ["mars"], ["avril"], ["mai"], ["juin"],
           ["juillet"], ["août", "aout"], ["septembre"], ["octobre"], ["novembre"],
           ["décembre", "decembre"]],
    "es": [["enero"], ["febrero"], ["marzo"], ["abril"], ["mayo"], ["junio"], ["julio"],
           ["agosto"], ["septiembre", "setiembre"], ["octubre"], ["noviembre"], ["diciembre"]],
    "it": [["gennaio"], ["febbraio"], ["marzo"], ["aprile"], ["maggio"], ["giugno"],
           ["luglio"], ["agosto"], ["settembre"], ["ottobre"], ["novembre"], ["dicembre"]],
}

# Weekdays, Monday first. Forms that double as common words (Turkish "cuma", Azerbaijani
# "bazar", Arabic "الأحد") only count with a cue (see WEEKDAY_CUES).
WEEKDAYS: dict[str, list[list[str]]] = {
    "en": [["monday"], ["tuesday"], ["wednesday"], ["thursday"], ["friday"], ["saturday"], ["sunday"]],
    "tr": [["pazartesi"], ["salı"], ["çarşamba"], ["perşembe"], ["cuma"], ["cumartesi"], ["pazar"]],
    "az": [["bazar ertəsi"], ["çərşənbə axşamı"], ["çərşənbə"], ["cümə axşamı"], ["cümə"],
           ["şənbə"], ["bazar"]],
    "de": [["montag"], ["dienstag"], ["mittwoch"], ["donnerstag"], ["freitag"],
           ["samstag", "sonnabend"], ["sonntag"]],
    "ru": [["понедельник"], ["вторник"], ["среда", "среду"], ["четверг"], ["пятница", "пятницу"],
           ["суббота", "субботу"], ["воскресенье"]],
    "uk": [["понеділок"], ["вівторок"], ["середа", "середу"], ["четвер"], ["п'ятниця", "п'ятницю", "пʼятницю"],
           ["субота", "суботу"], ["неділя", "неділю"]],
    "ar": [["الاثنين", "الإثنين"], ["الثلاثاء"], ["الأربعاء", "الاربعاء"], ["الخميس"],
           ["الجمعة"], ["السبت"], ["الأحد", "الاحد"]],
    "fr": [["lundi"], ["mardi"], ["mercredi"], ["jeudi"], ["vendredi"], ["samedi"], ["dimanche"]],
    "es": [["lunes"], ["martes"], ["miércoles", "miercoles"], ["jueves"], ["viernes"], ["sábado", "sabado"], ["domingo"]],
    "it": [["lunedì", "lunedi"], ["martedì", "martedi"], ["mercoledì", "mercoledi"], ["giovedì", "giovedi"],
           ["venerdì", "venerdi"], ["sabato"], ["domenica"]],
}

# A weekday counts only after (before) one of these words; None = no cue needed.
WEEKDAY_CUES: dict[str, tuple[Optional[str], Optional[str]]] = {
    "en": (None, None),
    "de": (None, None),
    "ru": (None, None),
    "uk": (None, None),
    "fr": (None, None),
    "es": (None, None),
    "it": (None, None),
    # "Pazar" is also a market, "Cuma" a prayer: a day, or a time of it, follows the weekday
    "tr": (None, r"\s+(?:günü|sabah\w*|akşam\w*|gece\w*|öğle\w*)"),
    "az": (None, r"\s+(?:günü|səhər\w*|axşam\w*|gecə\w*)"),
    "ar": (r"(?:يوم|مساء|صباح|ليلة|نهار)\s+", None),
}

# Words before a bare month name that make it a date ("in December", "نهاية يونيو").
# The value is how the cue shapes the reading: "" plain, "last" strictly before the
# reference month.
MONTH_CUES: dict[str, dict[str, str]] = {
    "en": {"in": "", "since": "", "last": "last", "early": "", "late": "", "mid": "", "mid-": "",
           "end of": "", "the end of": "", "beginning of": "", "the beginning of": "",
           "until": "", "by": "", "during": "", "from": "", "through": "", "of": ""},
    "de": {"im": "", "seit": "", "bis": "", "ende": "", "anfang": "", "mitte": "",
           "letzten": "last", "vergangenen": "last", "im vergangenen": "last", "im letzten": "last"},
    "ru": {"в": "", "с": "", "до": "", "к": "", "в конце": "", "в начале": "", "в середине": "",
           "конце": "", "начале": "", "середине": "", "в прошлом": "last", "прошлом": "last"},
    "uk": {"у": "", "в": "", "з": "", "до": "", "наприкінці": "", "на початку": "", "в кінці": ""},
    "ar": {"في": "", "خلال": "", "منذ": "", "نهاية": "", "أواخر": "", "اواخر": "", "أوائل": "",
           "اوائل": "", "مطلع": "", "بداية": "", "منتصف": "", "حتى": "", "شهر": "", "في شهر": "",
           "خلال شهر": "", "منذ شهر": ""},
    "fa": {"در": "", "از": "", "تا": ""},
    "fr": {"en": "", "depuis": "", "fin": "", "début": "", "mi-": "", "jusqu'en": ""},
    "es": {"en": "", "desde": "", "finales de": "", "principios de": "", "mediados de": "", "hasta": ""},
    "it": {"a": "", "in": "", "da": "", "fine": "", "inizio": "", "metà": ""},
    "tr": {"geçen": "last", "geçtiğimiz": "last", "bu yıl": "", "bu yılın": ""},
    "az": {"keçən": "last", "ötən": "last"},
}

# Words after a bare month name that make it a date ("aralık ayında", "ديسمبر الماضي").
MONTH_SUFFIX_CUES: dict[str, dict[str, str]] = {
    "tr": {"ayında": "", "ayındaki": "", "ayı": "", "ayının": "", "ayından": "", "ayına": "",
           "ayıyla": "", "ayı içinde": ""},
    "az": {"ayında": "", "ayı": "", "ayının": "", "ayından": ""},
    "ar": {"الماضي": "last", "المنصرم": "last", "الفائت": "last", "السابق": "last"},
    "en": {"last year": "lastyear"},
}

# Relative expressions: regex -> (unit, offset). unit: day/week/month/year. A week resolves
# to its month when it lies inside one month; otherwise it stays unresolved (no week precision).
RELATIVE: dict[str, list[tuple[str, str, int]]] = {
    "en": [(r"last week|the previous week|the past week", "week", -1), (r"earlier this week|this week", "week", 0),
           (r"earlier this month|this month|later this month|earlier in the month", "month", 0),
           (r"last month|the previous month|the past month", "month", -1),
           (r"earlier this year|this year", "year", 0), (r"last year|the previous year", "year", -1),
           (r"yesterday", "day", -1), (r"today", "day", 0)],
    "tr": [(r"geçen hafta|geçtiğimiz hafta|önceki hafta", "week", -1), (r"bu hafta", "week", 0),
           (r"bu ay(?:ın başında|ın başlarında)?|bu ayın", "month", 0), (r"geçen ay|geçtiğimiz ay", "month", -1),
           (r"bu yıl|bu sene", "year", 0), (r"geçen yıl|geçtiğimiz yıl|geçen sene", "year", -1),
           (r"dün", "day", -1), (r"bugün", "day", 0)],
    "az": [(r"keçən həftə|ötən həftə", "week", -1), (r"bu həftə", "week", 0),
           (r"bu ay", "month", 0), (r"keçən ay|ötən ay", "month", -1), (r"bu il", "year", 0),
           (r"keçən il|ötən il", "year", -1), (r"dünən", "day", -1), (r"bu gün", "day", 0)],
    "de": [(r"(?:in der )?(?:letzten|vergangenen|vorigen) woche|letzte woche", "week", -1),
           (r"(?:in )?dieser woche|diese woche", "week", 0),
           (r"(?:anfang|mitte|ende) (?:dieses|des) monats|diesen monat|in diesem monat", "month", 0),
           (r"(?:im )?(?:letzten|vergangenen|vorigen) monat", "month", -1),
           (r"(?:in )?diesem jahr|dieses jahr", "year", 0),
           (r"(?:im )?(?:letzten|vergangenen|vorigen) jahr|letztes jahr", "year", -1),
           (r"gestern", "day", -1), (r"heute", "day", 0)],
    "ru": [(r"на прошлой неделе", "week", -1), (r"на этой неделе", "week", 0),
           (r"в этом месяце|в начале месяца|в начале этого месяца", "month", 0),
           (r"в прошлом месяце", "month", -1), (r"в этом году", "year", 0),
           (r"в прошлом году", "year", -1), (r"вчера", "day", -1), (r"сегодня", "day", 0)],
    "uk": [(r"минулого тижня", "week", -1), (r"цього тижня", "week", 0),
           (r"цього місяця", "month", 0), (r"минулого місяця", "month", -1),
           (r"цього року", "year", 0), (r"минулого року", "year", -1), (r"вчора|учора", "day", -1),
           (r"сьогодні", "day", 0)],
    "ar": [(r"الأسبوع الماضي|الأسبوع المنصرم|الأسبوع الفائت", "week", -1),
           (r"هذا الأسبوع|الأسبوع الجاري|الأسبوع الحالي", "week", 0),
           (r"(?:مطلع |بداية |أوائل )?(?:هذا الشهر|الشهر الجاري|الشهر الحالي)", "month", 0),
           (r"الشهر الماضي|الشهر المنصرم|الشهر الفائت", "month", -1),
           (r"(?:هذا العام|العام الجاري|العام الحالي|هذه السنة)", "year", 0),
           (r"العام الماضي|السنة الماضية|العام المنصرم", "year", -1), (r"أمس|الأمس", "day", -1)],
    "fr": [(r"la semaine dernière", "week", -1), (r"cette semaine", "week", 0),
           (r"ce mois-ci|plus tôt ce mois", "month", 0), (r"le mois dernier", "month", -1),
           (r"cette année", "year", 0), (r"l'année dernière|l’année dernière", "year", -1),
           (r"hier", "day", -1), (r"aujourd'hui|aujourd’hui", "day", 0)],
    "es": [(r"la semana pasada", "week", -1), (r"esta semana", "week", 0),
           (r"este mes", "month", 0), (r"el mes pasado", "month", -1), (r"este año", "year", 0),
           (r"el año pasado", "year", -1), (r"ayer", "day", -1), (r"hoy", "day", 0)],
    "it": [(r"la settimana scorsa", "week", -1), (r"questa settimana", "week", 0),
           (r"questo mese", "month", 0), (r"il mese scorso", "month", -1), (r"quest'anno", "year", 0),
           (r"l'anno scorso", "year", -1), (r"ieri", "day", -1), (r"oggi", "day", 0)],
}

# Words that make a bare four-digit number a year ("in 2020", "عام 2020", "2020 yılında").
YEAR_PREFIX = {
    "en": r"(?:in|since|by|until|of|from|year|early|late|mid-?|during)\s+",
    "de": r"(?:im jahr(?:e)?|seit|bis|anfang|ende|mitte|jahr)\s+",
    "ru": r"(?:в|с|до|к)\s+",
    "uk": r"(?:у|в|з|до)\s+",
    "ar": r"(?:عام|العام|سنة|منذ|في عام|في العام)\s+",
    "fa": r"(?:سال|در سال)\s+",
    "fr": r"(?:en|depuis|année)\s+",
    "es": r"(?:en|desde|año)\s+",
    "it": r"(?:nel|dal|anno)\s+",
    "tr": None,
    "az": None,
}
YEAR_SUFFIX = {
    "tr": r"\s*(?:yılında|yılı|yılından|yılına|yılının|senesinde|['’](?:de|da|te|ta|den|dan|ten|tan|e|a|ye|ya))",
    "az": r"(?:-?(?:ci|cı|cu|cü)\s+il(?:dən|də|in|ə)?|-?(?:dən|dan|də|da)\b)",
    "ru": r"\s*(?:год[ауе]?|г\.)",
    "uk": r"\s*(?:року|рік|р\.)",
    "ar": None, "en": None, "de": None, "fr": None, "es": None, "it": None, "fa": None,
}

ALL_LANGUAGES = CODES

_ORDINAL = r"(?:st|nd|rd|th|er|ème|e|\.|-?(?:го|е|я|ci|cı|cu|cü|u|ü|ı|i|da|də))?"
_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_TIME_AS_PERIOD": True,
    # Never fill in a missing year from the clock: that would not be deterministic.
    "REQUIRE_PARTS": ["year"],
    # Absolute dates only; relative ones ("yesterday") are find_dates' business.
    "PARSERS": ["custom-formats", "absolute-time"],
}


def _precision_iso(year: int, month: Optional[int], day: Optional[int]) -> Optional[tuple[str, str]]:
    """ISO string and precision for a (possibly partial) date, or None if impossible."""
    if not 1000 <= year <= 2999:
        return None
    if month is None:
        return f"{year:04d}", "year"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}", "month"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}", "day"


@lru_cache(maxsize=64)
def _parser(languages: tuple[str, ...]):
    from dateparser.date import DateDataParser  # deferred: heavy, and most dates are read without it

    return DateDataParser(languages=list(languages), settings=dict(_SETTINGS))


_NUMERIC_YMD = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_NUMERIC_DMY = re.compile(r"(?<!\d)(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?!\d)")


def _numeric(text: str, languages: list[str]) -> Optional[tuple[str, str]]:
    """All-digit dates, read without dateparser's guessing: YMD, else D-M-Y (M/D/Y in English slashes)."""
    m = _NUMERIC_YMD.search(text)
    if m:
        return _precision_iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _NUMERIC_DMY.search(text)
    if m:
        a, sep, b, y = int(m.group(1)), m.group(2), int(m.group(3)), int(m.group(4))
        if a > 12:
            return _precision_iso(y, b, a)
        if b > 12:
            return _precision_iso(y, a, b)
        # Ambiguous: US web timestamps write M/D/Y with slashes; the rest of the world D.M.Y.
        if sep == "/" and languages and languages[0] == "en":
            return _precision_iso(y, a, b)
        return _precision_iso(y, b, a)
    return None


_BARE_NUMBER = re.compile(r"\s*(?:[\d,'’ ]*\d(?:\.\d+)?)?\s*")  # "87", "2,000", "2.5" - not "9.10.2025"
_NOISE = re.compile(r"\b(?:GMT|UTC|MSK|CET|CEST|EET|EEST)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\b|[|•·]")
_ORD_SUFFIX = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b", re.I)


def parse_date(text: str, languages: list[str], allow_bare_number: bool = False) -> Optional[tuple[str, str]]:
    """Interpret one date string: ('2025-10-19', 'day') / ('2025-10', 'month') / ('2025', 'year') or None.

    A bare number ("87", "2000") is refused unless `allow_bare_number`; a date without a
    year is refused (it cannot be resolved without a reference: see `find_dates`).
    """
    if not text or not text.strip():
        return None
    if _BARE_NUMBER.fullmatch(text):
        if not allow_bare_number:
            return None
        m = re.fullmatch(r"\s*(\d{4})\s*", text)
        return _precision_iso(int(m.group(1)), None, None) if m else None
    numeric = _numeric(text, languages)
    if numeric:
        return numeric
    cleaned = _ORD_SUFFIX.sub("", _NOISE.sub(" ", text))
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" ,-–—")
    if not re.search(r"\d{4}", cleaned):
        return None
    langs = [lang for lang in languages if lang] or ["en"]
    # English dates are common on non-English pages ("تاريخ النشر: 19th, October 2025").
    if "en" not in langs:
        langs.append("en")
    # Our own month lexicons first: one language at a time, in the caller's order, so a
    # Turkish "12 Mart 2024" is never read by an English parser as "12 ... 2024".
    for lang in langs:
        for s, e, iso, prec in find_dates(cleaned, lang):
            rest = cleaned[:s] + cleaned[e:]
            if prec != "year" and len(re.findall(r"[^\W\d_]+", rest)) <= 2:
                return iso, prec
    attempts = [(lang,) for lang in langs]
    for attempt in attempts:
        try:
            data = _parser(attempt).get_date_data(cleaned)
        except Exception:  # dateparser raises on odd locale input; that is just "no date"
            continue
        if data is None or data.date_obj is None:
            continue
        d = data.date_obj
        period = data.period
        if period in ("day", "time", "week"):
            return _precision_iso(d.year, d.month, d.day)
        if period == "month":
            return _precision_iso(d.year, d.month, None)
        if period == "year":
            return _precision_iso(d.year, None, None)
    return None


# ---------------------------------------------------------------------------------------
# find_dates
# ---------------------------------------------------------------------------------------

_L = r"[^\W\d_]"  # one letter in any script


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=32)
def _month_index(language: str) -> dict[str, int]:
    index = {}
    for n, forms in enumerate(MONTHS.get(language, []), start=1):
        for form in forms:
            index[form.casefold()] = n
    return index


@lru_cache(maxsize=512)
def _is_abbreviation(language: str, surface: str) -> bool:
    """True for a short form of a longer month name ("Sept", "Okt"), which may take a dot."""
    key = surface.casefold()
    for forms in MONTHS.get(language, []):
        if key in forms and any(f != key and f.startswith(key) for f in forms):
            return True
    return False


def _month_of(language: str, surface: str) -> Optional[int]:
    key = re.sub(r"\s+", " ", surface.casefold().rstrip("."))
    return _month_index(language).get(key)


@lru_cache(maxsize=32)
def _patterns(language: str) -> list[tuple[str, re.Pattern]]:
    """Compiled candidate patterns for one language, most specific first."""
    months = [f for forms in MONTHS.get(language, []) for f in forms]
    if not months:
        return []
    mon = rf"(?P<mon>{_alt(months)})\.?"
    # Arabic writes "كانون الأول/ديسمبر": two names for one month.
    if language == "ar":
        mon = rf"(?P<mon>{_alt(months)})(?:\s*/\s*(?:{_alt(months)}))?"
    clitic = r"(?:[وبل])?" if language == "ar" else ""
    left = r"(?<![^\W\d_])"
    right = r"(?![^\W\d_])"
    # Turkish/Azerbaijani attach case endings: "Aralık'ta", "oktyabrın".
    tail = ""
    if language in ("tr", "az"):
        tail = r"(?:['’][^\W\d_]+|(?:da|de|ta|te|dan|den|tan|ten|ın|in|un|ün|nda|nde|ında|ində|ndə|də|dən)(?![^\W\d_]))?"
    sep = r"[\s,،\-/]*"
    year = r"(?P<year>\d{4})(?!\d)"
    yearsfx = YEAR_SUFFIX.get(language)
    yeartail = rf"(?:{yearsfx})?" if yearsfx else ""
    if language in ("es", "pt"):
        sep_dm = r"\s+de\s+"
    else:
        sep_dm = r"[\s,،]*"
    day = rf"(?P<day>\d{{1,2}}){_ORDINAL}"
    pats = [
        # 9 October 2025 / 9. Oktober 2025 / 25 ديسمبر ، 2024 / 9 de octubre de 2025
        ("dmy", rf"{left}{day}{sep_dm}{clitic}{mon}{tail}{right}(?:{sep}(?:de\s+|of\s+)?{year}{yeartail})?"),
        # October 9, 2025 / October 9th
        ("mdy", rf"{left}{clitic}{mon}{right}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:\s*,?\s*{year})?"),
        # December 2024 / كانون الأول/ديسمبر 2024 / aralık 2024
        ("my", rf"{left}{clitic}{mon}{tail}{right}{sep}(?:de\s+|of\s+)?{year}{yeartail}"),
        # month with a cue: in December / aralık ayında / نهاية يونيو / ديسمبر الماضي
        ("m", rf"{left}{clitic}{mon}{tail}{right}"),
    ]
    flags = re.IGNORECASE | re.UNICODE
    return [(kind, re.compile(p, flags)) for kind, p in pats]


@lru_cache(maxsize=32)
def _cue_regex(language: str) -> tuple[Optional[re.Pattern], Optional[re.Pattern]]:
    before = MONTH_CUES.get(language, {})
    after = MONTH_SUFFIX_CUES.get(language, {})
    b = re.compile(rf"(?<![^\W\d_])(?P<cue>{_alt(before)})[\s\-]*$", re.I) if before else None
    a = re.compile(rf"\s*(?P<cue>{_alt(after)})(?![^\W\d_])", re.I) if after else None
    return b, a


def _ref(reference: Optional[str]) -> Optional[_dt.date]:
    if not reference:
        return None
    m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", reference)
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None


def _ref_precision(reference: Optional[str]) -> str:
    if not reference:
        return "none"
    return {10: "day", 7: "month", 4: "year"}.get(len(reference), "day")


def _resolve_month(month: int, ref: _dt.date, strictly_before: bool) -> tuple[int, int]:
    """The most recent (year, month) with that month not after the reference month."""
    year = ref.year
    if month > ref.month or (strictly_before and month == ref.month):
        year -= 1
    return year, month


def _shift_month(ref: _dt.date, delta: int) -> tuple[int, int]:
    total = ref.year * 12 + (ref.month - 1) + delta
    return total // 12, total % 12 + 1


def find_dates(text: str, language: Optional[str], reference: Optional[str] = None,
               keep_periods: bool = False) -> list[tuple[int, int, str, str]]:
    """Dates stated in `text` as (start, end, iso, precision), sorted by position; the ends
    of a range or duration ("from 1995 to 2019") only with `keep_periods`.

    Full and month+year dates are read as written. Partial and relative ones ("in
    December", "on Thursday", "earlier this month") are resolved against `reference` (an
    ISO publication date) to the most recent such date not after it, and skipped without one.
    """
    ref = _ref(reference)
    ref_prec = _ref_precision(reference)
    languages = [language] if language in MONTHS else list(ALL_LANGUAGES)
    if language in MONTHS and language != "en":
        languages.append("en")  # English fragments inside other-language text
    found: list[tuple[int, int, str, str]] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def add(s: int, e: int, value: Optional[tuple[str, str]]) -> None:
        if value and free(s, e):
            taken.append((s, e))
            found.append((s, e, value[0], value[1]))

    # Numeric dates first: 2025-10-19, 21-10-2025, 9.10.2025.
    for m in re.finditer(r"(?<![\d.])(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}([-/.])\d{1,2}\1\d{4})(?![\d])", text):
        add(m.start(), m.end(), _numeric(m.group(0), [language or ""]))

    for lang in languages:
        _named_months(text, lang, ref, ref_prec, free, add)
        if ref is not None and ref_prec == "day":
            _weekdays(text, lang, ref, add)
        if ref is not None:
            _relatives(text, lang, ref, ref_prec, add)
        _years(text, lang, add)

    found.sort()
    if keep_periods:
        return found
    spans = periods(text, language, found)
    # "dans la nuit de dimanche à lundi", "la noche del domingo al lunes": the night's later day
    nights = [max((f for f in found if a <= f[0] and f[1] <= b), default=None) for a, b in spans
              if _NIGHT.search(text[max(0, a - 16):a])]
    return [f for f in found if f in nights or not any(a <= f[0] and f[1] <= b for a, b in spans)]


#: A word of night right before a range of two days.
_NIGHT = re.compile(r"(?:night|nuit|noche|nacht|ночь|ніч|gece|ليلة)\W*(?:\w+\W*)?$", re.I)


# ---------------------------------------------------------------------------------------
# Ranges and durations: "from 1995 to 2019", "с 1995 по 2019 год", "1995-2019 yılları
# arasında", "for the past month". They state a period, not when an event happened, so
# `find_dates` leaves the dates inside them out (the event date is never the range start).
# ---------------------------------------------------------------------------------------

# language -> (words opening a range, words joining its two ends, words closing it)
RANGES: dict[str, tuple[str, str, str]] = {
    "en": (r"from|between|since", r"to|until|till|through|and|[-–—]", ""),
    "de": (r"von|vom|zwischen|seit", r"bis|bis zum|und|[-–—]", ""),
    "ru": (r"с|со|между|от", r"по|до|и|[-–—]", ""),
    "uk": (r"з|із|між|від", r"по|до|і|та|[-–—]", ""),
    "tr": (r"", r"ile|ila|ve|[-–—]", r"arasında|arasındaki|kadar|dek|değin|boyunca"),
    "az": (r"", r"ilə|və|[-–—]", r"arasında|qədər|dək|ərzində"),
    "ar": (r"من|بين|منذ", r"إلى|الى|حتى|لغاية|و|[-–—]", ""),
    "fa": (r"از|بین", r"تا|و|[-–—]", ""),
    "fr": (r"de|du|entre|depuis", r"à|au|jusqu'à|jusqu’à|et|[-–—]", ""),
    "es": (r"de|del|desde|entre", r"a|al|hasta|y|[-–—]", ""),
    "it": (r"da|dal|dalla|tra|fra", r"a|al|alla|e|[-–—]", ""),
}
# Words before a date-like span that make it a duration ("for the past month").
DURATIONS: dict[str, str] = {
    "en": r"for|over|throughout", "de": r"während|seit", "ru": r"в течение|на протяжении",
    "uk": r"протягом|впродовж", "ar": r"لمدة|طوال|على مدى|خلال", "fr": r"pendant|durant",
    "es": r"durante", "it": r"per|durante", "tr": r"", "az": r"", "fa": r"",
}
_BARE_YEAR = re.compile(r"(?<![\d.,])(?:1[89]|20)\d\d(?![\d])")


def periods(text: str, language: Optional[str], found: Optional[list] = None) -> list[tuple[int, int]]:
    """Spans of `text` that state a range or a duration rather than a point in time."""
    if found is None:
        found = find_dates(text, language, keep_periods=True)
    items = [(s, e) for s, e, _iso, _p in found]
    for m in _BARE_YEAR.finditer(text):
        if all(m.end() <= a or m.start() >= b for a, b in items):
            items.append((m.start(), m.end()))
    items.sort()
    langs = [language] if language in RANGES else list(RANGES)
    out: list[tuple[int, int]] = []
    for lang in langs:
        opening, joint, closing = RANGES[lang]
        for (s1, e1), (s2, e2) in zip(items, items[1:]):
            gap = text[e1:s2]
            if len(gap) > 24 or not re.fullmatch(rf"\s*(?:(?:{joint})(?![^\W\d_])(?:\s*[^\W\d_]{{1,6}}(?![^\W\d_]))?)?\s*", gap, re.I):
                continue
            before = re.search(rf"(?<![^\W\d_])(?:{opening})(?:\s+[^\W\d_]{{1,6}})?\s*$", text[max(0, s1 - 20):s1], re.I) if opening else None
            after = re.match(rf"[\s\w'’-]{{0,12}}?(?<![^\W\d_])(?:{closing})(?![^\W\d_])", text[e2:e2 + 30], re.I) \
                if closing else None
            dash = bool(re.fullmatch(r"\s*[-–—]\s*", gap))
            if not gap.strip() and not after:
                continue  # two dates side by side are a list, not a range
            if before or after or dash:
                out.append((s1 - (len(before.group(0)) if before else 0), e2 + (after.end() if after else 0)))
        duration = DURATIONS.get(lang)
        if duration:
            for s, e in items:
                if re.search(rf"(?<![^\W\d_])(?:{duration})\s+$", text[max(0, s - 20):s], re.I):
                    out.append((s, e))
    return sorted(set(out))


def _named_months(text: str, lang: str, ref: Optional[_dt.date], ref_prec: str, free, add) -> None:
    """Dates written with a month name: as written with a year, else resolved against `ref`."""
    before_cue, after_cue = _cue_regex(lang)
    for kind, pattern in _patterns(lang):
        for m in pattern.finditer(text):
            s, e = m.start(), m.end()
            if not free(s, e):
                continue
            month = _month_of(lang, re.split(r"\s*/\s*", m.group("mon"))[0])
            if month is None:
                continue
            gd = m.groupdict()
            day = int(gd["day"]) if gd.get("day") else None
            year = int(gd["year"]) if gd.get("year") else None
            mon_text = m.group("mon")
            # English "may"/"mar" and other short forms double as words: trust them
            # only capitalised.
            if lang == "en" and mon_text.casefold() in ("may", "mar", "jan", "jun", "jul", "aug", "dec", "oct", "nov", "sep", "feb", "apr", "sept") \
                    and not mon_text[:1].isupper():
                continue
            if e > s and text[e - 1] == "." and not _is_abbreviation(lang, mon_text.rstrip(".")):
                e -= 1  # a sentence full stop after a full month name is not part of it
            if year is not None:
                add(s, e, _precision_iso(year, month, day))
                continue
            if ref is None or ref_prec == "year":
                continue
            if kind == "m":
                cue_b = before_cue.search(text, 0, s) if before_cue else None
                if cue_b and cue_b.end() != s and text[cue_b.end():s].strip(" -"):
                    cue_b = None
                cue_a = after_cue.match(text, e) if after_cue else None
                apostrophe = lang in ("tr", "az") and re.search(r"['’]|ayı|nda|nde|ndə", m.group(0)[len(mon_text):] or "")
                if not (cue_b or cue_a or apostrophe):
                    continue
                last = bool(cue_b and MONTH_CUES[lang].get(cue_b.group("cue").casefold()) == "last") or \
                    bool(cue_a and MONTH_SUFFIX_CUES[lang].get(cue_a.group("cue").casefold()) == "last")
                y, mo = _resolve_month(month, ref, strictly_before=last)
                if cue_b:
                    s = cue_b.start("cue")
                if cue_a:
                    e = cue_a.end()
                add(s, e, _precision_iso(y, mo, None))
            else:
                # Day and month without a year: the most recent such day not after the reference.
                y = ref.year
                candidate = _precision_iso(y, month, day)
                if candidate and candidate[0] > ref.isoformat():
                    candidate = _precision_iso(y - 1, month, day)
                add(s, e, candidate)


def _weekdays(text: str, lang: str, ref: _dt.date, add) -> None:
    forms = WEEKDAYS.get(lang)
    if not forms:
        return
    index = {f.casefold(): n for n, fs in enumerate(forms) for f in fs}
    pre, post = WEEKDAY_CUES.get(lang, (None, None))
    clitic = r"(?:[وب])?" if lang == "ar" else ""
    pattern = rf"(?<![^\W\d_]){pre or ''}{clitic}(?P<wd>{_alt(index)})(?![^\W\d_]){post or ''}"
    for m in re.finditer(pattern, text, re.I):
        wd = index.get(re.sub(r"\s+", " ", m.group("wd").casefold()))
        if wd is None:
            continue
        if lang in ("en", "de") and not m.group("wd")[:1].isupper():
            continue
        back = (ref.weekday() - wd) % 7
        d = ref - _dt.timedelta(days=back)
        add(m.start(), m.end(), (d.isoformat(), "day"))


def _relatives(text: str, lang: str, ref: _dt.date, ref_prec: str, add) -> None:
    for expr, unit, delta in RELATIVE.get(lang, []):
        for m in re.finditer(rf"(?<![^\W\d_])(?:{expr})(?![^\W\d_])", text, re.I):
            if unit == "day":
                if ref_prec != "day":
                    continue
                add(m.start(), m.end(), ((ref + _dt.timedelta(days=delta)).isoformat(), "day"))
            elif unit == "week":
                if ref_prec != "day":
                    continue
                monday = ref - _dt.timedelta(days=ref.weekday()) + _dt.timedelta(weeks=delta)
                last = min(monday + _dt.timedelta(days=6), ref)
                if (monday.year, monday.month) == (last.year, last.month):
                    add(m.start(), m.end(), _precision_iso(monday.year, monday.month, None))
            elif unit == "month":
                if ref_prec == "year":
                    continue
                y, mo = _shift_month(ref, delta)
                add(m.start(), m.end(), _precision_iso(y, mo, None))
            else:
                add(m.start(), m.end(), _precision_iso(ref.year + delta, None, None))


def _years(text: str, lang: str, add) -> None:
    pre, post = YEAR_PREFIX.get(lang), YEAR_SUFFIX.get(lang)
    patterns = []
    if pre:
        patterns.append(rf"(?<![^\W\d_]){pre}(?P<year>(?:1[89]|20)\d\d)(?![\d])")
    if post:
        patterns.append(rf"(?<![\d.,])(?P<year>(?:1[89]|20)\d\d){post}")
    for p in patterns:
        for m in re.finditer(p, text, re.I):
            add(m.start("year"), m.end(), _precision_iso(int(m.group("year")), None, None))


#: Any full date serves to find out which expressions need a reference at all.
_PROBE_REFERENCE = "2000-06-15"


def unresolved(text: str, language: Optional[str], reference: Optional[str] = None) -> list[tuple[int, int, str]]:
    """Relative or partial dates in `text` that `reference` cannot resolve: (start, end, surface).

    "On Thursday", "earlier this month", "in late June" need the publication date (at day
    or month precision); without one they are left unresolved, and the caller notes them
    in `Source.notes` rather than guessing.
    """
    needs_ref = {(s, e) for s, e, _, _ in find_dates(text, language, _PROBE_REFERENCE)} - \
        {(s, e) for s, e, _, _ in find_dates(text, language, None)}
    resolved = {(s, e) for s, e, _, _ in find_dates(text, language, reference)} if reference else set()
    return [(s, e, text[s:e]) for s, e in sorted(needs_ref - resolved)]
