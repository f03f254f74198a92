"""Cues: what the per-language lexicons (dossier/lexicons/*.yml) find in a sentence or clause.

Cues are matched on folded text (`fold`), whose index map turns match offsets back into
exact offsets of the original. From them: which event a clause states (`detect_events`,
`main_event`), whether it denies it (`is_negated`), what numbers it gives (`extract_counts`),
how two parties communicated (`extract_manner`), where a sentence joins two separate facts
(`split_clauses`) and whom it attributes its content to (`attribution`).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from dossier.extract.patterns import PHRASE_BREAK as _PHRASE_BREAK
# compile_cue, find_cues and languages_for are read from here by the other stages too
from dossier.extract.patterns import attributive, compile_cue, find_cues, languages_for, mask_sources  # noqa: F401
from dossier.extract.speakers import OWN_SUBJECT, SOURCE_END, SPEAKER_REACH, reported_subject
from dossier.extract.units import (ASIDE, CLAUSE_END, FILLERS, PERCENT_AFTER, PERCENT_BEFORE, QUALIFIERS, money_figures,  # noqa: F401
                                   RISE_TO, SPACED_THOUSANDS, SPANS, TIME_UNITS, de_bracket, is_month, plain_figures,
                                   part_of, turkic_share, NOT_NOUNS, besides_figures, vague_words)
from dossier.model import MentionCandidate
from dossier.text import script_of
from dossier.text.fold import fold, fold_str
from dossier.text.languages import SUBJECT_FIRST
from dossier.text.lexicon import load_lexicon


#: Who can be a source of information, best first.
_SOURCE_KINDS = {"outlet": 0, "organization": 1, "person": 2, "other": 3}


# ---------------------------------------------------------------------------------------
# Events, negation, counts, manner
# ---------------------------------------------------------------------------------------

#: The project's own events and count cues (content/predicates.yml, see `use_project_events`).
_project_events: tuple = ()
_project_counts: dict = {}


def use_project_events(entries: list[dict], counts: Optional[dict] = None) -> None:
    """Lay a project's events over the package's: cues of a known event join its own, a new
    event comes before the package's (a project's own verbs are the more specific). `counts`
    (slot -> language -> cues) join counts.yml the same way."""
    global _project_events, _project_counts
    new, new_counts = tuple(entries), dict(counts or {})
    if new != _project_events or new_counts != _project_counts:
        _project_events, _project_counts = new, new_counts
        for cached in (_events, event_info, event_order, _event_cues, _event_cue_list, _detected, _counts, _share_slots, _unit_words):
            cached.cache_clear()


def _joined(words: dict, more: dict) -> dict:
    """Cues per language, `more`'s after `words`' own."""
    out = {lang: list(cues) for lang, cues in (words or {}).items()}
    for lang, cues in (more or {}).items():
        out[lang] = out.get(lang, []) + [c for c in cues if c not in out.get(lang, [])]
    return out


@lru_cache(maxsize=None)
def _counts() -> dict:
    lex = dict(load_lexicon("counts"))
    for slot, cues in _project_counts.items():
        lex[slot] = _joined(lex.get(slot) or {}, cues)
    return lex


@lru_cache(maxsize=None)
def _events() -> list[dict]:
    base = [dict(e) for e in load_lexicon("events").get("events", [])]
    known = {e["id"]: e for e in base}
    added = []
    for entry in _project_events:
        if entry["id"] in known:
            known[entry["id"]]["cues"] = _joined(known[entry["id"]].get("cues") or {}, entry.get("cues") or {})
        else:
            added.append(dict(entry))
    return added + base


@lru_cache(maxsize=None)
def event_info() -> dict[str, dict]:
    """Event id -> its entry in events.yml (class, attach, templates, cues)."""
    return {e["id"]: e for e in _events()}


@lru_cache(maxsize=None)
def event_order() -> dict[str, int]:
    return {e["id"]: i for i, e in enumerate(_events())}


def _mask_reporting(folded: str, langs: tuple[str, ...]) -> str:
    """Blank reporting verbs that open reported content ("сообщило, что ...", "xəbər verib ki")
    or tag it after a comma ("..., сообщила газета"): there they attribute the content
    rather than tell an event of informing someone."""
    lex = load_lexicon("reporting")
    folded = mask_sources(folded, langs, lex)
    verbs = [c for lang in langs for c in ((lex.get(lang) or {}).get("verbs") or [])]
    comps = [c for lang in langs for c in ((lex.get(lang) or {}).get("complementizers") or [])]
    if not verbs or not comps:
        return folded
    comp_starts = [s for s, _ in find_cues(comps, folded)]
    for s, e in find_cues(verbs, folded):
        opens_content = any(cs >= e and len(TOKEN_RX.findall(folded[e:cs])) <= 3 for cs in comp_starts)
        # "..., сообщила его партия": a tag after the content, naming who reported it
        tag = folded[:s].rstrip().endswith((",", "،")) and s > 0
        if opens_content or tag:
            folded = folded[:s] + " " * (e - s) + folded[e:]
    return folded


@lru_cache(maxsize=None)
def _event_cues(langs: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(event id, its cues in `langs`) in events.yml order, for events with any cue there."""
    out = []
    for event in _events():
        cues = cues_of(event, langs)
        if cues:
            out.append((event["id"], cues))
    return tuple(out)


def cues_of(event: dict, langs: tuple[str, ...]) -> tuple[str, ...]:
    """An event's (or incident noun's) cues in `langs`, less a relative's cues that are another
    word in the first language (`false_friends`)."""
    unlike = set((event.get("false_friends") or {}).get(langs[0]) or ()) if langs else set()
    return tuple(c for lang in langs for c in (event.get("cues", {}).get(lang) or []) if lang == langs[0] or c not in unlike)


def detect_events(text: str, language: Optional[str], script: Optional[str] = None) -> list[str]:
    """Canonical event ids whose cues occur in `text`, main event first (events.yml order)."""
    return list(_detected(text, language, script))


@lru_cache(maxsize=4096)  # a clause is asked about several times, by several stages
def _detected(text: str, language: Optional[str], script: Optional[str]) -> tuple[str, ...]:
    langs = languages_for(language, script or script_of(text))
    plain = fold_str(text)
    folded = _mask_reporting(plain, langs)
    found = tuple(event for event, cues in _event_cues(langs) if find_cues(cues, folded))
    if found or folded == plain:
        return found
    # "The company denied that it had breached the rules": a denial of no event named is the denial itself
    return tuple(event for event, cues in _event_cues(langs)
                 if event_info()[event].get("class") == "denial" and find_cues(cues, plain))


def main_event(text: str, language: Optional[str], script: Optional[str] = None) -> Optional[str]:
    """The clause's main event: the first event (events.yml order) unless it is told only
    inside a subordinate clause ("... discussed when the ministers met") while a firm event
    stands outside one; then the first such firm event."""
    events = detect_events(text, language, script)
    if len(events) < 2:
        return events[0] if events else None
    folded = fold_str(text)
    langs = languages_for(language, script or script_of(text))
    subs = [c for lang in langs for c in ((load_lexicon("events").get("subordinators") or {}).get(lang) or [])]
    scopes = []
    for s, e in find_cues(subs, folded):
        brk = _PHRASE_BREAK.search(folded, e)
        scopes.append((s, brk.start() if brk else len(folded)))
    scopes += attributive(folded, langs)
    if not scopes:
        return events[0]
    info = event_info()
    outside = {ev for pos, ev in event_positions(folded, langs) if not any(a <= pos < b for a, b in scopes)}
    for ev in events:
        if ev in outside and not info[ev].get("weak") and not info[ev].get("attach"):
            return ev
    return events[0]


#: Relative pronouns that open a clause about the name before it (Arabic's with clitics: "والذي").
_RELATIVES = {"en": ("who",), "ar": ("الذي", "التي", "الذين", "والذي", "والتي"), "ru": ("который", "которая", "которые"),
              "fr": ("qui",), "es": ("quien", "quienes"), "uk": ("який", "яка", "які")}


def opens_relative(text: str, language: Optional[str], script: Optional[str] = None) -> bool:
    """The clause opens with a relative pronoun ("who warned ...", "الذي أبلغ ..."): its doer is
    the one named just before it."""
    first = fold_str(text).split(maxsplit=1)[:1]
    return bool(first) and any(first[0] in _RELATIVES.get(lang, ()) for lang in languages_for(language, script or script_of(text)))


def event_positions(folded: str, langs: tuple[str, ...]) -> list[tuple[int, str]]:
    folded = _mask_reporting(folded, langs)
    return sorted((s, event) for event, cues in _event_cues(langs) for s, _e in find_cues(cues, folded))


def event_spans(folded: str, langs: tuple[str, ...], event: str) -> list[tuple[int, int]]:
    return find_cues(_event_cue_list(event, tuple(langs)), folded)


@lru_cache(maxsize=None)
def _event_cue_list(event: str, langs: tuple[str, ...]) -> tuple[str, ...]:
    return cues_of(event_info().get(event) or {}, langs)


def words_between(folded: str, a: int, b: int) -> Optional[int]:
    """Words strictly between positions a <= b, or None when punctuation separates them."""
    if b < a:
        return None
    gap = folded[a:b]
    if _PHRASE_BREAK.search(gap):
        return None
    return len(TOKEN_RX.findall(gap))


def _masked(folded: str, entry: dict) -> str:
    for s, e in find_cues(entry.get("except") or [], folded):
        folded = folded[:s] + " " * (e - s) + folded[e:]
    return folded


def is_negated(text: str, language: Optional[str], script: Optional[str] = None,
               event: Optional[str] = None) -> bool:
    """True when `text` negates its main event predicate or denies that it happened: a
    negation word a few words before (or, where the language puts it there, after) the event
    cue with no phrase break between, a negative suffix on the predicate, or a denial verb near
    it; not one elsewhere ("who had no criminal record"), nor of an event taken as given
    ("despite the warning"). `event` defaults to the clause's first event; a clause with no
    event cue is negated by any cue in it."""
    folded = fold_str(text)
    langs = languages_for(language, script or script_of(text))
    lex = load_lexicon("negation")
    event = event or next(iter(detect_events(text, language, script)), None)
    spans = event_spans(folded, langs, event) if event else []
    for lang in langs:
        entry = lex.get(lang) or {}
        masked = _masked(folded, entry)
        before = find_cues(entry.get("before") or [], masked)
        after = find_cues(entry.get("after") or [], masked)
        denial = find_cues(entry.get("denial") or [], masked)
        if not spans:
            if before or after or denial or any(re.search(rx, masked) for rx in entry.get("regex") or []):
                return True
            continue
        window = int(entry.get("window", 3))
        dwindow = int(entry.get("denial_window", 8))
        given_before = find_cues(entry.get("concessive") or [], masked)
        given_after = find_cues(entry.get("concessive_after") or [], masked)
        for es, ee in spans:
            if any((n := words_between(masked, ce, es)) is not None and n <= 3 for _cs, ce in given_before) \
                    or any((n := words_between(masked, ee, cs)) is not None and n <= 1 for cs, _ce in given_after):
                continue  # "despite the storm warning": taken as given, whatever the clause denies
            for ns, ne in before:
                if ns <= es < ne or es < ns and ne <= ee:  # the cue phrase itself carries the negation
                    return True
                n = words_between(masked, ne, es)
                if n is not None and n <= window:
                    return True
            for ns, ne in after:
                if es < ns and ne <= ee:  # inside a split cue: "Verantwortung nicht übernommen"
                    return True
                n = words_between(masked, ee, ns)
                if n is not None and n <= window:
                    return True
            for ns, ne in denial:
                gap = masked[ne:es] if ne <= es else masked[ee:ns]
                if len(TOKEN_RX.findall(gap)) <= dwindow and not re.search(r"[;؛]", gap):
                    return True
            # the predicate's own words (and the two after it) in a negative form
            tail = list(TOKEN_RX.finditer(masked, ee))[:2]
            scope = masked[es:tail[-1].end() if tail else ee]
            if any(re.search(rx, scope) for rx in entry.get("regex") or []):
                return True
    return False


#: Words, and numbers with thousands separators ("5,000", "5 000") or a decimal part ("2,7 тысячи").
TOKEN_RX = re.compile(r"\d{1,3}(?:[,.\u00a0\u202f]\d{3})+(?!\d)|\d+[.,]\d{1,2}(?![\d])|[\w'-]+")
_DECIMAL = re.compile(r"^(\d+)[.,](\d{1,2})$")
#: Abbreviated multipliers the number lexicon's words do not cover.
_SCALE_ABBREVIATIONS = {"тыс": 1000, "тис": 1000, "млн": 1000000, "bin": 1000, "tsd": 1000, "mln": 1000000, "mio": 1000000}
#: Words after which a figure is a reference, not a quantity (folded word beginnings).
_REFERENCE_WORDS = ("article", "artikel", "artículo", "artigo", "section", "paragraph", "paragraf", "absatz",
                    "clause", "стать", "част", "пункт", "madde", "maddə", "المادة", "مادة", "no.", "nr", "№")
#: Thousands after a number word (folded beginnings), where the lexicon leaves them uncounted.
_THOUSANDS = ("тысяч", "тисяч", "آلاف", "الاف", "thousand", "tausend")
#: Scale words after a figure, by how they begin ("48 million", "48 Millionen", "48 مليون").
_SCALE_WORDS = (("million", 1000000), ("millones", 1000000), ("millón", 1000000), ("milyon", 1000000),
                ("mln", 1000000), ("مليون", 1000000), ("ملايين", 1000000), ("milliard", 1000000000),
                ("billion", 1000000000), ("milyar", 1000000000), ("миллиард", 1000000000),
                ("мільйон", 1000000), ("млрд", 1000000000), ("مليار", 1000000000))
#: Words joining two number words into one ("soixante et dix"); not "and", which separates counts.
_NUMBER_JOINERS = frozenset({"et", "y"})


def _joined_number(left: int, right: int) -> Optional[int]:
    """Two number words written apart as one number ("on iki", "اثنا عشر", "iki yüz"), or None."""
    if 10 <= left < 100 and left % 10 == 0 and right < 10 or left >= 100 and left % 100 == 0 and right < 100:
        return left + right  # tens then units, hundreds then the rest
    if left < 10 and 10 <= right < 100 and right % 10 == 0:
        return left + right  # units then ten(s): "ثلاثة عشر", "خمسة وعشرون"
    if 1 < left < 100 and right in (100, 1000):
        return left * right
    return None


def _scale_after(nxt: str, words: dict, langs: tuple[str, ...]) -> Optional[int]:
    """The scale a word after digits gives them ("48 млн", "6 bini", "4 آلاف", "1,3 Milliarden")."""
    scale = words.get(nxt) if words.get(nxt) in (1000, 1000000) else _SCALE_ABBREVIATIONS.get(nxt)
    if scale is None and ("tr" in langs or "az" in langs) and re.match(r"^(?:bin|min)(?:[ieıiuü]?n?|d[ea]n|[ie]|[ie]n[ie]?)$", nxt):
        scale = 1000  # "6 bini aşkın", "8 binden fazla": a Turkic case ending on the thousand
    if scale is None and nxt.startswith(("тысяч", "миллион", "мільйон")):
        scale = 1000 if nxt.startswith("тысяч") else 1000000
    if scale is None and nxt.startswith(_THOUSANDS):
        scale = 1000  # "4 آلاف", "4 thousand"
    return scale if scale is not None else next((v for p, v in _SCALE_WORDS if nxt.startswith(p)), None)


def numbers_in(folded: str, langs: tuple[str, ...]) -> list[tuple[int, int, int]]:
    """(token index, value, char start) of every number in folded text (digits or words)."""
    return [n[:3] for n in _numbers(folded, langs) if not n[3]]


@lru_cache(maxsize=64)
def number_words(langs: tuple[str, ...]) -> dict[str, int]:
    """Folded number words of the languages -> their values (numbers.yml; vague ones left out)."""
    lex = load_lexicon("numbers")
    return {fold_str(str(w)): int(v) for lang in langs for w, v in (lex.get(lang) or {}).items() if v is not None}


def _numbers(folded: str, langs: tuple[str, ...]) -> list[tuple[int, int, int, bool]]:
    """`numbers_in`, with the parts of a figure too ("two of the dead", "among the dead,
    four", "ikisinin"), marked True: they count a share of a total, never the total."""
    words = number_words(langs)
    tokens = list(TOKEN_RX.finditer(folded))
    out = []
    last_word: Optional[tuple[int, int, int]] = None  # (token index, value, start) of a number word
    scaled = -1  # a thousands word already read as the scale of the number word before it
    for i, tok in enumerate(tokens):
        raw = tok.group(0)
        value: Optional[int] = None
        part = False
        if i == scaled:
            continue
        # a Turkic case ending on a figure ("7'ye", "9'a") leaves the figure
        raw = re.sub(r"^(\d[\d.,]*)['’][^\W\d_]+$", r"\1", raw)
        digits = re.sub(r"[.,\s\u00a0\u202f]", "", raw)
        if digits.isdigit() and raw[0].isdigit() and (len(digits) > 15 or i and tokens[i - 1].group(0).startswith(_REFERENCE_WORDS)):
            continue  # "article 290", "статьи 290": a number that names, not one that counts (nor a run of digits)
        if digits.isdigit() and raw[0].isdigit():
            scale = _scale_after(tokens[i + 1].group(0) if i + 1 < len(tokens) else "", words, langs)
            decimal = _DECIMAL.match(raw)
            if decimal and scale:
                value = int(decimal.group(1)) * scale + int(decimal.group(2).ljust(len(str(scale)) - 1, "0"))
            elif decimal:
                continue  # a measure (2.7 metres), not a count
            else:
                value = int(digits) * (scale or 1)
                if len(digits) == 4 and 1800 <= value <= 2100 and not scale and raw == digits and _year(tokens, i, langs):
                    continue  # a year, not a count ("1,852", "1852 дома", "2 000 personnes" are counts)
        elif raw in words:
            value = words[raw]
        elif raw[:1] == "و" and raw[1:] in words:
            value = words[raw[1:]]  # Arabic wa- joins units and tens: "خمسة وعشرون"
        elif ("tr" in langs or "az" in langs) and turkic_share(raw, words):
            value, part = turkic_share(raw, words), True
        if value is None:
            if raw not in _NUMBER_JOINERS:
                last_word = None
            continue
        nxt = tokens[i + 1].group(0) if i + 1 < len(tokens) else ""
        if TIME_UNITS.match(nxt):
            last_word = None
            continue  # "87 years old", "for 25 years"
        if not raw[0].isdigit():
            if nxt in vague_words(langs) and not nxt.startswith(_THOUSANDS):
                last_word = None
                continue  # "on binlerce", "yüz binlerce": tens, hundreds of thousands, no figure
            if value in (1000, 1000000) and out and out[-1][0] == i - 1 and tokens[i - 1].group(0)[0].isdigit():
                continue  # the scale of the digits before it ("3 bin", "5 mil"), already read
            joined = _joined_number(last_word[1], value) if last_word else None
            if joined is not None and out and out[-1][:3] == last_word:
                part = out.pop()[3] or part
                value, start = joined, last_word[2]
            else:
                start = tok.start()
            big = next((v for p, v in _SCALE_WORDS if nxt.startswith(p)), None) if value < 1000 else None
            if value < 1000 and nxt.startswith(_THOUSANDS):
                value, scaled = value * 1000, i + 1  # "четырёх тысяч", "أربعة آلاف": the count of thousands
            elif big:
                value, scaled = value * big, i + 1  # "drei Millionen", "three million"
            last_word = (i, value, start)
            if raw not in _ARTICLES:
                out.append((i, value, start, part or part_of(folded, start, tok.end())))
            continue
        last_word = None
        if is_month(nxt.split("'")[0]) or i > 0 and is_month(tokens[i - 1].group(0)) and (
                1800 <= value <= 2100 or value <= 31 and "," not in folded[tokens[i - 1].end():tok.start()]
                and not (i > 1 and tokens[i - 2].group(0)[:1].isdigit())):
            continue  # "September 2", "2 Eylül'de": a day, not a count (but "5 августа 78 человек" is one)
        # "two of the dead", "among the dead, four": a part of a figure, not a figure
        out.append((i, value, tok.start(), part_of(folded, tok.start(), tok.end())))
    return out


#: Verbs of a figure rising, which let a toll's noun stand further from its new figure.
_RISE = frozenset(fold_str(w) for w in """risen rose rises climbed increased reached выросло возросло выросла возросла
увеличилось достигло ارتفع ارتفعت وصل وصلت gestiegen stieg erhöht alourdi passé grimpé aumentado ascendido subido
yükseldi ulaştı""".split())

#: Number words that are mostly an indefinite article ("bir sınır muhafızı": a border guard).
_ARTICLES = frozenset({"bir"})

#: A count never reaches across a clause boundary ("2 killed and 5 injured").
_SEPARATOR = re.compile(r"[,;،؛]|(?<!\w)(?:and|or|ve|veya|və|и|или|und|oder|et|ou|y)(?!\w)")


def extract_counts(text: str, language: Optional[str], script: Optional[str] = None) -> dict[str, str]:
    """Counted slots in `text`: {"killed": "12"} for "killing 12 people"."""
    folded = plain_figures(fold_str(text))
    langs = languages_for(language, script or script_of(text))
    tokens = list(TOKEN_RX.finditer(folded))
    if not tokens:
        return {}
    starts = [t.start() for t in tokens]
    # "72 hours to leave", "в течение 72 часов": a span of time, never a count
    numbers = [n for n in _numbers(folded, langs)
               if not (n[0] + 1 < len(tokens) and SPANS.match(tokens[n[0] + 1].group(0)))
               and not PERCENT_AFTER.match(folded[tokens[n[0]].end():]) and not PERCENT_BEFORE.search(folded[:n[2]])]
    if not numbers:
        return {}
    lex = _counts()
    # Arabic writes the noun after its figure and joins the next clause with a prefixed wa-
    # ("مقتل 137 شخصا وإصابة 5000"): there a unit would bring the next cue closer
    units = _unit_words(tuple(lang for lang in langs if lang != "ar"))

    def idle(word: str) -> bool:  # a word that puts no distance between a figure and its cue
        return word in QUALIFIERS or word in FILLERS or word in units[0] or word.startswith(units[1] or ("\0",))
    # Every (cue, number) pairing within four words, then assign greedily by distance so
    # that each number counts one thing ("2 killed and 5 injured").
    pairs = []
    shares = _share_slots()
    money, besides = money_figures(folded, tokens, numbers, langs), besides_figures(tokens, numbers, langs)
    sums = _share_slots("sum")
    for slot in sorted(k for k in lex if k not in ("units", "currencies", "besides")):
        cues = [c for lang in langs for c in (lex[slot].get(lang) or [])]
        for s, e in find_cues(cues, folded):
            first = _tok_index(starts, s)
            last = _tok_index(starts, max(s, e - 1))
            for ti, value, _pos, part in numbers:
                if part and slot not in shares:
                    continue  # "two of the dead": a share, no toll
                if ti in money and slot not in sums:
                    continue  # "7 million roubles to the families of the dead": a sum, no toll
                if ti > last:
                    dist, side = ti - last, 0  # number after the cue ("killing 12")
                    between = range(last + 1, ti)
                else:
                    dist, side = first - ti, 1  # number before the cue ("12 killed")
                    between = range(ti + 1, first)
                # "at least", "ما لا يقل عن", "по меньшей мере" qualify the figure: no distance
                dist -= sum(1 for k in between if idle(tokens[k].group(0)))
                if side == 1 and last + 1 < len(tokens) and slot not in sums and idle(tokens[last + 1].group(0)) \
                        and tokens[last + 1].group(0) not in NOT_NOUNS:  # "tuées en", "verloren haben": no noun
                    dist += 2  # "die Leichen der drei vermissten Arbeiter": a cue before its noun describes it
                lo, hi = (e, _pos) if side == 0 else (tokens[ti].end(), s)
                # "two of the dead were Turkish citizens": the share's words stand between
                if 1 <= dist <= (SHARE_REACH if part else 4) and not _SEPARATOR.search(folded[lo:hi]):
                    pairs.append((dist, side, ti, slot, value))
                elif side == 0 and ti in besides and dist <= 12 and not re.search(r"[;:؛]", folded[lo:hi]):
                    pairs.append((dist + 4, side, ti, slot, value))  # "killing X, Y and four others": a list between
                elif side == 1 and "de" in langs and dist <= 12 and de_bracket(tokens, ti, first, idle) \
                        and CLAUSE_END.match(folded[e:]) and not re.search(r"[,;]", folded[lo:hi]):  # "in X und Y": inside
                    # German puts the participle last: "Neun Menschen wurden in der Stadt X verhaftet"
                    pairs.append((dist + 4, side, ti, slot, value))
                elif side == 0 and ti > 0 and tokens[ti - 1].group(0) in RISE_TO and (
                        dist <= 9 or dist <= 16 and any(tokens[k].group(0) in _RISE for k in range(max(0, ti - 4), ti))) \
                        and not _SEPARATOR.search(ASIDE.sub(" ", folded[lo:hi])):
                    # a toll told as a rise: "the number of dead ... has risen to 13"
                    pairs.append((dist + 4, side, ti, slot, value))
    result: dict[str, str] = {}
    used: set[int] = set()
    # a figure of the injured who died later is theirs alone, neither a toll nor a count of injured
    parts = frozenset(e["count"] for e in event_info().values() if e.get("parts"))
    for dist, side, ti, slot, value in sorted(pairs, key=lambda p: (p[3] not in parts, p)):
        if slot in result or ti in used and slot not in shares:
            continue
        result[slot] = str(value)
        if slot not in shares or slot in parts:  # a share of a figure may also be the figure ("4 Syrians were killed")
            used.add(ti)
    return dict(sorted(result.items()))


#: How many words a share of a figure may stand from its noun ("two of the dead were Turkish citizens").
SHARE_REACH = 6


@lru_cache(maxsize=None)
def _share_slots(*flags: str) -> frozenset[str]:
    """Counted slots of events.yml entries with one of `flags`: by default `shares`/`parts` (they
    count a share of a figure, "two of the dead were Turkish citizens", so they take a partitive
    figure and leave it to the figure's own slot as well); `sum` (only they count money)."""
    return frozenset(e["count"] for e in event_info().values() if e.get("count")
                     and any(e.get(f) for f in flags or ("shares", "parts")))


#: Words before a year ("in 2019 people ...", "в 2019 году"): with one, a year stays a year.
_YEAR_BEFORE = frozenset("in since from until by в с к im seit bis von vor en depuis desde hasta في منذ عام".split())


def _year(tokens: list, i: int, langs: tuple[str, ...]) -> bool:
    """Whether a four-digit figure is a year: not before a counted noun, unless after a word of time."""
    nxt = tokens[i + 1].group(0) if i + 1 < len(tokens) else ""
    return not _is_unit(nxt, langs) or bool(i) and tokens[i - 1].group(0) in _YEAR_BEFORE


@lru_cache(maxsize=64)
def _unit_words(langs: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """The counted nouns of counts.yml `units` in these languages: (words, prefixes)."""
    words = [fold_str(u) for lang in langs for u in ((_counts().get("units") or {}).get(lang) or []) if " " not in u]
    return frozenset(u for u in words if not u.endswith("*")), tuple(u[:-1] for u in words if u.endswith("*"))


def _is_unit(word: str, langs: tuple[str, ...]) -> bool:
    exact, prefixes = _unit_words(langs)
    return word in exact or bool(prefixes) and word.startswith(prefixes)


def _tok_index(starts: list[int], pos: int) -> int:
    lo = 0
    for i, s in enumerate(starts):
        if s <= pos:
            lo = i
        else:
            break
    return lo


def extract_manner(text: str, language: Optional[str], script: Optional[str] = None) -> Optional[str]:
    """How parties communicated ("phone call", "meeting", ...) when `text` says so."""
    folded = fold_str(text)
    langs = languages_for(language, script or script_of(text))
    for value, per_lang in load_lexicon("manner").items():
        cues = [c for lang in langs for c in (per_lang.get(lang) or [])]
        if find_cues(cues, folded):
            return value
    return None


# ---------------------------------------------------------------------------------------
# Clause splitting
# ---------------------------------------------------------------------------------------

# Where two facts may be joined. `strong` joins: comma/semicolon + conjunction, contrast;
# `weak`: a bare "and" (only split when the right side starts with its own verb).
_STRONG = {
    "*": [r";\s+"],
    "en": [r",\s+(?=and\s)", r",\s+(?=but\s)", r"\s+(?=but\s)", r",\s+(?=while\s)", r",\s+(?=whereas\s)",
           r",\s+(?=which\s)", r",\s+(?=who\s)",
           r",\s+(?=despite\s)", r",\s+(?=in (?:response|retaliation|reply) (?:to|for)\s)"],
    "tr": [r",\s+(?=ve\s)", r",?\s+(?=ancak\s)", r",?\s+(?=ama\s)", r",?\s+(?=fakat\s)", r",\s+(?=ardından\s)"],
    "az": [r",\s+(?=və\s)", r",?\s+(?=lakin\s)", r",?\s+(?=amma\s)", r",?\s+(?=ancaq\s)"],
    "ar": [r"\s*[،,]\s*(?=و\w)", r"\s*[،,]\s*(?=رغم\s)", r"\s*[،,]?\s+(?=[وف]?لكن)", r"\s*[،,]\s*(?=مما\s)", r"\s*[،,]\s*(?=الذي\s|التي\s|الذين\s)",
           r"\s*[،,]\s*(?=ثم\s)", r"\s*[،,]\s*(?=حيث\s)", r"\s*[،,]\s*(?=بينما\s)"],
    "ru": [r",\s+(?=а\s)", r",\s+(?=но\s)", r",\s+(?=и\s)", r",\s+(?=однако\s)", r",\s+(?=котор)", r",\s+(?=после чего\s)",
           r",\s+(?=в ответ на\s)"],
    "de": [r",\s+(?=und\s)", r",\s+(?=aber\s)", r",\s+(?=doch\s)", r",\s+(?=jedoch\s)", r",\s+(?=während\s)",
           r",\s+(?=woraufhin\s)", r",\s+(?=als (?:reaktion|antwort) auf\s)"],
    "fr": [r",\s+(?=et\s)", r",?\s+(?=mais\s)", r",\s+(?=tandis que\s)", r",\s+(?=alors que\s)", r",\s+(?=qui\s)",
           r",\s+(?=au lendemain d)", r",\s+(?=en (?:réponse|représailles|riposte) à\s)"],
    "es": [r",\s+(?=y\s)", r",?\s+(?=pero\s)", r",\s+(?=mientras\s)", r",\s+(?=aunque\s)", r",\s+(?=quien\s)",
           r",\s+(?=en (?:respuesta|represalia) a\s)"],
}
_WEAK = {"en": r"\s+(?=and\s)", "tr": r"\s+(?=ve\s)", "az": r"\s+(?=və\s)", "ru": r"\s+(?=и\s)", "de": r"\s+(?=und\s)",
         "fr": r"\s+(?=et\s)", "es": r"\s+(?=y\s)",
         # Arabic joins clauses with a prefixed wa- ("وفتح تحقيق") or a bare relative
         # ("العملية التي انتهت بتوقيف"): split only when the right side opens with its own verb
         "ar": r"\s+(?=و[^\W\d_]{2,})|\s+(?=(?:التي|الذي|الذين)\s)"}

_TRIM = " \t\n\r,،;:-–—"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


# Long: the candidate joins, and the two passes that keep only joins between facts, share one offset map.
def split_clauses(text: str, language: Optional[str], script: Optional[str] = None) -> list[tuple[int, int]]:
    """(start, end) offsets in `text` of its clauses: split only between separate facts.

    A split is kept when both sides state their own event; a side whose only events are
    consequences (casualties) stays with the clause before it; a bare "and" splits only
    when the right side starts with its own verb ("was arrested and charged ...").
    """
    script = script or script_of(text)
    langs = languages_for(language, script)
    folded, index = fold(text)
    points: dict[int, tuple[int, bool]] = {}  # right start -> (left end, weak)
    for lang in ("*",) + langs:
        for rx in _STRONG.get(lang, []):
            for m in re.finditer(rx, folded):
                points.setdefault(m.end(), (m.start(), False))
        weak = _WEAK.get(lang)
        if weak:
            for m in re.finditer(weak, folded):
                points.setdefault(m.end(), (m.start(), True))
    if not points:
        return [_trimmed(text, 0, len(text))]
    positions = event_positions(folded, langs)
    attach = {e["id"] for e in _events() if e.get("attach")}

    def seg_events(a: int, b: int) -> list[str]:
        return [ev for p, ev in positions if a <= p < b]

    segments: list[list] = []  # [start, end, weak-join-to-previous]
    cur = 0
    for right in sorted(points):
        left_end, weak = points[right]
        if left_end <= cur:
            continue
        segments.append([cur, left_end, None])
        segments.append(None)  # marker, replaced below
        segments[-1] = ("sep", right, weak)
        cur = right
    segments.append([cur, len(folded), None])
    # Rebuild as (start, end, weak_join_before)
    segs: list[tuple[int, int, bool]] = []
    weak_next = False
    for item in segments:
        if isinstance(item, tuple):
            weak_next = item[2]
            continue
        segs.append((item[0], item[1], weak_next))
        weak_next = False
    weak_events = {e["id"] for e in _events() if e.get("weak")}

    def firm(evs: list[str]) -> bool:  # a fact of its own, not a consequence or a vague frame
        return any(ev not in attach and ev not in weak_events for ev in evs)

    # First drop the weak joins that do not separate two facts: a bare "and" (wa-) joins
    # two clauses only when the right side opens with its own verb and the left part,
    # back to the previous join, states a fact of its own ("X and Y met" names two parties).
    raw: list[list] = []
    for a, b, weak in segs:
        if weak and raw:
            head_end = a
            for k, tok in enumerate(re.finditer(r"\S+", folded[a:b])):
                if k > 3:
                    break
                head_end = a + tok.end()
            pa, pb = raw[-1][0], raw[-1][1]
            left = seg_events(pa, pb)
            # a prefixed wa- also joins names and nouns ("لافروف وبلينكن"): the left part
            # must then state a firm fact, not only a vague frame such as tension
            left_ok = firm(left) if folded[a:a + 1] == "و" else bool(left)
            figures = re.search(r"\d\s*$", folded[pa:pb]) and re.match(r"\S+\s+\d", folded[a:b])  # "7.7 ve 7.6"
            if figures or not (firm(seg_events(a, head_end)) and left_ok
                    and len(folded[pa:pb].split()) >= 3 and len(folded[a:b].split()) >= 3):
                raw[-1][1] = b
                continue
        raw.append([a, b])
    merged: list[list] = []
    for a, b in raw:
        evs = seg_events(a, b)
        words = len(folded[a:b].split())
        standalone = bool(evs) and not set(evs) <= attach and words >= 3
        if merged and not standalone:
            merged[-1][1] = b
            continue
        if merged and not seg_events(merged[-1][0], merged[-1][1]):
            merged[-1][1] = b  # the previous part had no fact of its own: join it
            continue
        merged.append([a, b])
    out = []
    for a, b in merged:
        start = index[a] if a < len(index) else len(text)
        end = index[b - 1] + 1 if b > 0 else 0
        s, e = _trimmed(text, start, end)
        if e > s:
            out.append((s, e))
    return out or [_trimmed(text, 0, len(text))]


# ---------------------------------------------------------------------------------------
# Attribution
# ---------------------------------------------------------------------------------------

def reporting_spans(kind: str, folded: str, langs: tuple[str, ...]) -> list[tuple[int, int]]:
    lex = load_lexicon("reporting")
    cues = [c for lang in langs for c in ((lex.get(lang) or {}).get(kind) or [])]
    return find_cues(cues, folded)


def _source_rank(kind: str) -> int:
    return _SOURCE_KINDS.get(kind, 9)


# Long: the cue kinds, tried from the most to the least explicit, share the folded text and its offsets.
def attribution(sentence_text: str, offset: int, language: Optional[str], script: str,
                mentions: list[tuple[MentionCandidate, str]]) -> tuple[Optional[str], bool]:
    """(actor id the sentence attributes its content to, whether the cue was anaphoric: "according
    to the report" gives (None, True), the caller fills in the last named source). `offset`: the
    sentence's start in the document; `mentions`: the document's, with actor ids, inside it."""
    folded, index = fold(sentence_text)
    langs = languages_for(language, script)

    def orig(pos: int) -> int:
        return offset + (index[pos] if pos < len(index) else len(sentence_text))

    def pick(cands: list[tuple[MentionCandidate, str]], anchor: int, after: bool,
             subject_first: bool) -> Optional[str]:
        usable = [(m, a) for m, a in cands if _source_rank(m.kind) < 9]
        if not usable:
            return None
        if after:
            key = lambda ma: (_source_rank(ma[0].kind), ma[0].start - anchor)  # noqa: E731
        elif subject_first:
            key = lambda ma: (_source_rank(ma[0].kind), ma[0].start)  # noqa: E731
        else:
            key = lambda ma: (_source_rank(ma[0].kind), anchor - ma[0].end)  # noqa: E731
        return sorted(usable, key=key)[0][1]

    def window_after(pos: int, words: int) -> list[tuple[MentionCandidate, str]]:
        tail = folded[pos:]
        limit = pos
        for k, tok in enumerate(re.finditer(r"\S+", tail)):
            if k >= words:
                break
            limit = pos + tok.end()
        lo, hi = orig(pos), orig(limit) if limit < len(folded) else offset + len(sentence_text)
        return [(m, a) for m, a in mentions if m.start >= lo and m.start < hi]

    # "according to the plan" cites no one
    for s, e in reporting_spans("not_sources", folded, langs):
        folded = folded[:s] + " " * (e - s) + folded[e:]
    # "according to the newspaper" refers back, unless the name follows ("the newspaper Bild")
    def names_it(end: int) -> bool:
        return any(m.kind in ("outlet", "organization") for m, _ in window_after(end, 2))

    if any(not names_it(e) for _, e in reporting_spans("anaphoric", folded, langs)):
        return None, True
    # "X, it is alleged, ..." is impersonal: its reporting verb names no speaker
    for s, e in reporting_spans("hedges", folded, langs):
        folded = folded[:s] + " " * (e - s) + folded[e:]
    for s, e in reporting_spans("after", folded, langs):
        stop = SOURCE_END["de" in langs].search(folded, e)  # "Nach Angaben der Polizei wurde X ..."
        found = pick([ma for ma in window_after(e, 8) if not stop or ma[0].start < orig(stop.start())], orig(e), True, False)
        if found:
            return found, False
    for s, e in reporting_spans("before", folded, langs):
        before = [(m, a) for m, a in mentions if m.end <= orig(s)]
        # Turkish "X'e göre": the party is right before the cue.
        found = pick(before, orig(s), False, False)
        if found:
            return found, False
    lex = load_lexicon("reporting")
    side = ((lex.get(langs[0]) or {}).get("verb_side")) or "before"
    comps = reporting_spans("complementizers", folded, langs)
    asides = [(offset + x.start(), offset + x.end()) for x in ASIDE.finditer(sentence_text)]  # ", who ...,"
    for s, e in reporting_spans("verbs", folded, langs):
        # a name inside a "who ..." aside is not the one who speaks
        before = [(m, a) for m, a in mentions if m.end <= orig(s) and not any(x < m.start < y for x, y in asides)]
        after = window_after(e, 4)
        # "APA reported on Thursday that X was arrested": after "that" comes the content.
        comp = next((cs for cs, _ in comps if cs >= e and len(TOKEN_RX.findall(folded[e:cs])) <= 3), None)
        if comp is not None:
            after = [(m, a) for m, a in after if m.start < orig(comp)]
        after = [(m, a) for m, a in after  # "announced the death of X", "أعلنت مقتل X": X died, did not speak
                 if not detect_events(sentence_text[orig(e) - offset:m.start - offset], language, script)]
        subject_first = langs[0] in SUBJECT_FIRST
        before = [(m, a) for m, a in before if not reported_subject(m.text, sentence_text[m.end - offset:orig(s) - offset], langs[0])
                  and not (langs[0] == "en" and OWN_SUBJECT.search(sentence_text[m.end - offset:orig(s) - offset]))]
        if not subject_first:
            # "X detained Y on Thursday after a protest, his party said": the speaker stands
            # next to the verb (allowing an apposition or a "who ..." aside), not anywhere before it
            before = [(m, a) for m, a in before
                      if len(TOKEN_RX.findall(ASIDE.sub(" ", sentence_text[m.end - offset:orig(s) - offset]))) <= SPEAKER_REACH]
        order = [(before, False), (after, True)] if side == "before" else [(after, True), (before, False)]
        if re.search(r"[\"”»][\s,—–-]*(?:\w+\s+)?$", sentence_text[:orig(s) - offset]):
            order.reverse()  # '"X was arrested," said Y': after a quote, the speaker follows its verb
        for cands, is_after in order:
            # a state or place next to the verb speaks for no one, but may qualify the
            # outlet that does ("announced the Armenian agency X"); before a person it is
            # the speaker itself ("Ruritania announced the arrest of X")
            usable = [(m, a) for m, a in cands if _source_rank(m.kind) < 9]
            if usable and len(usable) < len(cands) and not (subject_first and not is_after):
                edge = min if is_after else max
                nearest_all = edge(cands, key=lambda ma: ma[0].start if is_after else ma[0].end)
                nearest_use = edge(usable, key=lambda ma: ma[0].start if is_after else ma[0].end)
                if nearest_all not in usable and nearest_use[0].kind not in ("outlet", "organization"):
                    usable = []
            cands = usable
            if cands and not (subject_first and not is_after):
                # the speaker is the party right next to the verb, not anyone further on
                # ("announced the arrest of X": X is who was arrested, not who announced)
                nearest = min(cands, key=lambda ma: ma[0].start) if is_after else max(cands, key=lambda ma: ma[0].end)
                cands = [ma for ma in cands if ma[0].start == nearest[0].start]
            found = pick(cands, orig(e) if is_after else orig(s), is_after, subject_first)
            if found:
                return found, False
    return None, False
