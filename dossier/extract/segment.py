"""Segment: split a document into sentences with exact offsets and per-sentence language.

Lines are split first (a line break always ends a sentence), as are boilerplate span
boundaries (so a dateline prefix never shares a sentence with the prose after it); then
sentence ends (. ! ? … ؟ ۔) are split, protecting abbreviations, initials ("J. D.",
"جي. دي."), ordinals before month names ("9. Oktober") and decimals.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Optional

from dossier.extract import dates
from dossier.model import Document, Sentence
from dossier.text import char_script, script_of
from dossier.text.languages import CODES, LATIN

#: Languages the detector chooses among (ISO 639-1). Change here to widen or narrow it.
LANGUAGES = CODES
LATIN_LANGUAGES = LATIN

SHORT_LETTERS = 20  # sentences with fewer letters are decided by script, not statistics

#: The longest sentence kept whole (characters). Longer runs with no sentence end (a text with
#: no punctuation) are cut at a space before it, so every later stage, whose work grows with
#: a sentence's length, stays bounded by the document's length.
MAX_SENTENCE = 1000

# Abbreviations that take a full stop without ending a sentence (lowercased, no dot); the
# English month ones ("Sept.") are the short forms in dates.MONTHS.
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof st mt ft no nos vs etc e.g i.e approx ca gen col lt sgt capt cmdr adm gov sen rep
jr sr inc ltd co corp dept est fig mon tue wed thu fri
sat sun rev hon pres amb op vol pp ed eds al
z.b bzw usw vgl ggf nr hr fr str abs bd dt evtl inkl jh mio mrd tsd sog u.a d.h
т.е т.д т.п т.к г гг им ул др пр см млн млрд тыс руб ст чел нач зам ген кв
doç dr av sn vb vs örn yy bkz çev haz yrd alb tuğg korg
m.ö m.s
mme mlle mm av
sr sra srta ud uds dña
""".split()) | frozenset(form for forms in dates.MONTHS["en"] for form in forms[1:] if forms[0].startswith(form))

_NONSPACE = re.compile(r"\S")
_SENT_END = re.compile(r"([.!?…؟۔。]+|\.{3})([\"'”’»)\]]*)(\s+)")
_LEAD_MARKUP = re.compile(r"^(?:#{1,6}\s+|[-*•–—]\s+|>\s+)+")
_PERSIAN = re.compile(r"[پچژگکی]")
_UKRAINIAN = re.compile(r"[іїєґІЇЄҐ]")
_AZERI = re.compile(r"[əƏ]")


@lru_cache(maxsize=1)
def _month_words() -> frozenset:
    return frozenset(f.casefold() for forms in dates.MONTHS.values() for month in forms for f in month)


def detector_loaded() -> bool:
    """Whether this process has built a language detector (and read its models)."""
    return _detector.cache_info().currsize > 0


@lru_cache(maxsize=32)
def _detector(languages: tuple[str, ...], quick: bool = False):
    """A lingua detector restricted to `languages` (built once), which reads the models of a
    language when a text first needs them (a document in Arabic script never does).
    `quick`: trigrams only (lingua's low accuracy mode), whose models load in a twentieth of
    the time; `segment` checks its answers where they differ from the document's language.
    Models are never preloaded: lingua would start a thread pool, and a process forked after
    that (the workers) would wait on it forever."""
    from lingua import IsoCode639_1, LanguageDetectorBuilder  # deferred: heavy, slow to load

    codes = [getattr(IsoCode639_1, code.upper()) for code in languages]
    builder = LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
    return (builder.with_low_accuracy_mode() if quick else builder).build()


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def _lingua(text: str, languages: tuple[str, ...], quick: bool = False) -> Optional[str]:
    result = _detector(languages, quick).detect_language_of(text)
    return result.iso_code_639_1.name.lower() if result is not None else None


#: Letters from which a text is judged by trigrams alone (lingua's low accuracy mode is
#: meant for texts this long; a document's opening, not a sentence).
QUICK_LETTERS = 200


def detect_language(text: str, fallback: Optional[str] = None, quick: Optional[bool] = None) -> Optional[str]:
    """ISO 639-1 language of `text`: by script for short texts, lingua for longer ones
    (`quick`: by trigrams alone; by default when the text is long, see `QUICK_LETTERS`)."""
    script = script_of(text)
    if script == "Latn":
        # Latin names and brands inside Arabic or Cyrillic prose do not make it English:
        # a quarter of the letters in another script decides.
        letters = _letters(text) or 1
        for other in ("Arab", "Cyrl"):
            share = sum(1 for ch in text if ch.isalpha() and char_script(ch) == other)
            if share * 4 >= letters:
                script = other
                break
    if script == "Arab":
        # Persian letters mark Persian; Arabic script otherwise reads as Arabic.
        return "fa" if len(_PERSIAN.findall(text)) >= max(1, _letters(text) // 50) else "ar"
    if script == "Cyrl":
        return "uk" if len(_UKRAINIAN.findall(text)) >= max(1, _letters(text) // 60) else "ru"
    if script != "Latn":
        return None
    if _letters(text) < SHORT_LETTERS and fallback:
        return fallback
    if len(_AZERI.findall(text)) >= 1:
        return "az"
    if quick is None:
        quick = _letters(text) >= QUICK_LETTERS
    return _lingua(text, LATIN_LANGUAGES, quick)


# ---------------------------------------------------------------------------------------
# Splitting
# ---------------------------------------------------------------------------------------

def _token_before(text: str, pos: int) -> str:
    """The non-space token ending at `pos` (exclusive), e.g. 'Dr' for 'Dr.'."""
    start = pos
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:pos]


def _token_after(text: str, pos: int) -> str:
    end = pos
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[pos:end]


def _short_initial(token: str) -> bool:
    """'J', 'В', 'جي': a one- or two-letter token that may be an initial."""
    core = token.strip("(\"'“«")
    if not core or not all(ch.isalpha() for ch in core):
        return False
    if len(core) == 1:
        return True
    return len(core) == 2 and script_of(core) == "Arab"


def _is_break(text: str, m: re.Match) -> bool:
    punct = m.group(1)
    after = m.end()
    nxt = text[after:after + 1]
    if not nxt:
        return True
    if punct[-1] in "!?؟":
        return not nxt.islower()
    if punct in ("…", "...", "..") or punct.endswith(("…", "..")):
        # An ellipsis inside a headline ("... لماذا") is a pause; before a capital it ends.
        return nxt.isupper()
    token = _token_before(text, m.start(1))
    core = token.strip("(\"'“«").rstrip(".")
    low = core.casefold()
    if nxt.islower():
        return False  # "z. b. dies", "approx. five": a sentence does not start lowercase
    if low in ABBREVIATIONS or low.replace(".", "") in ABBREVIATIONS:
        return False
    if "." in core and re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]", core):
        return False  # "U.S.", "z.B", "т.е"
    if _short_initial(core):
        if len(core) == 1 and core.isalpha() and (core.isupper() or core.islower()):
            return False  # "J. D. Vance", "т. е."
        # Arabic transliterated initials come in chains: "جي. دي. فانس".
        following = _token_after(text, after)
        j = m.start(1) - len(token)
        while j > 0 and text[j - 1].isspace():
            j -= 1
        prev = _token_before(text, j)
        if (following.endswith(".") and _short_initial(following[:-1])) or \
                (prev.endswith(".") and _short_initial(prev[:-1])):
            return False
    if core.isdigit() and len(core) <= 2:
        following = _token_after(text, after).strip(",.").casefold()
        if following in _month_words():
            return False  # German ordinal date "9. Oktober"
    return True


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """text[start:end] in pieces of at most MAX_SENTENCE characters, cut after the last space
    in the second half of each (or at the limit, when there is none)."""
    out = []
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = max(text.rfind(" ", start + MAX_SENTENCE // 2, limit), text.rfind("\n", start + MAX_SENTENCE // 2, limit))
        cut = cut + 1 if cut > 0 else limit
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


def _split_chunk(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence (start, end) pairs inside text[start:end], stripped."""
    pieces = []
    chunk = text[start:end]
    last = 0
    for m in _SENT_END.finditer(chunk):
        if _is_break(chunk, m):
            cut = m.end(2)
            pieces.extend(_bounded(text, start + last, start + cut))
            last = m.end()
    pieces.extend(_bounded(text, start + last, end))
    out = []
    for s, e in pieces:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        lead = _LEAD_MARKUP.match(text[s:e])
        if lead:
            s += lead.end()
        if s < e and re.search(r"[^\W_]", text[s:e]):
            out.append((s, e))
    return out


def _chunks(doc: Document) -> list[tuple[int, int]]:
    """Line pieces, also cut at boilerplate span boundaries."""
    cuts = sorted({at for span in doc.source.boilerplate for at in (span.start, span.end)})
    out = []
    pos = 0
    text = doc.text
    for line in text.split("\n"):
        line_end = pos + len(line)
        inner = cuts[bisect_right(cuts, pos):bisect_left(cuts, line_end)]
        bounds = [pos] + inner + [line_end]
        for a, b in zip(bounds, bounds[1:]):
            if a < b:
                out.append((a, b))
        pos = line_end + 1
    return out


def _in_boilerplate(doc: Document, start: int, end: int) -> bool:
    mid_inside = False
    for span in doc.source.boilerplate:
        if span.start <= start and end <= span.end:
            return True
        if span.start < end and start < span.end:
            overlap = min(end, span.end) - max(start, span.start)
            mid_inside = mid_inside or overlap * 2 > (end - start)
    return mid_inside


def _is_heading(doc: Document, start: int, end: int, line_start: int, line_end: int) -> bool:
    text = doc.text
    sentence = text[start:end]
    line = text[line_start:line_end]
    if line.lstrip().startswith("#"):
        return True
    if text[line_start:start].strip(" \t#>-*•–—") or text[end:line_end].strip():
        return False  # not the whole line
    if len(sentence.split()) > 20 or re.search(r"[.:;,،]\s*[\"'”’»]*$", sentence):
        return False
    if doc.source.title and sentence.strip() == doc.source.title.strip():
        return True
    # Only the characters next to the line are looked at: a document of many short lines
    # must not copy its whole text once per line.
    before = line_start
    while before > 0 and text[before - 1] in " \t":
        before -= 1
    after = line_end
    while after < len(text) and text[after] in " \t":
        after += 1
    first = _NONSPACE.search(text)
    at_top = first is None or first.start() >= line_start
    blank_before = at_top or text[max(0, before - 2):before] == "\n\n" or before == 0
    blank_after = text[after:after + 2] == "\n\n" or _NONSPACE.search(text, after) is None
    return at_top or (blank_before and blank_after)


def segment(doc: Document) -> None:
    """Fill doc.sentences (offsets, language, script, flags) and the document's languages."""
    text = doc.text
    raw: list[tuple[int, int, int, int]] = []
    line_bounds = []
    pos = 0
    for line in text.split("\n"):
        line_bounds.append((pos, pos + len(line)))
        pos += len(line) + 1
    li = 0
    for a, b in _chunks(doc):
        while line_bounds[li][1] < a:
            li += 1
        ls, le = line_bounds[li]
        for s, e in _split_chunk(text, a, b):
            raw.append((s, e, ls, le))

    sentences: list[Sentence] = []
    for s, e, ls, le in raw:
        body = text[s:e]
        sentences.append(Sentence(
            start=s, end=e, text=body, language=None, script=script_of(body),
            boilerplate=_in_boilerplate(doc, s, e), heading=_is_heading(doc, s, e, ls, le),
        ))

    # Long sentences first: they fix the document language that short Latin ones inherit.
    # Trigrams judge each; a Latin one they give another language than the document's is
    # judged again by the full models of those two languages alone.
    for sent in sentences:
        if _letters(sent.text) >= SHORT_LETTERS or sent.script != "Latn":
            sent.language = detect_language(sent.text, quick=True)
    doc_lang = _document_language(sentences)
    for sent in sentences:
        if sent.script != "Latn" or _letters(sent.text) < SHORT_LETTERS or sent.language == doc_lang:
            continue
        if sent.language is None:  # trigrams could not tell
            sent.language = detect_language(sent.text, quick=False)
        elif sent.language in LATIN_LANGUAGES and not _AZERI.search(sent.text):
            pair = (sent.language, doc_lang) if doc_lang in LATIN_LANGUAGES else LATIN_LANGUAGES
            sent.language = _lingua(_without_names(sent.text), tuple(sorted(set(pair))))
    doc_lang = _document_language(sentences)
    if doc_lang is None:  # only short lines: judge the text as a whole
        body = " ".join(s.text for s in sentences if not s.boilerplate) or text
        doc_lang = detect_language(body)
    latin_doc = doc_lang in LATIN_LANGUAGES
    for sent in sentences:
        if sent.language is None and sent.script == "Latn":
            sent.language = doc_lang if latin_doc else _lingua(sent.text, LATIN_LANGUAGES)
    doc_lang = _document_language(sentences) or doc_lang
    doc.sentences = sentences
    doc.source.language = doc_lang
    doc.source.languages = sorted({
        s.language for s in sentences
        if s.language and not s.boilerplate and _letters(s.text) >= SHORT_LETTERS
    })
    if doc_lang and doc_lang not in doc.source.languages:
        doc.source.languages = sorted(set(doc.source.languages) | {doc_lang})


_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _without_names(text: str) -> str:
    """The sentence without its capitalised words after the first (names, which may be in any
    language: "a private company, Gökçe Deniz Taşımacılık, which..."), when enough is left."""
    first = _WORD.search(text)
    cut = first.end() if first else 0
    plain = text[:cut] + _WORD.sub(lambda m: " " if m.group(0)[0].isupper() else m.group(0), text[cut:])
    return plain if _letters(plain) >= 2 * SHORT_LETTERS else text


def _document_language(sentences: list[Sentence]) -> Optional[str]:
    """The language with the most letters among non-boilerplate sentences (ties: by code)."""
    counts: dict[str, int] = {}
    pool = [s for s in sentences if not s.boilerplate] or sentences
    for sent in pool:
        if sent.language:
            counts[sent.language] = counts.get(sent.language, 0) + _letters(sent.text)
    if not counts:
        return None
    return max(sorted(counts), key=lambda k: counts[k])
