"""Ingest: find documents in content/sources/, decode them, read their own header, and
mark page furniture (captions, share bars, read-also lists, footers...) as boilerplate.

`Document.text` is the decoded text with line ends normalised to LF and NUL characters
dropped; for HTML it is the article text trafilatura extracts. Every offset anywhere in
dossier (sentences, boilerplate spans, quotes) is a code-point offset into that string.
Metadata comes only from what the document itself states; unknown stays None.
"""
from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

import yaml

from dossier import dates
from dossier.errors import DossierError, InputError
from dossier.model import Document, Source, Span
from dossier.text import load_package_yaml, slugify

MAX_BYTES = 20 * 1024 * 1024  # larger files are refused: no news article is that big

DOC_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
SIDECAR_SUFFIXES = (".yml", ".yaml", ".json")

_LEXICON_PATH = Path(__file__).parent / "lexicons" / "boilerplate.yml"

# File signatures of formats that are certainly not text documents.
_MAGIC = (
    (b"%PDF", "a PDF file"), (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"), (b"PK\x03\x04", "a ZIP archive (or .docx/.odt)"),
    (b"\x1f\x8b", "a gzip archive"), (b"\x7fELF", "a program"), (b"MZ", "a program"),
    (b"\xd0\xcf\x11\xe0", "an old MS Office file"), (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"), (b"RIFF", "a media file"), (b"ID3", "an MP3 file"),
    (b"\x00\x00\x00\x18ftyp", "a video file"), (b"\x00\x00\x00\x20ftyp", "a video file"),
)


# ---------------------------------------------------------------------------------------
# Discovery and ids
# ---------------------------------------------------------------------------------------

def discover(sources_dir: Path) -> list[Path]:
    """Document files under `sources_dir`, sorted; hidden files and sidecars are skipped."""
    sources_dir = Path(sources_dir)
    if not sources_dir.is_dir():
        return []
    found = []
    for path in sources_dir.rglob("*"):
        rel = path.relative_to(sources_dir)
        if any(part.startswith(".") for part in rel.parts):
            continue
        name = path.name.lower()
        if not path.is_file() or name.endswith(SIDECAR_SUFFIXES) or not name.endswith(DOC_SUFFIXES):
            continue
        found.append(path)
    return sorted(found, key=lambda p: p.relative_to(sources_dir).as_posix())


def source_id(path: Path) -> str:
    """A stable ASCII slug from the file name's stem, e.g. '000_9dd0.txt' -> '000-9dd0'."""
    path = Path(path)
    slug = slugify(path.stem)
    if not slug:
        slug = hashlib.sha256(path.name.encode("utf-8")).hexdigest()[:12]
    return slug


# ---------------------------------------------------------------------------------------
# Decoding
# ---------------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def _fail(name: str, message: str, hint: str) -> InputError:
    return InputError(name, message, hint=hint)


def _looks_binary(raw: bytes, name: str) -> None:
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise _fail(name, f"this is {what}, not a text document",
                        "save the article as .txt, .md or .html, or move the file out of content/sources/")


def _utf16_without_bom(raw: bytes) -> Optional[str]:
    """The UTF-16 codec for BOM-less UTF-16 (NULs in every other byte, as Latin text has)."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    even, odd = raw[0::2].count(0), raw[1::2].count(0)
    half = len(raw) // 2
    for zeros, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros > 0.4 * half:
            return codec
    return None


def decode_bytes(raw: bytes, name: str, declared: Optional[str] = None) -> tuple[str, str]:
    """Decode a document's bytes: BOM, strict UTF-8, a declared charset, else charset-normalizer.

    Returns (text, encoding). The text has CRLF/CR turned into LF and NUL characters dropped.
    Raises InputError (naming the file) for binary or undecodable content.
    """
    _looks_binary(raw, name)
    text = encoding = None
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                text, encoding = raw.decode(codec), codec
            except UnicodeDecodeError:
                raise _fail(name, f"the file starts with a {codec} byte-order mark but is not valid {codec}",
                            "re-save it as UTF-8") from None
            break
    if text is None:
        codec16 = _utf16_without_bom(raw)
        if codec16:
            try:
                text, encoding = raw.decode(codec16), codec16
            except UnicodeDecodeError:
                text = None
    if text is None and raw.count(0) > max(2, len(raw) // 100):
        raise _fail(name, "this looks like a binary file (it contains many NUL bytes)",
                    "save the article as a UTF-8 .txt, .md or .html file")
    if text is None:
        try:
            text, encoding = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    if text is None and declared:
        try:
            text, encoding = raw.decode(declared), codecs.lookup(declared).name
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        controls = sum(1 for b in raw if b < 0x20 and b not in b"\t\n\r\x0b\x0c\x1b")
        if controls > len(raw) // 20:
            raise _fail(name, "this looks like a binary file (it is full of control bytes)",
                        "save the article as a UTF-8 .txt, .md or .html file")
        _refuse_broken_utf8(raw, name)
        text, encoding = _guess_legacy(raw, name)
    text = normalize_text(text)
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\t\f\v")
    if controls > max(2, len(text) // 50):
        raise _fail(name, "this looks like a binary file (it is full of control characters)",
                    "save the article as a UTF-8 .txt, .md or .html file")
    return text, encoding


def _refuse_broken_utf8(raw: bytes, name: str) -> None:
    """UTF-8 text with a few invalid bytes is damaged UTF-8, not a legacy code page: say where.

    A legacy (windows-125x) text almost never forms valid multi-byte UTF-8 sequences, while
    damaged UTF-8 is mostly made of them; guessing a code page would turn it into mojibake.
    """
    text = raw.decode("utf-8", errors="surrogateescape")
    bad = good = 0
    first = None
    for i, ch in enumerate(text):
        if "\udc80" <= ch <= "\udcff":
            bad += 1
            first = i if first is None else first
        elif ch > "\x7f":
            good += 1
    if first is None or good < 3 or good < 2 * bad:
        return
    offset = len(text[:first].encode("utf-8", errors="surrogateescape"))
    line = raw[:offset].count(b"\n") + 1
    raise InputError(name, f"not valid UTF-8: byte 0x{raw[offset]:02X} at byte {offset} "
                           f"({bad} invalid byte{'s' if bad > 1 else ''} in all)", line=line,
                     hint="the file was damaged or mixes encodings; re-save it as UTF-8 or fix that line")


# Single-byte encodings news sites still use, tried besides charset-normalizer's guesses.
LEGACY_ENCODINGS = ("cp1252", "cp1254", "cp1256", "cp1251", "koi8_r", "iso8859_9", "iso8859_6",
                    "cp1250", "iso8859_5", "cp1253", "mac_cyrillic")

# Letters of the languages dossier reads; a decoding full of other letters is wrong.
_EXPECTED = re.compile(
    r"[A-Za-zçğıöşüÇĞİÖŞÜəƏäöüßÄÖÜéèêëàâîïôûùœæÉÈÊÀÂÎÔÛÇñáíóúÁÍÓÚÑìòÌÒ"
    r"\u0600-\u06FF\u0750-\u077F\u0400-\u045F\u0490\u0491]")


def _plausibility(text: str) -> int:
    """How much a decoding looks like text in one of dossier's languages (higher is better)."""
    score = 0
    prev = ""
    for ch in text:
        if ch.isalpha():
            score += 1 if _EXPECTED.match(ch) else -3
            if ch.isupper() and prev.isalpha() and prev.islower():
                score -= 1  # "пРИВЕТ": the mark of a Cyrillic code page mix-up
        elif unicodedata.category(ch) in ("Cc", "Co", "Cn") and ch not in "\n\r\t":
            score -= 5
        elif ch == "\ufffd":
            score -= 5
        prev = ch
    return score


def _guess_legacy(raw: bytes, name: str) -> tuple[str, str]:
    """Not UTF-8: charset-normalizer's ranking, overruled when another code page reads better."""
    from charset_normalizer import from_bytes

    candidates: list[tuple[str, str]] = []
    for match in from_bytes(raw):
        candidates.append((match.encoding, str(match)))
    for codec in LEGACY_ENCODINGS:
        if all(codecs.lookup(codec).name != codecs.lookup(c).name for c, _ in candidates):
            try:
                candidates.append((codec, raw.decode(codec)))
            except UnicodeDecodeError:
                continue
    if not candidates:
        raise _fail(name, "this looks like a binary file, or its encoding is unknown",
                    "re-save it as UTF-8 (most editors offer this under 'Save as')")
    best_score, best = None, None
    for codec, text in candidates:  # strict '>' keeps charset-normalizer's order on ties
        score = _plausibility(text)
        if best_score is None or score > best_score:
            best_score, best = score, (text, codecs.lookup(codec).name)
    return best


def normalize_text(text: str) -> str:
    """CRLF and CR become LF, NULs and a leading BOM are dropped: the text offsets point into."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return text.lstrip("\ufeff")


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


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
    data = load_package_yaml(_LEXICON_PATH.read_text(encoding="utf-8"))
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
def _regexes() -> dict[str, re.Pattern]:
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
class _Line:
    start: int  # offset of the first non-space character
    end: int  # offset after the last non-space character
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def _lines(text: str, offset: int = 0) -> list[_Line]:
    """Non-blank lines of `text` with stripped offsets."""
    out = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(_Line(offset + pos + lead, offset + pos + lead + len(stripped), stripped))
        pos += len(raw) + 1
    return out


_FINAL_PERIOD = re.compile(r"[.。۔]\s*[\"'”»’)]*$")
_SENTENCE_END = re.compile(r"[.!?؟…。۔](?:\s|$)")


def _is_prose(line: _Line) -> bool:
    """A paragraph of running text rather than a headline, label or list item."""
    return (line.words >= 6 and bool(_FINAL_PERIOD.search(line.text))) or line.words >= 30


def _norm_key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\W_]+", " ", text).strip()


# ---------------------------------------------------------------------------------------
# Line classifiers
# ---------------------------------------------------------------------------------------

def _is_share(line: _Line) -> bool:
    if len(line.text) > 80:
        return False
    rest = _regexes()["share"].sub(" ", line.text.casefold())
    return not re.search(r"[^\W\d_]", rest)


def _is_footer(line: _Line) -> bool:
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


def _is_caption(line: _Line) -> bool:
    if len(line.text) > 400 or line.words > 70:
        return False
    rx = _regexes()
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


def _marker(kind: str, line: _Line) -> Optional[str]:
    """'alone' if the line is just the marker, 'inline' if text follows it, else None."""
    if line.words > 12 and kind != "tags":
        return None
    m = _regexes()[kind].match(line.text)
    if not m:
        return None
    return "inline" if line.text[m.end():].strip() else "alone"


# ---------------------------------------------------------------------------------------
# Header: title, date, byline, dateline
# ---------------------------------------------------------------------------------------

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


def _date_line(line: _Line, languages: list[str]) -> Optional[tuple[str, str]]:
    """(iso, precision) when the line is a labelled date or a date standing alone."""
    m = _regexes()["date_label"].match(line.text)
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


def _dateline(line: _Line, text: str, languages: list[str], header: Header) -> Optional[int]:
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
    found_label = _regexes()["date_label"].match(prefix)
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


def read_header(text: str, lines: list[_Line], languages: list[str], skip: set[int]) -> Header:
    """Title, date, publisher and author from the lines before the first paragraph of prose."""
    header = Header()
    rx = _regexes()
    zone = []
    for line in lines:
        if line.start in skip:
            continue
        zone.append(line)
        if _is_prose(line) or len(zone) >= 10:
            break
    for i, line in enumerate(zone):
        prose = _is_prose(line)
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
            if line.words <= 2 and not _FINAL_PERIOD.search(line.text):
                header.spans.append(Span(line.start, line.end, "header"))  # section label
                continue
            if line.words <= 25 and len(line.text) <= 250 and not _FINAL_PERIOD.search(line.text):
                header.title = _MD_HEADING.sub("", line.text).strip()
                header.title_line = line.start
    return header


# ---------------------------------------------------------------------------------------
# Boilerplate
# ---------------------------------------------------------------------------------------

def _merge(spans: list[Span]) -> list[Span]:
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


def _front_matter(text: str) -> tuple[Optional[dict], Optional[Span]]:
    m = re.match(r"---[ \t]*\n(.*?\n)---[ \t]*(?:\n|$)", text, re.S)
    if not m:
        return None, None
    from dossier.records import load_yaml_text

    try:  # strict: no tags, anchors or aliases (a "billion laughs" front matter is ignored)
        data = load_yaml_text(m.group(1), "front matter")
    except DossierError:
        return None, None
    if not isinstance(data, dict):
        return None, None
    return data, Span(0, m.end(), "header")


def find_boilerplate(text: str, lines: list[_Line], title_line: Optional[int]) -> list[Span]:
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


# ---------------------------------------------------------------------------------------
# Sidecar metadata: content/sources/<file>.meta.yml, written by the editor
# ---------------------------------------------------------------------------------------

SIDECAR_SUFFIX = ".meta.yml"

#: Source fields a sidecar may set; it overrides what the document states.
SIDECAR_FIELDS = ("title", "publisher", "author", "published", "url", "archived_url", "language")


def sidecar_candidates(path: Path) -> list[Path]:
    """Where a document's sidecar may be: `<file name>.meta.yml`, else `<stem>.meta.yml`."""
    path = Path(path)
    return [path.with_name(path.name + SIDECAR_SUFFIX), path.with_name(path.stem + SIDECAR_SUFFIX)]


def sidecar_path(path: Path) -> Optional[Path]:
    """The sidecar file of the document at `path`, or None when it has none."""
    for candidate in sidecar_candidates(path):
        if candidate.is_file():
            return candidate
    return None


def read_sidecar(path: Path, root: Path) -> dict:
    """The validated sidecar fields of the document at `path` ({} without a sidecar).

    Raises RecordError naming the sidecar file and line when it is malformed.
    """
    from dossier.errors import RecordError
    from dossier.records import load_yaml_lines, validate

    meta = sidecar_path(path)
    if meta is None:
        return {}
    name = _rel_path(meta, root)
    if meta.stat().st_size > 1024 * 1024:
        raise RecordError(name, "a sidecar file must be small (under 1 MB)", hint="keep only the metadata fields")
    data, lines = load_yaml_lines(meta, root)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RecordError(name, "a sidecar must be a mapping of fields", line=1,
                          hint=f"write e.g. 'publisher: Name' on its own line; fields: {', '.join(SIDECAR_FIELDS)}")
    problems = validate("source-meta", data, lines)
    if problems:
        line, message = problems[0]
        raise RecordError(name, message, line=line,
                          hint=f"fields: {', '.join(SIDECAR_FIELDS)}; dates YYYY-MM-DD, YYYY-MM or YYYY; URLs http(s)")
    return data


def apply_sidecar(source: Source, meta: dict) -> None:
    """Override `source`'s metadata with the sidecar's fields (the editor's word wins)."""
    for key in SIDECAR_FIELDS:
        if key not in meta:
            continue
        setattr(source, key, meta[key])
        if key == "published":
            source.published_precision = {4: "year", 7: "month"}.get(len(meta[key]), "day")
        if key == "language" and meta[key] not in source.languages:
            source.languages = sorted(set(source.languages) | {meta[key]})


# ---------------------------------------------------------------------------------------
# load_document
# ---------------------------------------------------------------------------------------

def _rel_path(path: Path, root: Path) -> str:
    # The link's own path first: a link pointing out of the dossier is named as the author sees it.
    import os

    for p, r in ((Path(os.path.abspath(path)), Path(os.path.abspath(root))), (path.resolve(), Path(root).resolve())):
        try:
            return p.relative_to(r).as_posix()
        except ValueError:
            continue
    return path.as_posix()


def _html_extract(html: str, name: str) -> tuple[str, dict]:
    import trafilatura

    result = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, favor_precision=True,
        include_tables=False, include_images=False, include_links=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if result is None:
        return "", {}
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    return normalize_text(data.get("text") or ""), data


def _guess_languages(text: str) -> list[str]:
    from dossier.segment import detect_language

    lang = detect_language(text[:3000])
    out = [lang] if lang else []
    if "en" not in out:
        out.append("en")
    return out


def _meta_str(value) -> Optional[str]:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def load_document(path: Path, root: Path) -> Document:
    """Read one document into a Document (text, Source metadata, boilerplate spans).

    Raises InputError naming the file when it is binary, empty, too big or unreadable.
    """
    path = Path(path)
    rel = _rel_path(path, root)
    try:
        outside = not path.resolve().is_relative_to(Path(root).resolve())
    except (OSError, RuntimeError):  # a link loop
        outside = True
    if outside:
        raise _fail(rel, "this is a link to a file outside the dossier; it is not read",
                    "copy the document itself into content/sources/")
    try:
        size = path.stat().st_size
    except OSError as err:
        raise _fail(rel, f"cannot read the file ({err.strerror})", "check that it exists and is readable") from None
    if size > MAX_BYTES:
        raise _fail(rel, f"the file is {size / 1e6:.1f} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit",
                    "save only the article text, or split it")
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise _fail(rel, f"cannot read the file ({err.strerror})", "check its permissions") from None
    if not raw.strip(b" \t\r\n\x00\x0b\x0c"):
        raise _fail(rel, "the file is empty (or only white space)", "paste the article text into it, or delete it")
    is_html = path.suffix.lower() in HTML_SUFFIXES
    declared = None
    if is_html:
        m = _META_CHARSET.search(raw[:4096])
        declared = m.group(1).decode("ascii", "ignore") if m else None
    decoded, encoding = decode_bytes(raw, rel, declared)
    if not decoded.strip():
        raise _fail(rel, "the file contains only white space", "paste the article text into it, or delete it")

    meta: dict = {}
    text = decoded
    if is_html:
        text, data = _html_extract(decoded, rel)
        if not text.strip():
            raise _fail(rel, "no article text could be extracted from this HTML page",
                        "save the page as plain text instead (copy the article into a .txt file)")
        for key, src in (("title", "title"), ("author", "author"), ("publisher", "sitename"), ("url", "url")):
            meta[key] = _meta_str(data.get(src))
        when = _meta_str(data.get("date"))
        if when:
            parsed = dates.parse_date(when, ["en"])
            if parsed:
                meta["published"], meta["precision"] = parsed

    spans: list[Span] = []
    front, front_span = (None, None) if is_html else _front_matter(text)
    if front_span:
        spans.append(front_span)
        for key, names in (("title", ("title",)), ("author", ("author", "authors", "by")),
                           ("publisher", ("publisher", "source", "site_name", "sitename", "outlet")),
                           ("url", ("url", "link", "source_url"))):
            for n in names:
                if front.get(n) and key not in meta:
                    value = front[n]
                    meta[key] = _meta_str(", ".join(map(str, value)) if isinstance(value, list) else value)
        for n in ("date", "published", "published_at", "pubdate"):
            if front.get(n) and "published" not in meta:
                parsed = dates.parse_date(str(front[n]), ["en"], allow_bare_number=True)
                if parsed:
                    meta["published"], meta["precision"] = parsed

    body_start = front_span.end if front_span else 0
    lines = [ln for ln in _lines(text) if ln.start >= body_start]
    languages = _guess_languages(text[body_start:])
    line_spans = find_boilerplate(text, lines, None)
    furniture = {s.start for s in line_spans}
    header = read_header(text, lines, languages, furniture)
    # Recompute repeats now that the title line is known ("header" for a repeated headline).
    line_spans = find_boilerplate(text, lines, header.title_line)
    spans.extend(line_spans)
    spans.extend(header.spans)

    def pick(key, value):
        return meta.get(key) if meta.get(key) is not None else value

    published = pick("published", header.published)
    precision = meta.get("precision") if meta.get("published") is not None else header.precision
    source = Source(
        id=source_id(path),
        path=rel,
        sha256=hashlib.sha256(raw).hexdigest(),
        language=None,
        title=pick("title", header.title),
        publisher=pick("publisher", header.publisher),
        author=pick("author", header.author),
        published=published,
        published_precision=precision if published else None,
        url=pick("url", header.url),
        encoding=encoding,
        boilerplate=_merge(spans),
    )
    try:
        apply_sidecar(source, read_sidecar(path, root))
    except DossierError:
        pass  # a broken sidecar is reported by extraction's curation step and `dossier check`
    return Document(source=source, text=text)
