"""Words around a figure that make it no count: a unit of time, a length or an area, a month, a
share ("32%", "two of the dead", "ikisi")."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from dossier.text.fold import fold_str
from dossier.text.lexicon import load_lexicon

#: Years, months: "20 years", "3 ay" (an age or a duration).
TIME_UNITS = re.compile(
    r"^(?:years?|yil\w*|yıl\w*|il|ildə|عام\w*|عاما|سن\w*|год\w*|лет|jahr\w*|months?|ay|шт"
    r"|ans?|années?|mois|años?|meses|mes|monat\w*)$")
#: A span of time, a length or an area: "72 hours", "11 metres", "600 km2".
SPANS = re.compile(r"^(?:hours?|minutes?|час\w*|минут\w*|saat|dakika|ساعة|ساعات|دقيقة|دقائق|stunden?|minuten?"
                    r"|heures?|horas?|minutos?|dəqiqə"
                    # a length or an area ("11 metres", "600 km2", "4 miles"), never a count either
                    r"|km2?|km²|kilomet\w*|kilomèt\w*|kilómet\w*|metres?|meters?|mètres?|metros?|miles?|meilen"
                    r"|hectares?|hektar\w*|км\w*|кв|метр\w*|гектар\w*|كيلومتر\w*|كلم|متر\w*|أمتار|ميل|هكتار\w*"
                    r"|kilometre\w*|kilometer\w*|metre|metrə|kilometr\w*)$")

#: Month names, and the beginnings of their case forms in Cyrillic and Arabic script.
MONTHS = ("januar", "january", "februar", "february", "march", "märz", "april", "avril", "may", "mai", "june",
           "juni", "juin", "july", "juli", "juillet", "august", "août", "aout", "september", "septembre", "october",
           "oktober", "octobre", "november", "novembre", "december", "dezember", "décembre", "janvier", "février",
           "fevrier", "mars", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre", "ocak", "şubat", "mart", "nisan", "mayıs", "haziran",
           "temmuz", "ağustos", "eylül", "ekim", "kasım", "aralık", "yanvar", "fevral", "aprel", "iyun", "iyul",
           "avqust", "sentyabr", "oktyabr", "noyabr", "dekabr", "январ", "феврал", "март", "апрел", "ма", "июн",
           "июл", "август", "сентябр", "октябр", "ноябр", "декабр", "يناير", "فبراير", "مارس", "أبريل", "ابريل",
           "مايو", "يونيو", "يوليو", "أغسطس", "اغسطس", "سبتمبر", "أكتوبر", "اكتوبر", "نوفمبر", "ديسمبر",
           "كانون", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين")


def is_month(token: str) -> bool:
    """Whether a folded token names a month ("mai", "марта", "mayısta"): a figure beside it is a date."""
    if token[:1].isascii() or token[:1] in "äöüşçğıé":  # Latin: the month itself, a Turkic one with its case ending
        return token in MONTHS and token not in ("mars", "ma") or any(
            token.startswith(m) and _TURKIC_CASE.match(token[len(m):]) for m in _TURKIC_MONTHS)
    return token.startswith(MONTHS) and not (token.startswith("ма") and not token.startswith("март")
                                              and token not in ("мая", "май", "мае"))


#: Months written with a case ending ("mayısta", "martta", "yanvarda"); "maisons" is no "mai".
_TURKIC_MONTHS = ("ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim", "kasım",
                  "aralık", "yanvar", "fevral", "aprel", "iyun", "iyul", "avqust", "sentyabr", "oktyabr", "noyabr", "dekabr")
#: Their case endings: "martta", "mayısın", "yanvarda", "ekimden".
_TURKIC_CASE = re.compile(r"^['’]?(?:[dt][aeə]n?|[ıiuüə]n(?:[dt][aeə])?|n?[ıiuü]n|y?[aeə]|[ıiuü]|n[dt][aeə]|[ıiuü]n[dt][aeə])?$")


#: A figure followed by "of the" counts a part of a total ("two of the dead were ...", "one of
#: its soldiers", "21 members of its navy"): no total.
_PARTITIVE = re.compile(r"^\s+(?:(?:members\s+|\w+\s+)?of\s+(?:its|their|his|her)\b|members\s+of\b|of\s+(?:the|them|those)|из\s+(?:них|погибш|пострадав|ранен)|من\s+(?:بين|القتلى|الضحايا)|"
                        r"von\s+(?:den|ihnen)|(?:d'entre|parmi)|de\s+(?:los|las|ellos)\s)")

#: "Among the dead, four ...": a part of a figure, told before it.
_AMONG = re.compile(r"(?:\bamong|\bentre|بين|\bсреди|\bunter|\bparmi|aras[ıi]nda)(?:\s+\S+){0,3}\s*$")

#: A Turkic number word with a possessive ending: "ikisi" (two of them), "üçünün", "dördü".
_TURKIC_SHARE = re.compile(r"^(\w{3,}?)s?[ıiuü](?:n[ıiuü]n|n[ıiuü]|n[ae]|nd[ae]n)?$")


def turkic_share(raw: str, words: dict[str, int]) -> Optional[int]:
    """The figure of a Turkic number word with a possessive ending ("ikisinin": two of them)."""
    m = _TURKIC_SHARE.match(raw)
    return words.get(m.group(1)) if m and m.group(1) not in ("bir", "on") else None


#: "All ten of its crew": the whole, no part.
_ALL = re.compile(r"(?<!\w)(?:all|tous|toutes|todos|todas|alle|все|всех|tüm|bütün|جميع|كل)\s+$")


def part_of(folded: str, start: int, end: int) -> bool:
    """Whether the figure at start:end of folded text is a part of a total ("two of the dead")."""
    return (bool(_PARTITIVE.match(folded[end:end + 30])) and not _ALL.search(folded[max(0, start - 12):start])) \
        or bool(_AMONG.search(folded[max(0, start - 40):start]))


#: A share, not a count: "32%", "%90", "yüzde 68", "68 процентов", "68 بالمئة", "68 Prozent".
PERCENT_AFTER = re.compile(r"\s?%|\s+(?:per\s?cent|percent|процент|відсот|prozent|pour\s?cent|por\s?ciento|بالمئة|بالمائة"
                            r"|في الم)")
PERCENT_BEFORE = re.compile(r"(?:%|\byüzde|\bfaiz)\s?$")


#: Words that qualify a figure ("at least 12", "более 12", "ما لا يقل عن 12"): they do not
#: put a number further from what it counts.
QUALIFIERS = frozenset("""
at least more than over about around nearly almost some up to roughly approximately
не менее более свыше около почти по меньшей мере порядка примерно до
щонайменше понад близько майже
ما لا يقل عن أكثر من نحو حوالي قرابة زهاء ما يزيد على أزيد الأقل
mindestens mehr als über rund etwa fast knapp gut weitere weiteren
au moins plus de près environ quelque
al menos más de casi unos unas cerca alrededor
en az fazla yaklaşık kadar civarında aşkın
ən azı çox təxminən
""".split())

#: Auxiliaries and adverbs between a figure and its verb ("six people have now been detained",
#: "64 Menschen wurden ... gerettet"): like qualifiers, they put no distance between them.
FILLERS = frozenset("""
have has had been were was are is be still now also already so far
были было был была уже еще ещё
wurden wurde worden werden wird sind waren noch bereits hätten hätte habe haben seien sei
ont été sont étaient avaient avait auraient aurait toujours encore déjà
han sido fueron son eran siguen seguían todavía aún ya
hâlâ henüz daha
hələ artıq
""".split())

#: Words that are no noun a count's verb could describe ("tuées en Turquie", "verloren haben").
NOT_NOUNS = QUALIFIERS | FILLERS

#: Thousands set apart by a space ("1 100 lits", "6 000 человек"): one figure.
SPACED_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]?\d)")
#: Turkish and Azerbaijani thousands and the rest: "2 bin 750" (2,750), "3 min 200".
_TURKIC_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3})\s+(?:bin|min)\s+(\d{1,3})(?![\d.,]?\d)")
#: A range of figures, "200,000-250,000", "10–12", "200-250 bin": read as its upper bound, as
#: "between 10 and 12" is (not two years: "1995-2019" is a span of time, nor a date's parts).
_RANGE = re.compile(r"(?<![\w.,\-–—])(\d[\d.,]*)\s?[-–—]\s?(\d[\d.,]*)(?![\w\-–—]|[.,]\d)")
#: A range in words: "between 3 and 5", "3 to 5", "3 ila 5", "от 3 до 5", "zwischen 3 und 5", "de 3 à 5".
_WORD_RANGE = re.compile(r"(?<![\w.,])(\d[\d.,]*)\s+(?:to|bis|ila|до|à|a|and|und|y|et|и|і|та)\s+(\d[\d.,]*)(?![\w]|[.,]\d)")
_WORD_RANGE_OPEN = re.compile(r"(?:between|zwischen|entre|между|від|от)\s+$")


#: Words that join a range's figures only after "between" ("between 3 and 5", not "2 killed and 5").
_PAIRED = frozenset({"and", "und", "y", "et", "и", "і", "та"})


def _word_range(m: re.Match) -> str:
    """`_upper` of a range in words; one an "and" joins only after "between" ("2 killed and 5 injured" is none)."""
    if m.group(0).split()[1] in _PAIRED and not _WORD_RANGE_OPEN.search(m.string[max(0, m.start() - 12):m.start()]):
        return m.group(0)
    return _upper(m)


def _figure(text: str) -> float:
    """"3,5" and "3.5" are decimals, "200,000" and "200.000" thousands."""
    return float(text.replace(",", ".")) if re.fullmatch(r"\d+[.,]\d{1,2}", text) else int(re.sub(r"[.,]", "", text))


def _upper(m: re.Match) -> str:
    """The range's upper figure; two years ("1995-2019"), a date's parts or figures that fall
    ("the 2020-21 season", "a score of 3-1") stay as written."""
    low, high = m.groups()
    if low[:1] == "0" or high[:1] == "0" or max(len(low), len(high)) > 20 or re.fullmatch(r"1[89]\d\d|20\d\d", re.sub(r"[.,]", "", low)) \
            or _figure(low) >= _figure(high):
        return m.group(0)
    return high


#: A figure written onto the Arabic word after it.
_GLUED = re.compile(r"(\d)([\u0620-\u064a])")
#: A proclitic "and"/"by" written onto the figure after it ("100 قتيل و4000 جريح").
_CLITIC_GLUED = re.compile(r"(?<!\w)([وفب])(\d)")
#: Scale words by how they begin (folded).
_SCALES = (("тысяч", 1000), ("тыс", 1000), ("миллион", 1000000), ("млн", 1000000), ("tausend", 1000),
           ("thousand", 1000), ("million", 1000000), ("الف", 1000), ("مليون", 1000000), ("مليار", 1000000000))
#: "One and a half" before a scale word: "полторы тысячи", "anderthalb Millionen".
_AND_A_HALF = re.compile(r"(?<!\w)(?:полтора|полторы|полутора|anderthalb|one and a half)\s+"
                         r"(тысяч\w*|миллион\w*|tausend|thousand|million\w*)(?!\w)")
#: Arabic "a million and 200 thousand" ("مليون و200 ألف", folded): one figure.
_AR_COMPOUND = re.compile(r"(?<!\w)(?:(\d+)\s+)?(مليون|مليار)\s+و\s?(\d+)\s+(الف|مليون)(?!\w)")


def _scale(word: str) -> int:
    return next(v for p, v in _SCALES if word.startswith(p))


#: A number of days made one adjective ("семидневный траур", "siebentägige Staatstrauer",
#: "seven-day mourning", "einwöchige"): the number stands apart from the word for day.
_DAYS_ADJECTIVE = re.compile(r"(?<!\w)(одно|двух|трех|четырех|пяти|шести|семи|восьми|девяти|десяти|дво|три|чотири|"
                             r"п['’]яти|дев['’]яти|ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|one|two|three|"
                             r"four|five|six|seven|eight|nine|ten|\d{1,2})[-‐]?(дневн|денн|tägig|day(?!\w)|wöchig)")
_DAYS_NUMBER = {w: n for n, words in enumerate((
    (), ("одно", "ein", "one"), ("двух", "дво", "zwei", "two"), ("трех", "три", "drei", "three"),
    ("четырех", "чотири", "vier", "four"), ("пяти", "п'яти", "п’яти", "fünf", "five"), ("шести", "sechs", "six"),
    ("семи", "sieben", "seven"), ("восьми", "acht", "eight"), ("девяти", "дев'яти", "дев’яти", "neun", "nine"),
    ("десяти", "zehn", "ten"))) for w in words}


def _days(m: re.Match) -> str:
    n = int(m.group(1)) if m.group(1).isdigit() else _DAYS_NUMBER[m.group(1)]
    return f"{n * 7} tägig" if m.group(2) == "wöchig" else f"{n} {m.group(2)}"


def plain_figures(folded: str) -> str:
    """Folded text with each figure written in parts written as one: "6 000" -> "6000",
    "2 bin 750" -> "2750", "полторы тысячи" -> "1500", "مليون و200 ألف" -> "1200000"; and a
    figure apart from the "and" written onto it, "و4000" -> "و 4000"."""
    folded = SPACED_THOUSANDS.sub(lambda m: re.sub(r"\s", "", m.group(0)), folded)
    folded = _RANGE.sub(_upper, folded)
    folded = _WORD_RANGE.sub(_word_range, folded)
    folded = _DAYS_ADJECTIVE.sub(_days, folded)  # "семидневный" -> "7 дневный"
    folded = _GLUED.sub(r"\1 \2", folded)  # "113قتيل": a figure written onto its Arabic noun
    folded = _TURKIC_THOUSANDS.sub(lambda m: str(int(m.group(1)) * 1000 + int(m.group(2))), folded)
    folded = _AND_A_HALF.sub(lambda m: str(_scale(m.group(1)) * 3 // 2), folded)
    folded = _AR_COMPOUND.sub(lambda m: str(int(m.group(1) or 1) * _scale(m.group(2))
                                            + int(m.group(3)) * _scale(m.group(4))), folded)
    return _CLITIC_GLUED.sub(r"\1 \2", folded)  # after the compounds, whose "و200" joins a figure


#: Words right before a figure a count rose to ("to", "до", "à", "auf", "إلى").
#: Or a verb of amounting to ("составила 45 млн", "totalled", "beträgt", "بلغت"), or of standing
#: at ("the toll stood at", "liegt bei").
RISE_TO = frozenset(fold_str(w) for w in ("to", "до", "à", "a", "auf", "at", "bei", "إلى", "الى", "ila", "hasta", "составила",
                                            "составил", "составило", "составляет", "составляют", "totalled",
                                            "totaled", "beträgt", "betrug", "بلغت", "بلغ", "reached", "достигло",
                                            "достигла", "достиг", "достигли", "досягло", "досягла", "сягнуло",
                                            "сягнула", "atteint", "alcanzó", "alcanza"))  # as folded text has them
#: A relative clause set between commas ("the bribe, which he is charged with, amounted to"):
#: no boundary between a figure and its noun.
ASIDE = re.compile(r"[,،]\s*(?:котор|which|who|qui|lequel|laquelle|welche|الذي|التي)\w*\b[^,;،؛]*[,،]")


#: Units of a term of custody or a sentence, by how the word begins (folded): "two months",
#: "на два месяца", "für zwei Monate", "pour deux mois", "por dos meses", "iki ay", "6 yıl".
_TERM_UNITS = (("month", "months"), ("месяц", "months"), ("місяц", "months"), ("monat", "months"), ("year", "years"),
               ("год", "years"), ("рок", "years"), ("jahr", "years"), ("année", "years"), ("día", "days"),
               ("day", "days"), ("дн", "days"), ("сут", "days"), ("tag", "days"), ("jour", "days"), ("شهر", "months"),
               ("اشهر", "months"), ("سنة", "years"), ("سنوات", "years"), ("اعوام", "years"), ("عام", "years"),
               ("يوم", "days"), ("ايام", "days"), ("hour", "hours"), ("годин", "hours"),
               ("stund", "hours"), ("heure", "hours"), ("hora", "hours"), ("ساعة", "hours"), ("ساعات", "hours"),
               ("saat", "hours"))  # "14 saattir", "10 saatdan çox"
#: Short unit words, whole: "ans", "ay", "yıl" (folded "yil"), "mes".
_TERM_WORDS = {"an": "years", "ans": "years", "año": "years", "años": "years", "лет": "years", "yil": "years",
               "yilik": "years", "il": "years", "mois": "months", "mes": "months", "meses": "months", "ay": "months",
               "aylik": "months", "gun": "days", "gün": "days", "günlük": "days", "saat": "hours", "saatlik": "hours",
               "час": "hours", "часа": "hours", "часов": "hours"}  # not a stem: "часть" (part)
#: Arabic duals: "شهرين" (two months), "عامين", "سنتين", "يومين".
_DUALS = {"شهرين": "2 months", "عامين": "2 years", "سنتين": "2 years", "يومين": "2 days"}
#: A number and the word after it.
_TERM_WORD = re.compile(r"(?<![\w])(\d{1,3}|[^\W\d_]+)(?=\s+([^\W\d_]+))")


#: Words that make a span of time a point in the past: before the number ("vor drei Tagen",
#: "hace tres días", "il y a trois jours", "قبل ثلاثة أيام") or after its unit ("three days ago",
#: "три дня назад", "üç gün önce").
#: So do words that make it a most ("up to six months", "bis zu sechs Monaten", "altı aya kadar").
_NO_TERM_BEFORE = re.compile(r"(?:^|\s)(?:vor|hace|il y a|قبل|منذ|up to|bis zu|jusqu'à|jusqu’à|hasta|تصل إلى|لا تتجاوز)\s+$")
_NO_TERM_AFTER = re.compile(r"\s+[^\W\d_]+\s+(?:ago|назад|тому|önce|evvel|əvvəl|kadar|qədər)\b|[^\W\d_]*\s+(?:kadar|qədər)\b")


def term_of(folded: str, words: dict[str, int]) -> Optional[str]:
    """The span of time a clause gives ("2 months", "5 years"), from digits or number words
    (`words`: folded number word -> value), else None."""
    for dual, term in _DUALS.items():
        if re.search(rf"(?<!\w){dual}(?!\w)", folded):
            return term
    for m in _TERM_WORD.finditer(folded):
        number, unit = m.group(1), m.group(2)
        if _NO_TERM_BEFORE.search(folded[:m.start()]) or _NO_TERM_AFTER.match(folded[m.end():]):
            continue  # "three days ago", "vor drei Tagen": when, not for how long
        value = int(number) if number.isdigit() else words.get(number)
        if not value:
            continue
        name = _TERM_WORDS.get(unit) or next((n for stem, n in _TERM_UNITS
                                               if unit.startswith(stem) and len(unit) <= len(stem) + 4), None)
        if name:
            return f"{value} {name[:-1] if value == 1 else name}"
    return None


#: One digit, maybe a decimal mark and one digit: an earthquake's magnitude ("7.8", "7,6").
#: Not the "7ر7" some Arabic outlets write: which digit is the decimal is not agreed.
_MAGNITUDE = re.compile(r"(?<![\w.,٫])([1-9])(?:[.,٫]([0-9]))?(?![\d]|[.,٫ر]\d)")


def magnitudes_of(folded: str, spans: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """Each magnitude a clause gives within three words of a magnitude word (`spans`: where
    events.yml's `magnitude` cues are), with where it stands: [(start, "7.8"), ...]."""
    out = []
    for m in _MAGNITUDE.finditer(folded):
        for s, e in spans:
            gap = folded[m.end():s] if m.end() <= s else folded[e:m.start()] if e <= m.start() else ""
            if not re.search(r"[;:!?]|[.,](?:\s|$)", gap) and len(re.findall(r"\w+", gap)) <= 3:
                out.append((m.start(), m.group(1) + ("." + m.group(2) if m.group(2) else "")))
                break
    return out


#: A figure, then a unit of area (folded): square kilometres, or hectares (a hundredth of one).
_AREA = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[,. \u00a0\u202f]\d{3})+|\d+(?:[.,]\d{1,2})?)\s*"
    r"(?:(km2|km²|кв\.?\s*км|sq\.?\s*km|square\s+kilomet\w+|квадратн\w+\s+километр\w*|квадратн\w+\s+кілометр\w*|"
    r"kilometrekare\w*|km\s+kare|كيلومتر\w*\s+مربع\w*|كلم\s+مربع|كم\s+مربع|quadratkilometer\w*|"
    r"kilomètres?\s+carrés|km\s+carrés|kilómetros?\s+cuadrados|km\s+cuadrados)"
    r"|(hectares?|гектар\w*|га|hektar\w*|هكتار\w*|hectáreas?))(?!\w)")


def area_of(folded: str) -> Optional[tuple[str, float]]:
    """The first area a clause gives, in square kilometres ("600 km2", "600 kilometrekarelik",
    "600 كيلومتر مربع", "6 000 hectares" -> "60"), and the figure as written; or None."""
    m = _AREA.search(folded)
    if m is None:
        return None
    digits = m.group(1)
    if re.fullmatch(r"\d{1,3}(?:[,. \u00a0\u202f]\d{3})+", digits):
        written = float(re.sub(r"\D", "", digits))
    else:
        written = float(digits.replace(",", "."))
    value = written / 100 if m.group(3) else written
    return (str(int(value)) if value == int(value) else f"{value:.2f}".rstrip("0")), written


#: German auxiliaries that open a verb bracket its participle closes ("wurden ... verhaftet").
DE_AUX = frozenset("wurden wurde sind ist waren war seien sei haben hatten".split())
#: The end of a clause, after the participle or after the cue and its participle ("ums Leben gekommen").
CLAUSE_END = re.compile(r"\s*(?:\w+\s*)?(?:[.;!?]|$)")


def de_bracket(tokens: list, ti: int, first: int, idle) -> bool:
    """The figure at token `ti` opens a German verb bracket: right after it (and its noun) an
    auxiliary, before the cue at token `first`."""
    k = ti + 1
    while k < first and tokens[k].group(0) not in DE_AUX and idle(tokens[k].group(0)):
        k += 1
    return k < first and tokens[k].group(0) in DE_AUX


_CURRENCY_SIGN = re.compile(r"[$€£₽₴₺]\s*$")


@lru_cache(maxsize=64)
def _currencies(langs: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """counts.yml `currencies` of the languages, folded: (whole words, prefixes)."""
    lex = load_lexicon("counts").get("currencies") or {}
    words = [fold_str(str(w)) for lang in langs for w in lex.get(lang) or []]
    return frozenset(w for w in words if not w.endswith("*")), tuple(w[:-1] for w in words if w.endswith("*"))


def money_figures(folded: str, tokens: list, numbers: list, langs: tuple[str, ...]) -> set[int]:
    """Token indices of the figures that are sums of money: a currency (counts.yml
    `currencies`) one or two words after, or a currency sign right before."""
    exact, stems = _currencies(langs)
    out = set()
    for ti, _value, pos, _part in numbers:
        after = [t.group(0) for t in tokens[ti + 1:ti + 3]]
        if any(w in exact or (stems and w.startswith(stems)) for w in after) or _CURRENCY_SIGN.search(folded[:pos]):
            out.add(ti)
    return out


@lru_cache(maxsize=64)
def _besides(langs: tuple[str, ...]) -> frozenset[str]:
    lex = load_lexicon("counts").get("besides") or {}
    return frozenset(fold_str(str(w)) for lang in langs for w in lex.get(lang) or [])


def besides_figures(tokens: list, numbers: list, langs: tuple[str, ...]) -> set[int]:
    """Token indices of the figures that count people besides those a list names ("X and four
    others", "وأربعة آخرين", "otras tres personas"): counts.yml `besides` right before the
    figure, or after it or its noun."""
    words = _besides(langs)
    near = lambda i: tokens[i].group(0) if 0 <= i < len(tokens) else ""  # noqa: E731
    return {n[0] for n in numbers if near(n[0] - 1) in words or near(n[0] + 1) in words or near(n[0] + 2) in words}


@lru_cache(maxsize=64)
def vague_words(langs: tuple[str, ...]) -> frozenset[str]:
    """numbers.yml words of no figure in these languages ("binlerce", "тысячи" as "thousands of"), folded."""
    lex = load_lexicon("numbers")
    return frozenset(fold_str(str(w)) for lang in langs for w, v in (lex.get(lang) or {}).items() if v is None)
