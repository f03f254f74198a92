"""Boilerplate: mark page furniture (captions, share bars, read-also and most-read lists,
tags, footers, repeated lines) by general line rules over the lexicon in
dossier/lexicons/boilerplate.yml. Offsets are code-point offsets into `Document.text`.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from dossier.model import Span
from dossier.text.lexicon import load_lexicon



# ---------------------------------------------------------------------------------------
# Lexicon
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Lexicon:
    read_also: tuple[str, ...]
    most_read: tuple[str, ...]
    tags: tuple[str, ...]
    share: tuple[str, ...]
    footer: tuple[str, ...]
    credit: tuple[str, ...]
    agencies: tuple[str, ...]
    date_label: tuple[str, ...]
    byline: tuple[str, ...]
    source_label: tuple[str, ...]


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    """The union over languages of the boilerplate lexicon (dossier/lexicons/boilerplate.yml)."""
    data = load_lexicon("boilerplate")
    keys = ("read_also", "most_read", "tags", "share", "footer", "credit", "date_label", "byline", "source_label")
    merged: dict[str, set] = {k: set() for k in keys}
    for lang in sorted(k for k in data if k != "agencies"):
        for key in keys:
            merged[key].update(w.casefold() for w in data[lang].get(key, []))

    def order(words):  # longest first so "read also" wins over "read"
        return tuple(sorted(words, key=lambda w: (-len(w), w)))

    return _Lexicon(**{k: order(v) for k, v in merged.items()}, agencies=order(data.get("agencies", [])))


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


@lru_cache(maxsize=1)
def regexes() -> dict[str, re.Pattern]:
    lx = lexicon()
    # A marker counts at the start of a line, followed by ':' / punctuation / end / text.
    def starts(words):
        return re.compile(rf"^[\W_]*(?:{_alt(words)})(?![^\W\d_])\s*[:：\-–—»>|]*\s*", re.I)

    agencies = _alt([a.casefold() for a in lx.agencies])
    credits = _alt(lx.credit)
    return {
        "read_also": starts(lx.read_also),
        "most_read": starts(lx.most_read),
        "tags": starts(lx.tags),
        "date_label": starts(lx.date_label),
        "byline": re.compile(rf"^(?:{_alt(lx.byline)})(?![^\W\d_])\s*[:：]?\s*", re.I),
        "source_label": re.compile(rf"^(?:{_alt(lx.source_label)})\s*[:：]\s*", re.I),
        "share": re.compile(_alt(lx.share), re.I),
        # "(AFP)", "(وكالات)", "(Photo: Reuters)" closing a line.
        "caption_paren": re.compile(rf"\(\s*(?:{credits}|{agencies})(?:\s*[:/,]\s*[^()]{{0,60}})?\s*\)\s*[.]?\s*$", re.I),
        # "Photo: Name", "Фото: ТАСС", "Foto: dpa" anywhere in a short line.
        "caption_label": re.compile(rf"(?:^|[\s.(|])(?:{credits})\s*[:：]\s*\S", re.I),
        # "... 2025. EPA / NAME / AGENCY" or "... AFP" at the end of a line.
        # Agencies as written ("AFP", not "pool" in "swam in the pool").
        "caption_tail": re.compile(rf"(?:^|[.\s])(?:{_alt(lx.agencies)})(?:\s*/\s*[^/\n]{{1,40}})*\s*$"),
        "caption_chain": re.compile(r"[.\s](?:[A-Z][A-Z.&'\-]+(?:\s+[A-Z][A-Z.&'\-]+)*)(?:\s*/\s*[A-Z][A-Z.&'\-]+(?:\s+[A-Z][A-Z.&'\-]+)*)+\s*$"),
    }


# ---------------------------------------------------------------------------------------
# Lines
# ---------------------------------------------------------------------------------------

@dataclass
class Line:
    start: int  # offset of the first non-space character
    end: int  # offset after the last non-space character
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def split_lines(text: str, offset: int = 0) -> list[Line]:
    """Non-blank lines of `text` with stripped offsets."""
    out = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(Line(offset + pos + lead, offset + pos + lead + len(stripped), stripped))
        pos += len(raw) + 1
    return out


FINAL_PERIOD = re.compile(r"[.。۔]\s*[\"'”»’)]*$")
_SENTENCE_END = re.compile(r"[.!?؟…。۔](?:\s|$)")


def is_prose(line: Line) -> bool:
    """A paragraph of running text rather than a headline, label or list item."""
    return (line.words >= 6 and bool(FINAL_PERIOD.search(line.text))) or line.words >= 30


def _norm_key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\W_]+", " ", text).strip()


# ---------------------------------------------------------------------------------------
# Line classifiers
# ---------------------------------------------------------------------------------------

def _is_share(line: Line) -> bool:
    if len(line.text) > 80:
        return False
    rest = regexes()["share"].sub(" ", line.text.casefold())
    return not re.search(r"[^\W\d_]", rest)


def _is_footer(line: Line) -> bool:
    low = line.text.casefold()
    if len(line.text) > 300:
        return False
    for marker in lexicon().footer:
        if marker == "©":
            if "©" in line.text:
                return True
            continue
        if re.search(rf"(?<![^\W\d_]){re.escape(marker)}(?![^\W\d_])", low):
            # A single common word ("contact", "impressum") only on a short line.
            if " " in marker or line.words <= 6:
                return True
    return False


def _is_caption(line: Line) -> bool:
    if len(line.text) > 400 or line.words > 70:
        return False
    rx = regexes()
    body = line.text
    hit = rx["caption_paren"].search(body) or rx["caption_tail"].search(body) or rx["caption_chain"].search(body)
    if not hit and len(body) <= 300 and rx["caption_label"].search(body):
        hit = rx["caption_label"].search(body)
    if not hit:
        return False
    # A caption is one descriptive sentence; several sentences are an article paragraph.
    before = body[: hit.start()].rstrip()
    before = re.sub(r"[.。۔]\s*$", "", before)
    return len(_SENTENCE_END.findall(before)) <= 1


def _marker(kind: str, line: Line) -> Optional[str]:
    """'alone' if the line is just the marker, 'inline' if text follows it, else None."""
    if line.words > 12 and kind != "tags":
        return None
    m = regexes()[kind].match(line.text)
    if not m:
        return None
    return "inline" if line.text[m.end():].strip() else "alone"


# ---------------------------------------------------------------------------------------
# Spans
# ---------------------------------------------------------------------------------------

def merge_spans(spans: list[Span]) -> list[Span]:
    """Sorted, non-overlapping spans; where two overlap the earlier-starting one wins."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end, s.kind)):
        if span.end <= span.start:
            continue
        if out and span.start < out[-1].end:
            if span.end > out[-1].end:
                if span.kind == out[-1].kind:
                    out[-1].end = span.end
                else:
                    out.append(Span(out[-1].end, span.end, span.kind))
            continue
        if out and span.start == out[-1].end and span.kind == out[-1].kind:
            out[-1].end = span.end
            continue
        out.append(Span(span.start, span.end, span.kind))
    return out


def find_boilerplate(text: str, lines: list[Line], title_line: Optional[int]) -> list[Span]:
    """Boilerplate spans by general line rules (see the module doc and boilerplate.yml)."""
    spans: list[Span] = []
    end_of_text = len(text.rstrip())
    n = len(text) or 1
    seen: dict[str, int] = {}
    title_key = None
    for line in lines:
        if line.start == title_line:
            title_key = _norm_key(line.text)
    for i, line in enumerate(lines):
        late = line.start > n / 3  # markers in the last two thirds may run to the end
        for kind, key in (("most-read", "most_read"), ("read-also", "read_also")):
            how = _marker(key, line)
            if how is None:
                continue
            if how == "alone" and late:
                spans.append(Span(line.start, end_of_text, kind))
            else:
                spans.append(Span(line.start, line.end, kind))
            break
        else:
            if _marker("tags", line) and line.words <= 40:
                spans.append(Span(line.start, line.end, "tags"))
            elif _is_share(line):
                spans.append(Span(line.start, line.end, "share"))
            elif _is_footer(line):
                spans.append(Span(line.start, end_of_text if line.start > n * 0.75 else line.end, "footer"))
            elif _is_caption(line):
                spans.append(Span(line.start, line.end, "caption"))
        key = _norm_key(line.text)
        if key and (len(key) >= 20 or len(key.split()) >= 4):
            if key in seen:
                kind = "caption" if _is_caption(line) else ("header" if key == title_key else "other")
                spans.append(Span(line.start, line.end, kind))
            else:
                seen[key] = line.start
    return spans
