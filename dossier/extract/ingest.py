"""Ingest: find documents in content/sources/ and read each into a Document.

`Document.text` is the decoded text with line ends normalised to LF and NUL characters
dropped; for HTML it is the article text trafilatura extracts. Every offset anywhere in
dossier (sentences, boilerplate spans, quotes) is a code-point offset into that string.
Metadata comes only from what the document itself states, or its editor's sidecar;
unknown stays None. The steps live in decode, header, boilerplate and sidecar.
"""
from __future__ import annotations

import hashlib
import os
import re
from itertools import islice
from pathlib import Path
from typing import Optional

from dossier.extract import dates, decode, segment
from dossier.extract.boilerplate import find_boilerplate, merge_spans, split_lines
from dossier.extract.header import Header, front_matter, front_matter_meta, meta_str, read_header
from dossier.io.safe_yaml import load_yaml_text
from dossier.extract.sidecar import SIDECAR_SUFFIX, SIDECAR_SUFFIXES, apply_sidecar, read_sidecar, rel_path
from dossier.model import Document, Source, Span
from dossier.model.errors import DossierError, InputError
from dossier.text import slugify
from dossier.text.fold import fold_str

DOC_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")

# Budgets: every later stage's work grows with the text it is given, so a document's text is
# capped, and so is the HTML handed to trafilatura (whose work grows faster than the page).
# They are sizes, not time limits, so the same document always gives the same records.
#: The most characters of one document's text that are read; the rest is left out, noted.
MAX_TEXT = 100_000
#: HTML pages with more elements than this are read by a plain text walk instead of trafilatura.
MAX_HTML_TAGS = 20_000
_TAG = re.compile(r"<[A-Za-z]")
_FRONT = re.compile(r"---[ \t]*\n(.*?\n)---[ \t]*(?:\n|$)", re.S)  # as header.front_matter reads it
_BLOCKS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
           "article", "section", "main", "header", "footer", "dt", "dd", "figcaption", "td", "th")
_FURNITURE = "//script|//style|//noscript|//template|//nav|//aside|//form|//footer|//iframe|//svg"


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
# HTML
# ---------------------------------------------------------------------------------------

def _html_extract(html: str, name: str) -> tuple[str, dict]:
    import trafilatura  # deferred: heavy, and only HTML documents need it

    result = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, favor_precision=True,
        include_tables=False, include_images=False, include_links=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if result is None:
        return "", {}
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    return decode.normalize_text(data.get("text") or ""), data


def _html_plain(html: str) -> tuple[str, dict]:
    """The text of a page too big for trafilatura: the article (or main, or body) element's
    text, a line per block, scripts and navigation left out; the title from <title>."""
    import lxml.html  # deferred: heavy, and only very large HTML pages need it
    from lxml.etree import ParserError  # deferred: as above

    try:
        root = lxml.html.document_fromstring(html)
    except (ParserError, ValueError):
        return "", {}
    for node in root.xpath(_FURNITURE):
        node.drop_tree()
    title = root.findtext(".//title")
    body = next((n for n in (root.find(".//article"), root.find(".//main"), root.find(".//body")) if n is not None), root)
    for node in body.iter(*_BLOCKS):
        node.tail = "\n" + (node.tail or "")
    lines = (" ".join(line.split()) for line in body.text_content().split("\n"))
    return decode.normalize_text("\n".join(line for line in lines if line)), {"title": title}


def _too_many_tags(html: str) -> int:
    """The page's element count when it is over MAX_HTML_TAGS, else 0 (counting stops there)."""
    if sum(1 for _ in islice(_TAG.finditer(html), MAX_HTML_TAGS + 1)) <= MAX_HTML_TAGS:
        return 0
    return sum(1 for _ in _TAG.finditer(html))


def _html_article(html: str, rel: str, notes: list[str]) -> tuple[str, dict]:
    """An HTML page's article text, and the title, author, publisher, url and date it states."""
    tags = _too_many_tags(html)
    if tags:
        text, data = _html_plain(html)
        notes.append(f"the page has {tags:,} HTML elements, more than the {MAX_HTML_TAGS:,} the article "
                     "extractor is given: its whole text was read, menus and other page furniture included")
    else:
        text, data = _html_extract(html, rel)
    if not text.strip():
        raise InputError(rel, "no article text could be extracted from this HTML page",
                         hint="save the page as plain text instead (copy the article into a .txt file)")
    meta: dict = {}
    for key, src in (("title", "title"), ("author", "author"), ("publisher", "sitename"), ("url", "url")):
        meta[key] = meta_str(data.get(src))
    when = meta_str(data.get("date"))
    if when:
        parsed = dates.parse_date(when, ["en"])
        if parsed:
            meta["published"], meta["precision"] = parsed
    return text, meta


# ---------------------------------------------------------------------------------------
# load_document
# ---------------------------------------------------------------------------------------

def in_sources(root: Path, rel: str) -> bool:
    """Whether a source record's `path` is a document inside content/sources/ (links resolved)."""
    sources = (Path(root) / "content" / "sources").resolve()
    try:
        return (Path(root) / rel).resolve().is_relative_to(sources)
    except (OSError, RuntimeError):
        return False


def _name_max(folder: Path) -> int:
    """The longest file name (bytes) the folder's file system takes."""
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return 255


def _home(path: Path, root: Path) -> Path:
    """The folder a document must not leave: content/sources/ when it is in there, else its own."""
    sources = Path(os.path.abspath(Path(root) / "content" / "sources"))
    return sources if Path(os.path.abspath(path)).is_relative_to(sources) else Path(os.path.abspath(path)).parent


def _read_bytes(path: Path, root: Path, rel: str) -> bytes:
    """The file's bytes; a link out of content/sources/ (to .git/config, say), an unreadable,
    too big or empty file is refused."""
    home = _home(path, root)
    longest = len((path.name + SIDECAR_SUFFIX).encode("utf-8"))
    if longest > _name_max(path.parent):
        raise InputError(rel, f"the file name is too long ({len(path.name.encode('utf-8'))} bytes): its sidecar "
                         f"'<name>{SIDECAR_SUFFIX}' could not exist", hint="rename the file shorter")
    try:
        outside = not path.resolve().is_relative_to(home.resolve())
    except (OSError, RuntimeError):  # a link loop
        outside = True
    if outside:
        raise InputError(rel, f"this is a link to a file outside {_shown(home, root)}; it is not read",
                         hint="copy the document itself into content/sources/")
    try:
        size = path.stat().st_size
    except OSError as err:
        raise InputError(rel, f"cannot read the file ({err.strerror})",
                         hint="check that it exists and is readable") from None
    if size > decode.MAX_BYTES:
        raise InputError(rel, f"the file is {size / 1e6:.1f} MB, over the {decode.MAX_BYTES // (1024 * 1024)} MB limit",
                         hint="save only the article text, or split it")
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise InputError(rel, f"cannot read the file ({err.strerror})", hint="check its permissions") from None
    if not raw.strip(b" \t\r\n\x00\x0b\x0c"):
        raise InputError(rel, "the file is empty (or only white space)",
                         hint="paste the article text into it, or delete it")
    return raw


def _shown(folder: Path, root: Path) -> str:
    try:
        return Path(os.path.relpath(folder, os.path.abspath(root))).as_posix() + "/"
    except ValueError:
        return folder.name + "/"


def _guess_languages(text: str) -> list[str]:
    lang = segment.detect_language(text[:3000])
    out = [lang] if lang else []
    if "en" not in out:
        out.append("en")
    return out


def _header_and_boilerplate(text: str, body_start: int, title: Optional[str] = None) -> tuple[Header, list[Span]]:
    """The header the body (from `body_start`) states, and its boilerplate and header spans
    (`title`: the one front matter or HTML gives, which the body may repeat as its first line)."""
    lines = [ln for ln in split_lines(text) if ln.start >= body_start]
    languages = _guess_languages(text[body_start:])
    line_spans = find_boilerplate(text, lines, None)
    furniture = {s.start for s in line_spans}
    header = read_header(text, lines, languages, furniture)
    key = _title_key(title) if title else None
    repeated = next((ln for ln in lines[:10] if key and _title_key(ln.text) == key), None)
    if repeated is not None:  # the known title, repeated as the body's first line: no prose
        header.spans.append(Span(repeated.start, repeated.end, "header"))
        if header.title_line is None:
            header.title_line = repeated.start
    # Recompute repeats now that the title line is known ("header" for a repeated headline).
    line_spans = find_boilerplate(text, lines, header.title_line)
    return header, line_spans + header.spans


#: A day in a web address: "/2020/08/06/", "/2023-02-07/", "/202302/07/" (year 1990-2099).
_URL_DAY = re.compile(r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?=[/_.-]|$)")


def url_day(url: Optional[str]) -> Optional[str]:
    """The day a web address names in its path (news sites file articles by day), or None."""
    m = _URL_DAY.search(url or "")
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


def _title_key(text: str) -> str:
    """A title as compared: case, spacing, quote forms and a Markdown heading mark aside."""
    return " ".join(fold_str(text).strip().lstrip("#").split())


def _source(path: Path, rel: str, raw: bytes, encoding: str, meta: dict, header: Header,
            spans: list[Span]) -> Source:
    """The Source record: metadata the file declares (HTML, front matter) wins over its header."""
    def pick(key, value):
        return meta.get(key) if meta.get(key) is not None else value

    published = pick("published", header.published)
    precision = meta.get("precision") if meta.get("published") is not None else header.precision
    if published is None:  # undated: the day its own address gives ("/2020/08/06/"), if it gives one
        published = url_day(pick("url", header.url))
        precision = "day" if published else None
    return Source(
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
        boilerplate=merge_spans(spans),
    )


def _front_matter_problem(text: str, rel: str) -> list[str]:
    """A note when the text opens with front matter that could not be read (its fields unused)."""
    m = _FRONT.match(text)
    if not m:
        return []
    try:
        load_yaml_text(m.group(1), rel)
    except DossierError as err:
        line = f" (line {err.line + 1} of the file)" if err.line else ""
        return [f"the front matter could not be read{line}: {err.message}; its title, date and other fields "
                "were not used"]
    return ["the front matter is not a list of 'field: value' lines; its fields were not used"]


def _capped(text: str, notes: list[str]) -> str:
    """The text, or its first MAX_TEXT characters cut at a line end (else a space), noted."""
    if len(text) <= MAX_TEXT:
        return text
    cut = text.rfind("\n", MAX_TEXT // 2, MAX_TEXT)
    if cut < 0:
        cut = text.rfind(" ", MAX_TEXT // 2, MAX_TEXT)
    cut = cut if cut > 0 else MAX_TEXT
    notes.append(f"too long to extract in full: the first {cut:,} of its {len(text):,} characters were read")
    return text[:cut]


def load_document(path: Path, root: Path) -> Document:
    """Read one document into a Document (text, Source metadata, boilerplate spans).

    Raises InputError naming the file when it is binary, empty, too big or unreadable.
    """
    path = Path(path)
    rel = rel_path(path, root)
    raw = _read_bytes(path, root, rel)
    is_html = path.suffix.lower() in HTML_SUFFIXES
    decoded, encoding = decode.decode_bytes(raw, rel, decode.declared_charset(raw) if is_html else None)
    if not decoded.strip():
        raise InputError(rel, "the file contains only white space", hint="paste the article text into it, or delete it")

    spans: list[Span] = []
    notes: list[str] = []
    front_span = None
    if is_html:
        text, meta = _html_article(decoded, rel, notes)
        text = _capped(text, notes)
    else:
        text, meta = _capped(decoded, notes), {}
        front, front_span = front_matter(text)
        if front_span:
            spans.append(front_span)
            meta = front_matter_meta(front)
        else:
            notes.extend(_front_matter_problem(text, rel))
    header, found = _header_and_boilerplate(text, front_span.end if front_span else 0, meta_str(meta.get("title")))
    spans.extend(found)
    source = _source(path, rel, raw, encoding, meta, header, spans)
    source.notes = notes
    try:
        apply_sidecar(source, read_sidecar(path, root))
    except DossierError:
        pass  # a broken sidecar is reported by extraction's curation step and `dossier check`
    return Document(source=source, text=text)
