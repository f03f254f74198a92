"""Markup helpers every page uses: escaping, direction, paths and links, labels, tables, paging.

Every string that comes from a document or a record (quotes, names, titles, statements) goes
through `esc`, which turns it into inert text: HTML-escaped, Markdown/Jinja punctuation as
numeric entities, bidi controls removed. Links between pages are relative Markdown links
(`../actors/x.md`) so MkDocs checks and rewrites them; raw HTML blocks use `markdown="span"`
cells (md_in_html) so their links are Markdown links too.
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from typing import Callable, Optional

from dossier.model import Evidence, Source
from dossier.text import RTL_SCRIPTS, is_rtl
from dossier.text.languages import TABLE as LANGUAGES


#: Bidi embedding/override/isolate controls: they could reorder the text around them.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

# Removed outright: bidi controls and C0/C1 controls other than tab and newline.
_DROP = {ord(c): None for c in BIDI_CONTROLS}
_DROP.update({c: None for c in range(0x00, 0x20) if c not in (0x09, 0x0A)})
_DROP.update({c: None for c in range(0x7F, 0xA0)})

# HTML-significant plus Markdown/Jinja-significant characters, written as numeric entities
# so neither Markdown, attr_list, Jinja nor an HTML parser can read them as syntax.
ENTITIES = {ord(c): f"&#{ord(c)};" for c in "&<>\"'\\`*_{}[]()#|!~^"}


# The same sets as patterns: most text has none of them, and a search is cheaper than a
# translation that changes nothing.
_HAS_DROP = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_DROP)) + "]")
_HAS_ENTITY = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(ENTITIES)) + "]")


def clean(text: Optional[str]) -> str:
    """`text` without bidi and other control characters (tab and newline kept)."""
    text = text or ""
    return text.translate(_DROP) if _HAS_DROP.search(text) else text


@lru_cache(maxsize=1 << 16)
def esc(text: Optional[str]) -> str:
    """Inert inline text: safe in Markdown, in raw HTML and in attribute values; one line."""
    flat = " ".join(clean(text).replace("\r", "\n").split())
    return flat.translate(ENTITIES) if _HAS_ENTITY.search(flat) else flat


_SPACES = re.compile(r"[ \t\f\v\u00a0]+")


def esc_keep_lines(text: str) -> str:
    """Like `esc`, but keeps line breaks (as `<br>`) and spacing inside a line."""
    lines = clean(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # Runs of spaces collapse to one, but edge spaces stay: pieces are joined back together.
    return "<br>\n".join(_SPACES.sub(" ", line).translate(ENTITIES) for line in lines)


RECORD_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")

KIND_DIRS = ("claims", "actors", "sources")


def page_path(kind: str, record_id: str) -> str:
    """Docs-relative path of a record's page, e.g. 'claims/<id>.md'."""
    # A record called 'index' must not replace the section index page ('_' is never in ids).
    stem = "_index" if record_id == "index" else record_id
    return f"{kind}/{stem}.md"


def relpath(to_page: str, from_page: str) -> str:
    """`to_page` relative to the folder of `from_page` (both docs-relative, normalised).

    What `posixpath.relpath(to_page, dirname(from_page))` gives, without its trips through
    the current directory: a site links tens of thousands of times.
    """
    here = from_page.split("/")[:-1]
    there = to_page.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def rel_url(from_page: str, to_page: str, anchor: Optional[str] = None) -> str:
    """Relative URL from one docs page to another (MkDocs rewrites .md to the final URL)."""
    href = relpath(to_page, from_page)
    return f"{href}#{anchor}" if anchor else href


def link(text: str, from_page: str, to_page: str, anchor: Optional[str] = None) -> str:
    return f"[{text}]({rel_url(from_page, to_page, anchor)})"


def citation_anchor(ev: Evidence) -> str:
    """Anchor id of an evidence item on its source's citations page."""
    return f"c-{ev.source}-{ev.start}-{ev.end}"


def citations_page(source_id: str) -> str:
    """Docs path of one source's citations page: 'citations/<source id>.md'.

    One page per source keeps every citation anchor on the same page however many
    documents the dossier gains, and each page as long as one document's quotes.
    """
    return page_path("citations", source_id)


def evidence_page(claim_id: str, number: int) -> str:
    """Docs path of page `number` (from 1) of a claim's full evidence list.

    In a folder named after the claim, so no claim id can collide with it.
    """
    stem = page_path("claims", claim_id)[:-3]
    return f"{stem}/evidence-{number}.md"


def quote_anchor(ev: Evidence) -> str:
    """Anchor id of a quoted passage on its source page."""
    return f"q-{ev.start}-{ev.end}"


def evidence_anchor(ev: Evidence) -> str:
    """Anchor id of an evidence row on its claim page."""
    return f"e-{ev.source}-{ev.start}-{ev.end}"


@lru_cache(maxsize=256)
def language_name(code: Optional[str]) -> str:
    """English name of an ISO 639-1 code via ICU ('Turkish'), the code itself if unknown."""
    if not code:
        return "unknown"
    try:
        import icu  # deferred: heavy, and optional

        name = icu.Locale(code).getDisplayLanguage(icu.Locale("en"))
    except Exception:  # ICU missing or odd code: the code is still informative
        name = code
    return name if name and name != code else code


def lang_label(code: Optional[str]) -> str:
    name = language_name(code)
    return esc(name if not code or name == code else f"{name} ({code})")


#: Whether each language the dossier reads is written right to left (from its script).
_LANG_RTL = {lang.code: lang.script in RTL_SCRIPTS for lang in LANGUAGES}


#: A letter written right to left / left to right (the scripts the dossier reads).
_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_LTR_LETTER = re.compile("[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u052f\u1e00-\u1eff]")


def direction(text: str, lang: Optional[str] = None) -> str:
    """'rtl' or 'ltr' for a piece of text in language `lang` (None: unknown).

    Text in one direction gets it, as the bidi algorithm (and HTML's dir="auto") decides by
    the first strong character. Mixed text (an English statement opening with an Arabic
    name, an Arabic headline quoting a Latin brand) runs in the direction of its language
    when that is known: the first letter alone would lay an English sentence out right to
    left, reversed. The other-direction runs inside are still ordered by the bidi algorithm.
    """
    first = None
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            first = "rtl"
            break
        if kind == "L":
            first = "ltr"
            break
    if first is None:
        return "rtl" if is_rtl(text) else "ltr"
    code = lang.split("-")[0] if lang else None
    if code in _LANG_RTL and ("rtl" if _LANG_RTL[code] else "ltr") != first:
        # The language's own direction, when the text has letters of it too (mixed).
        if (_RTL_LETTER if _LANG_RTL[code] else _LTR_LETTER).search(text):
            return "rtl" if _LANG_RTL[code] else "ltr"
    return first


def dir_attrs(text: str, lang: Optional[str]) -> str:
    """`dir="rtl|ltr" lang=".."` attributes for a piece of original-language text."""
    attrs = f'dir="{direction(text, lang)}"'
    if lang and re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", lang):
        attrs += f' lang="{lang}"'
    return attrs


def _plain(text: str, lang: Optional[str]) -> bool:
    """True for left-to-right text in English or of unknown language: needs no markup."""
    return direction(text, lang) == "ltr" and not is_rtl(text) and (not lang or lang == "en")


def bidi(text: Optional[str], lang: Optional[str] = None) -> str:
    """Escaped inline text, isolated in `<bdi dir lang>` when it is RTL or not English.

    The isolation keeps an Arabic statement's punctuation where it belongs inside an
    English sentence or list, and tells browsers and screen readers its language.
    """
    text = text or ""
    if _plain(text, lang):
        return esc(text)
    return f"<bdi {dir_attrs(text, lang)}>{esc(text)}</bdi>"


def heading(level: int, text: str, lang: Optional[str]) -> str:
    """A Markdown heading; non-English text gets its own dir/lang (attr_list syntax)."""
    head = f"{'#' * level} {esc(text)}"
    return head if _plain(text, lang) else f"{head} {{: {dir_attrs(text, lang)} }}"


def badge(status: str) -> str:
    cls = re.sub(r"[^a-z-]", "", status or "")
    return f'<span class="dossier-badge dossier-badge--{cls}" lang="en">{esc(status)}</span>'


def published_label(source: Optional[Source]) -> str:
    if source is None or not source.published:
        return "undated"
    return esc(source.published)


def titled(markdown: str, tags: Optional[list[str]] = None, search_exclude: bool = False) -> str:
    """Prefix a page with front matter whose title is its (already escaped) H1.

    MkDocs/Material print `page.title` into <title> and the header without escaping, and
    a title taken from the H1 would have its entities decoded: the front-matter title keeps
    them, so source text can never become markup there. `tags` (an actor's spellings) go
    to Material's search index, whose tag field outranks all text: searching any spelling
    of a name finds the actor's page first. No theme template shows them without the tags
    plugin; they are stripped of markup characters all the same. `search_exclude` keeps a
    page that only repeats quotes out of Material's search index (`search: exclude: true`).
    """
    first = markdown.split("\n", 1)[0]
    if not first.startswith("# "):
        return markdown
    title = first[2:].split(" {: ", 1)[0]  # escaped text never holds "{": this is attr_list
    meta = f"title: {json.dumps(title, ensure_ascii=False)}\n"
    names = sorted({n for n in (_search_term(t) for t in tags or []) if n}, key=lambda n: (n.casefold(), n))
    if names:
        meta += f"tags: {json.dumps(names, ensure_ascii=False)}\n"  # JSON is YAML
    if search_exclude:
        meta += "search:\n  exclude: true\n"
    return f"---\n{meta}---\n\n{markdown}"


_MARKUP_CHARS = re.compile("[" + re.escape("&<>\"'\\`*_{}[]()#|!~^") + "]")


def _search_term(name: str) -> str:
    """A name as plain words for the search index: markup characters become spaces."""
    return " ".join(_MARKUP_CHARS.sub(" ", clean(name)).split())


def counted(n: int, word: str, plural: Optional[str] = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def stance_badge(ev: Evidence) -> str:
    cls = re.sub(r"[^a-z-]", "", ev.stance or "")
    return f'<span class="dossier-stance dossier-stance--{cls}">{esc(ev.stance)}</span>'


def permalink(anchor: str, label: str) -> str:
    return f'<a class="dossier-permalink" href="#{anchor}" title="Permalink to this {label}">¶</a>'


def url_link(url: Optional[str]) -> str:
    """A clickable link for http(s) URLs only; anything else (javascript:, data:) stays text."""
    if not url:
        return "—"
    if re.fullmatch(r"https?://[^\s<>\"'`]+", url):
        return f'<a href="{esc(url)}" rel="nofollow noopener">{esc(url)}</a>'
    return f"<code>{esc(url)}</code>"


def chunked(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def pager(here: str, number: int, pages: int, page_of: Callable[[int], str], what: str) -> str:
    """'Page 2 of 7 of <what>: previous · next' links between the pages of one list."""
    nav = [link("previous", here, page_of(number - 1))] if number > 1 else []
    nav += [link("next", here, page_of(number + 1))] if number < pages else []
    return f"Page {number} of {pages} of {what}: " + " · ".join(nav)


#: Markdown bytes of one page of a long document's text or citations (the theme adds about
#: 15 KB): every page stays under the 100 KB page bound.
PAGE_BYTES = 60_000


def packed(sizes: list[int], budget: int, first_budget: Optional[int] = None) -> list[int]:
    """The index of the first item of each page, items of `sizes` bytes filling pages of
    `budget` in order (the first page: `first_budget`); an item over budget gets a page alone."""
    starts, used = [0], 0
    room = budget if first_budget is None else first_budget
    for i, size in enumerate(sizes):
        if used and used + size > room:
            starts.append(i)
            used, room = 0, budget
        used += size
    return starts


def td_attrs(extra: str, header: str) -> str:
    """A table cell's attributes as the `cards` macro writes them: its own, then the column's
    label (markup stripped) that narrow screens show beside the value."""
    label = f'data-label="{esc(re.sub("<[^>]+>", "", header))}"'
    return f"{extra} {label}" if extra else label
