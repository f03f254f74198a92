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
from dossier.extract.gazetteer import city_of, state_of
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
    if len(rest_words) <= 2 or _name_comma_date(line, found):
        return iso, prec
    return None


def _date_prefix(line: Line, languages: list[str]) -> Optional[tuple[int, str, str]]:
    """(length, iso, precision) of a leading labelled date ("date 2024-03-23 Headline ...",
    "Published: 12 March 2024 10:15 ..."): metadata even when a headline or prose follows."""
    m = regexes()["date_label"].match(line.text)
    if not m:
        return None
    rest = line.text[m.end(): m.end() + 80]
    found = _date_in(rest, languages)
    if not found or rest[:found[0]].strip(" \t:：,|-–—"):
        return None
    end = m.end() + found[1]
    tail = re.match(r"[\s,|]*(?:" + _TIME.pattern + r")[\s|]*", line.text[end:])
    if tail:
        end += tail.end()
    return end, found[2], found[3]


# "MOSCOW, July 1. /TASS/.", "МОСКВА, 1 июля. /ТАСС/.", "MOSCOW. Nov 5 (Interfax) -": a wire
# dateline names its city in capitals, a date, then the agency between slashes or brackets.
_WIRE = re.compile(r"(?P<city>[^\W\d_][^\W\d_'’\-]*(?:[\s\-][^\W\d_'’]+){0,3})[,.]\s+"
                   r"(?P<date>[^/()\n]{3,40}?)[.,]?\s*(?:/\s*(?P<slash>[^/\n]{2,40}?)\s*/"
                   r"|\((?P<paren>[^()\n]{2,40})\))[\s.:]*(?:[-–—]+\s*)?")


def _wire_dateline(line: Line, languages: list[str], header: Header) -> Optional[int]:
    """Length of a wire-agency dateline opening the line, or None."""
    m = _WIRE.match(line.text)
    if not m or not m.group("city").isupper() or len(m.group("city")) < 3:
        return None
    when = m.group("date")
    probe = [d for lang in languages + [None] for d in dates.find_dates(when, lang, "2000-12-31")]
    if not any(p in ("day", "month") for _s, _e, _iso, p in probe):
        return None
    stated = _date_in(when, languages)  # only a date with its year is a publication date
    if stated and header.published is None:
        header.published, header.precision = stated[2], stated[3]
    agency = _clean_name(m.group("slash") or m.group("paren") or "")
    if agency and header.publisher is None:
        header.publisher = agency
    return m.end()


def _name_beside_date(line: Line, languages: list[str]) -> Optional[str]:
    """"Çanakkale Postası | 18 Temmuz 2026", "Rhein-Zeitung Online, 4. November 2026": the
    outlet's name set off from the date by a bar, or before it with a comma."""
    found = _date_in(line.text, languages)
    if not found:
        return None
    if not re.search(r"[|·•]", line.text):
        return _name_comma_date(line, found)
    rest = _TIME.sub(" ", line.text[:found[0]] + " | " + line.text[found[1]:])
    parts = [p for p in (q.strip(" \t,-–—") for q in re.split(r"[|·•]", rest)) if p]
    if len(parts) != 1 or not parts[0][:1].isupper() or regexes()["date_label"].match(parts[0]):
        return None
    return _clean_name(parts[0])


def _name_comma_date(line: Line, found: tuple[int, int, str, str]) -> Optional[str]:
    """The name in "Name, <date>": a capitalised name of up to five words, not a city's or a
    country's (a dateline: "Moscow, 3 March 2026"), nor a wire city in capitals."""
    m = re.fullmatch(r"\s*([^\W\d_][^,|:]{1,60}?)\s*,\s*", line.text[:found[0]])
    if not m or _TIME.sub(" ", line.text[found[1]:]).strip(" \t,.-–—"):
        return None
    name = m.group(1)
    words = re.findall(r"[^\W\d_]+", name)
    if not name[:1].isupper() or len(words) > 5 or name.isupper() or regexes()["date_label"].match(name) \
            or city_of(name) or state_of(name) or (len(words) > 1 and all(city_of(w) or state_of(w) for w in words)):
        return None
    return _clean_name(name)


_BAR = re.compile(r"\s+[|·•—–]\s+|\s*\|\s*")


def _barred_line(line: Line, languages: list[str]) -> Optional[tuple[str, str, Optional[str]]]:
    """"Eurasia Wire | Moscow | 12 May 2026", "By Staff | BERLIN, March 3, 2026", "Le Journal —
    4 mars 2026 à 09h15": a short line of parts set off by bars or dashes, one of them a
    date. Returns (iso, precision, the outlet's name when the first part is one)."""
    if line.words > 16 or FINAL_PERIOD.search(line.text):
        return None
    parts = [p.strip() for p in _BAR.split(line.text) if p.strip()]
    if len(parts) < 2 or len(parts) > 5:
        return None
    for i, part in enumerate(parts):
        found = _date_in(part, languages)
        if not found:
            continue
        s, e, iso, prec = found
        rest = re.findall(r"[^\W\d_]+", _TIME.sub(" ", part[:s] + " " + part[e:]))
        if len(rest) > 5:
            return None
        first = parts[0] if i > 0 else None
        by = regexes()["byline"].match(first) if first else None
        return iso, prec, (_clean_name(first) if first and not by and not _date_in(first, languages) else None)
    return None


def _take_barred(line: Line, languages: list[str], header: Header) -> bool:
    """Read a `_barred_line` into the header; False when the line is not one."""
    barred = _barred_line(line, languages)
    if not barred:
        return False
    iso, prec, name = barred
    if header.published is None:
        header.published, header.precision = iso, prec
    if header.publisher is None and name:
        header.publisher = name
    header.spans.append(Span(line.start, line.end, "header"))
    return True


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
        cut = _date_prefix(line, languages)
        if cut:
            length, iso, prec = cut
            if header.published is None:
                header.published, header.precision = iso, prec
            rest = line.text[length:]
            skip_ws = len(rest) - len(rest.lstrip())
            # the span runs up to what follows, so a dateline cut next joins it in one span
            header.spans.append(Span(line.start, line.start + length + skip_ws, "header"))
            if not rest.strip():
                continue
            line = Line(line.start + length + skip_ws, line.end, rest.lstrip())
        wire = _wire_dateline(line, languages, header)
        if wire:
            header.spans.append(Span(line.start, line.start + wire, "header"))
            if is_prose(line):
                break
            continue
        prose = is_prose(line)
        if prose:
            cut = _dateline(line, text, languages, header)
            if cut is not None:
                header.spans.append(Span(line.start, cut, "header"))
            break
        if _take_barred(line, languages, header):
            continue
        dated = _date_line(line, languages)
        if dated:
            if header.published is None:
                header.published, header.precision = dated
            if header.publisher is None:
                header.publisher = _name_beside_date(line, languages)
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
