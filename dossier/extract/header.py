"""Header: the metadata a document states about itself, and the header spans to set aside.

Markdown front matter, then the lines before the first paragraph of prose (title, date
line, byline, source label) and a dateline prefix on that paragraph ("Baku (Outlet) – ...").
Unknown stays None.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from dossier.extract import dates
from dossier.extract.boilerplate import FINAL_PERIOD, Line, is_prose, regexes
from dossier.io.safe_yaml import load_yaml_text
from dossier.model import Span
from dossier.model.errors import DossierError


@dataclass
class Header:
    """What a document's own header states, and the header spans to set aside."""
    title: Optional[str] = None
    published: Optional[str] = None
    precision: Optional[str] = None
    publisher: Optional[str] = None
    author: Optional[str] = None
    url: Optional[str] = None
    spans: list[Span] = field(default_factory=list)
    title_line: Optional[int] = None  # start offset of the title line


_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?(?![\w])|\b(?:GMT|UTC)(?:\s*[+-]\s*\d{1,2})?\b")
_DASH_SEP = re.compile(r"\s+[-–—]+\s*|(?<=[^\W\d_])[-–—]+\s+")


def _date_in(text: str, languages: list[str]) -> Optional[tuple[int, int, str, str]]:
    """The first full (or month) date stated in a short header text, with its span."""
    for lang in languages + [None]:
        for s, e, iso, prec in dates.find_dates(text, lang):
            if prec in ("day", "month"):
                return s, e, iso, prec
    return None


def _date_line(line: Line, languages: list[str]) -> Optional[tuple[str, str]]:
    """(iso, precision) when the line is a labelled date or a date standing alone."""
    m = regexes()["date_label"].match(line.text)
    if m and line.words <= 10:
        rest = line.text[m.end():]
        parsed = dates.parse_date(_TIME.sub(" ", rest), languages)
        if parsed:
            return parsed
    if line.words > 10:
        return None
    found = _date_in(line.text, languages)
    if not found:
        return None
    s, e, iso, prec = found
    rest = _TIME.sub(" ", line.text[:s] + " " + line.text[e:])
    rest_words = re.findall(r"[^\W\d_]+", rest)
    if len(rest_words) <= 2:
        return iso, prec
    return None


def _clean_name(text: str) -> Optional[str]:
    text = text.strip(" \t:：,;|-–—/()[]")
    if not text or len(text.split()) > 6 or re.search(r"[.!?؟]$", text):
        return None
    return text


def _dateline(line: Line, text: str, languages: list[str], header: Header) -> Optional[int]:
    """Cut a dateline/byline prefix off the first paragraph ("Baku (Outlet) – ...").

    Returns the offset where the prose starts, or None when there is no clean prefix.
    """
    head = text[line.start: min(line.end, line.start + 180)]
    sep = _DASH_SEP.search(head)
    if not sep or sep.start() < 2:
        return None
    prefix = head[: sep.start()]
    if len(prefix.split()) > 12 or re.search(r"[!?؟]|[^\d\s][.](?:\s|$)", prefix):
        return None
    found_label = regexes()["date_label"].match(prefix)
    rest = prefix[found_label.end():] if found_label else prefix
    date = _date_in(rest, languages)
    if date:
        s, e, iso, prec = date
        if header.published is None:
            header.published, header.precision = iso, prec
        rest = rest[:s] + " " + rest[e:]
    rest = _TIME.sub(" ", rest).strip()
    paren = re.fullmatch(r"([^()]{0,60}?)\s*\(([^()]{2,60})\)\s*", rest)
    slash = [p.strip() for p in re.split(r"\s+/\s+|\s*/\s*(?=[^\W\d_])", rest)] if "/" in rest else []
    if paren:
        name = _clean_name(paren.group(2))
        if name and not dates.find_dates(name, None) and header.publisher is None:
            header.publisher = name
    elif len(slash) == 2 and all(_clean_name(p) for p in slash):
        if header.publisher is None:
            header.publisher = _clean_name(slash[0])
        if header.author is None:
            header.author = _clean_name(slash[1])
    elif not date and not found_label:
        return None  # a dash inside ordinary prose, not a dateline
    return line.start + sep.end()


_MD_HEADING = re.compile(r"^#{1,6}\s+")


def read_header(text: str, lines: list[Line], languages: list[str], skip: set[int]) -> Header:
    """Title, date, publisher and author from the lines before the first paragraph of prose."""
    header = Header()
    rx = regexes()
    zone = []
    for line in lines:
        if line.start in skip:
            continue
        zone.append(line)
        if is_prose(line) or len(zone) >= 10:
            break
    for i, line in enumerate(zone):
        prose = is_prose(line)
        if prose:
            cut = _dateline(line, text, languages, header)
            if cut is not None:
                header.spans.append(Span(line.start, cut, "header"))
            break
        dated = _date_line(line, languages)
        if dated:
            if header.published is None:
                header.published, header.precision = dated
            header.spans.append(Span(line.start, line.end, "header"))
            continue
        by = rx["byline"].match(line.text)
        if by and line.words <= 8 and by.end() < len(line.text):
            name = _clean_name(line.text[by.end():])
            if name and not name[:1].islower():  # "By Jane Doe", "بقلم ..." but not "by the way"
                if header.author is None:
                    header.author = name
                header.spans.append(Span(line.start, line.end, "header"))
                continue
        src = rx["source_label"].match(line.text)
        if src and line.words <= 8:
            name = _clean_name(line.text[src.end():])
            if name:
                if header.publisher is None:
                    header.publisher = name
                header.spans.append(Span(line.start, line.end, "header"))
                continue
        md = _MD_HEADING.match(line.text)
        if md and header.title is None and line.text.startswith("# "):
            header.title = line.text[md.end():].strip()
            header.title_line = line.start
            continue
        if header.title is None:
            if line.words <= 2 and not FINAL_PERIOD.search(line.text):
                header.spans.append(Span(line.start, line.end, "header"))  # section label
                continue
            if line.words <= 25 and len(line.text) <= 250 and not FINAL_PERIOD.search(line.text):
                header.title = _MD_HEADING.sub("", line.text).strip()
                header.title_line = line.start
    return header


# ---------------------------------------------------------------------------------------
# Front matter
# ---------------------------------------------------------------------------------------

def meta_str(value) -> Optional[str]:
    """A metadata value as a stripped string; None when absent or blank."""
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def front_matter(text: str) -> tuple[Optional[dict], Optional[Span]]:
    """A Markdown document's YAML front matter and its header span, or (None, None)."""
    m = re.match(r"---[ \t]*\n(.*?\n)---[ \t]*(?:\n|$)", text, re.S)
    if not m:
        return None, None
    try:  # strict: no tags, anchors or aliases (a "billion laughs" front matter is ignored)
        data = load_yaml_text(m.group(1), "front matter")
    except DossierError:
        return None, None
    if not isinstance(data, dict):
        return None, None
    return data, Span(0, m.end(), "header")


def front_matter_meta(front: dict) -> dict:
    """title, author, publisher, url, published and its precision as a front matter states them."""
    meta: dict = {}
    for key, names in (("title", ("title",)), ("author", ("author", "authors", "by")),
                       ("publisher", ("publisher", "source", "site_name", "sitename", "outlet")),
                       ("url", ("url", "link", "source_url"))):
        for n in names:
            if front.get(n) and key not in meta:
                value = front[n]
                meta[key] = meta_str(", ".join(map(str, value)) if isinstance(value, list) else value)
    for n in ("date", "published", "published_at", "pubdate"):
        if front.get(n) and "published" not in meta:
            parsed = dates.parse_date(str(front[n]), ["en"], allow_bare_number=True)
            if parsed:
                meta["published"], meta["precision"] = parsed
    return meta
