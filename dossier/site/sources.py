"""Source pages: a document's metadata, claims, and its text with quotes and boilerplate marked.

A long document's text continues on pages of its own (`text_page`), cut at paragraph ends
(a paragraph over UNIT_CHARS at sentence ends) under PAGE_BYTES each. Every link to a quote
asks `quote_page` which page holds it.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any, Optional

from dossier.model import Claim, Evidence, Source
from dossier.site.common import (
    PAGE_BYTES, citations_page, clean, counted, dir_attrs, esc, esc_keep_lines, heading, lang_label, link, packed,
    page_path, pager, rel_url, td_attrs, titled, url_link)
from dossier.site.prepared import Site, actor_ref, claim_item, prepare, source_label, source_ref
from dossier.site.templates import markup, render as render_template


_PARA_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE_BREAK = re.compile(r"\r?\n\s*|\r\s*")
#: Where a sentence ends inside a long paragraph (the space after it).
_SENTENCE_END = re.compile(r"[.!?؟。…][\"'”’»)\]]*\s+")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, trimmed: stretches separated by blank lines.

    A document without any blank line (saved articles often put one paragraph per line)
    is split at every line break instead, so it does not render as one wall of text.
    """
    out, pos = [], 0
    breaks = _PARA_BREAK if _PARA_BREAK.search(text) else _LINE_BREAK
    for m in list(breaks.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if trail > lead:
            out.append((pos + lead, pos + trail))
        if m:
            pos = m.end()
    return out


#: Characters of one paragraph as rendered; a longer one is cut at sentence ends (else at a
#: space) outside quotes, so a page break can fall inside it.
UNIT_CHARS = 6_000


def _units(text: str, quotes: list["_Quote"]) -> list[tuple[int, int]]:
    """The paragraphs, those over UNIT_CHARS cut into pieces, as (start, end) in text order."""
    inside = _Covered([(q.start, q.end) for q in quotes])
    out = []
    for start, end in _paragraphs(text):
        while end - start > UNIT_CHARS:
            cut = _cut(text, start, start + UNIT_CHARS, inside)
            piece = text[start:cut].rstrip()
            if piece:
                out.append((start, start + len(piece)))
            rest = text[cut:end]
            start = cut + len(rest) - len(rest.lstrip())
        if end > start:
            out.append((start, end))
    return out


def _cut(text: str, lo: int, hi: int, inside: "_Covered") -> int:
    """The last sentence end in text[lo + half : hi] outside any quote, else the last space,
    else `hi`."""
    window = text[lo + (hi - lo) // 2:hi]
    base = hi - len(window)
    ends = [base + m.end() for m in _SENTENCE_END.finditer(window)]
    spaces = [base + m.end() for m in re.finditer(r"\s+", window)]
    for points in (ends, spaces):
        for x in reversed(points):
            if not inside(x):
                return x
    return hi


class _Covered:
    """Whether an offset falls strictly inside one of some (start, end) spans."""

    def __init__(self, spans: list[tuple[int, int]]):
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.spans = merged

    def __call__(self, x: int) -> bool:
        i = bisect.bisect_right(self.starts, x) - 1
        return i >= 0 and self.spans[i][0] < x < self.spans[i][1]


@dataclass
class _Quote:
    start: int
    end: int
    claims: list[Claim]


def _text_quotes(site: Site, source: Source, text: str) -> tuple[list[_Quote], list[Evidence]]:
    """Quotes whose offsets still match `text` (merged per span), and those that do not."""
    spans: dict[tuple[int, int], list[Claim]] = {}
    stale: list[Evidence] = []
    for ev, claim in site.evidence_by_source.get(source.id, []):
        if 0 <= ev.start < ev.end <= len(text) and text[ev.start:ev.end] == ev.quote:
            claims = spans.setdefault((ev.start, ev.end), [])
            if claim not in claims:
                claims.append(claim)
        else:
            stale.append(ev)
    return [_Quote(s, e, c) for (s, e), c in sorted(spans.items())], stale


@dataclass
class _Layout:
    """A source's text as units (paragraphs or pieces of one) and the pages they fall on."""
    units: list[tuple[int, int]] = field(default_factory=list)
    first_units: list[int] = field(default_factory=lambda: [0])  # each page's first unit
    quotes: list[_Quote] = field(default_factory=list)
    stale: list[Evidence] = field(default_factory=list)
    boilerplate: list[tuple[int, int, str]] = field(default_factory=list)
    longest: int = 0  # the longest quote, for finding a unit's quotes by their starts
    unit_starts: list[int] = field(default_factory=list)
    quote_starts: list[int] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return len(self.first_units)

    def page_units(self, number: int) -> list[tuple[int, int]]:
        ends = self.first_units[1:] + [len(self.units)]
        return self.units[self.first_units[number - 1]:ends[number - 1]]

    def page_of(self, offset: int) -> int:
        """The page (from 1) holding the character at `offset`; 1 before the first unit."""
        unit = bisect.bisect_right(self.unit_starts, offset) - 1
        return max(1, bisect.bisect_right(self.first_units, max(unit, 0)))

    def unit_quotes(self, start: int, end: int) -> list[_Quote]:
        starts = self.quote_starts
        lo, hi = bisect.bisect_left(starts, start - self.longest), bisect.bisect_left(starts, end)
        return [q for q in self.quotes[lo:hi] if q.end > start]


def text_page(source_id: str, number: int) -> str:
    """Docs path of page `number` of a source's text: its own page for 1, else
    'sources/<id>/text-<number>.md', in a folder named after the source (no id collides)."""
    home = page_path("sources", source_id)
    return home if number == 1 else f"{home[:-3]}/text-{number}.md"


def _layout(site: Site, source: Source) -> _Layout:
    """The units and pages of a source's text, computed once per build (links to quotes
    from every page kind need it)."""
    key = f"source-text/{source.id}"
    if key in site.memo:
        return site.memo[key]
    text = site.texts.get(source.id)
    layout = _Layout()
    if text is not None:
        layout.quotes, layout.stale = _text_quotes(site, source, text)
        layout.longest = max((q.end - q.start for q in layout.quotes), default=0)
        layout.quote_starts = [q.start for q in layout.quotes]
        layout.boilerplate = sorted((b.start, b.end, b.kind) for b in source.boilerplate
                                    if 0 <= b.start < b.end <= len(text))
        layout.units = _units(text, layout.quotes)
        layout.unit_starts = [s for s, _ in layout.units]
        # Measured as the deeper pages link (`../../claims/...`): the first page is no longer.
        deep = text_page(source.id, 2)
        sizes = [_unit_bytes(_pieces(site, source, text, layout, u, deep)) for u in layout.units]
        header = _header_bytes(site, source)
        if sum(sizes) + header > PAGE_BYTES:
            layout.first_units = packed(sizes, PAGE_BYTES, PAGE_BYTES - header)
    site.memo[key] = layout
    return layout


def quote_page(site: Site, source_id: str, offset: int) -> str:
    """Docs path of the page of a source's text that holds `offset` (a quote's start): where
    every "in context" link points."""
    source = site.sources.get(source_id)
    if source is None:
        return page_path("sources", source_id)
    return text_page(source_id, _layout(site, source).page_of(offset))


def _pieces(site: Site, source: Source, text: str, layout: _Layout, unit: tuple[int, int], here: str
            ) -> list[dict[str, Any]]:
    """A paragraph cut where quotes and boilerplate begin and end: each piece's escaped text,
    its quote (anchors, the claims' statements, links) and its boilerplate kind, by offsets."""
    p_start, p_end = unit
    quotes = layout.unit_quotes(p_start, p_end)
    spans = [sp for sp in layout.boilerplate if sp[0] < p_end and sp[1] > p_start]
    cuts = {p_start, p_end}
    for q in quotes:
        cuts.update(x for x in (q.start, q.end) if p_start < x < p_end)
    for s, e, _ in spans:
        cuts.update(x for x in (s, e) if p_start < x < p_end)
    points = sorted(cuts)
    pieces = []
    for a, b in zip(points, points[1:]):
        active = [q for q in quotes if q.start <= a and b <= q.end]
        bp = [sp for sp in spans if sp[0] <= a and b <= sp[1]]
        piece: dict[str, Any] = {"text": markup(esc_keep_lines(text[a:b])), "quote": None,
                                 "kind": bp[-1][2] if bp else None, "label": any(sp[0] == a for sp in bp)}
        if active:
            q = active[-1]  # the innermost quote (latest start) decides the link
            ids = [f"q-{x.start}-{x.end}" for x in active if x.start == a]
            piece["quote"] = {
                "id": ids[0] if ids else None, "anchors": ids[1:],
                "title": " / ".join(clean(c.statement) for x in active for c in x.claims),
                "href": markup(rel_url(here, page_path("claims", q.claims[0].id))),
                "more": [(i + 2, markup(rel_url(here, page_path("claims", c.id))))
                         for i, c in enumerate(q.claims[1:])] if b == q.end else []}
        pieces.append(piece)
    return pieces


def _unit_bytes(pieces: list[dict[str, Any]]) -> int:
    """About the bytes source_paragraph.html makes of `pieces`, a little over (the package's
    template): pages are cut by this sum, so the text is rendered only once, for its page."""
    size = 50  # <p dir=... lang=... markdown="span"></p> and the line break
    for p in pieces:
        size += len(p["text"].encode("utf-8"))
        if p["kind"]:
            size += 60 + (2 * len(p["kind"]) + 50 if p["label"] else len(p["kind"]))
        q = p["quote"]
        if q:
            size += 70 + len(q["id"] or "") + sum(len(a) + 20 for a in q["anchors"]) + len(q["href"]) \
                + len(esc(q["title"]).encode("utf-8")) + sum(len(h) + 20 for _, h in q["more"])
    return size


def _render_unit(site: Site, source: Source, text: str, layout: _Layout, unit: tuple[int, int], here: str) -> str:
    """One paragraph (or piece of one) through source_paragraph.html: quotes marked and linked
    to their claims (an anchor `q-<start>-<end>` where each begins), boilerplate muted, by offsets."""
    return render_template(site.templates, "source_paragraph.html",
                           attrs=markup(dir_attrs(text[unit[0]:unit[1]], source.language)),
                           pieces=_pieces(site, source, text, layout, unit, here)).rstrip("\n")


def _render_text(site: Site, source: Source, text: str, number: int) -> str:
    """Page `number` of the document text as paragraphs."""
    layout = _layout(site, source)
    here = text_page(source.id, number)
    return "\n".join(_render_unit(site, source, text, layout, u, here) for u in layout.page_units(number))


#: The rows of a source's metadata the search index holds.
SEARCHED_FIELDS = ("Address", "Author")  # outlet and title are in the page's title
#: Claims listed on a source page; a longer list is on the source's citations page.
SOURCE_CLAIMS_SHOWN = 100


def _derivation(site: Site, source: Source, here: str) -> list[tuple[str, str]]:
    """'Translation of' / 'Derived from' rows when the record says the document is not an
    original (such a source never counts as an independent origin)."""
    out = []
    for field_name, label in (("translation_of", "Translation of"), ("derived_from", "Derived from")):
        value = getattr(source, field_name, None)
        ids = [value] if isinstance(value, str) else list(value or [])
        if ids:
            out.append((label, ", ".join(source_ref(site, i, here) for i in ids)))
    return out


def _meta(site: Site, source: Source, here: str) -> list[dict]:
    """The metadata rows, provenance first: who published it, where, when, when it was
    retrieved, an archived copy; then what it is; the file's path, checksum and encoding last."""
    langs = source.languages or ([source.language] if source.language else [])
    cites = ", ".join(actor_ref(site, a, here) for a in sorted(set(source.cites))) or "—"
    meta = [
        ("Outlet", esc(source.publisher) or "—"),
        ("Address", url_link(source.url)),
        ("Published", (f"{esc(source.published)} <small>(precision: {esc(source.published_precision or '?')})</small>"
                       if source.published else "unknown")),
        ("Retrieved", esc(getattr(source, "retrieved", None)) or "not recorded"),
        ("Archived copy", url_link(source.archived_url) if source.archived_url else "none recorded"),
        *_derivation(site, source, here),
        ("Title", esc(source.title) or "—"),
        ("Author", esc(source.author) or "—"),
        ("Language", lang_label(source.language)),
        ("Languages found", ", ".join(lang_label(c) for c in langs) or "—"),
        ("Cites", cites),
        ("Path", f"<code>{esc(source.path)}</code>"),
        ("SHA-256", f"<code>{esc(source.sha256)}</code>"),
        ("Encoding", esc(source.encoding) or "—"),
    ]
    # Checksum, path and encoding are not worth searching for: kept out of the index.
    # Only what a reader searches for (outlet, address, title, author) is indexed.
    rows = []
    for k, v in meta:
        value_attrs = dir_attrs(source.title or "", source.language) if k == "Title" else \
            "" if k in SEARCHED_FIELDS else "data-search-exclude"
        rows.append({"id": None, "cells": [
            (markup(td_attrs("" if k in SEARCHED_FIELDS else "data-search-exclude", "Field")), markup(k)),
            (markup(td_attrs(value_attrs, "Value")), markup(v))]})
    return rows


def _claims(site: Site, source: Source) -> list[Claim]:
    claims: list[Claim] = []
    for _, claim in site.evidence_by_source.get(source.id, []):
        if claim not in claims:
            claims.append(claim)
    return sorted(claims, key=lambda c: c.id)


def _claim_list(site: Site, source: Source, here: str) -> tuple[str, str]:
    """The claims the source supports (the first SOURCE_CLAIMS_SHOWN), and where the rest are."""
    claims = _claims(site, source)
    items = "\n".join(claim_item(site, c, here) for c in claims[:SOURCE_CLAIMS_SHOWN])
    more = ""
    if len(claims) > SOURCE_CLAIMS_SHOWN:  # a long document: every passage is on its citations page
        more = (f"- <small>and {len(claims) - SOURCE_CLAIMS_SHOWN} more, each with its passage: "
                f"{link('the citations of this source', here, citations_page(source.id))}</small>")
    return items, more


def _header_bytes(site: Site, source: Source) -> int:
    """About how much of the first page the metadata and the claim list take."""
    items, more = _claim_list(site, source, page_path("sources", source.id))
    return 6_000 + len(items.encode("utf-8")) + len(more.encode("utf-8"))


def _text_pager(source: Source, number: int, pages: int) -> str:
    here = text_page(source.id, number)
    return pager(here, number, pages, lambda k: text_page(source.id, k), "the text") if pages > 1 else ""


def render_source(source: Source, text: Optional[str], records: Any) -> str:
    """The page of one document (template source.html): metadata, claims it supports, and
    its marked-up text (the first page of it, for a long document)."""
    site = prepare(records)
    if text is not None and source.id not in site.texts:  # a caller's own text: laid out like the site's
        site.texts[source.id] = text
    here = page_path("sources", source.id)
    title = source_label(source)
    items, more = _claim_list(site, source, here)
    layout = _layout(site, source) if text is not None else _Layout()
    page = render_template(
        site.templates, "source.html", source=source, title=title,
        title_attrs=_title_attrs(title, source.language), meta=_meta(site, source, here),
        claims=markup(items), claims_more=markup(more), text_missing=text is None,
        stale=counted(len(layout.stale), "quote") if layout.stale else "",
        legend=bool(source.boilerplate), text_attrs=markup(dir_attrs(text or "", source.language)),
        text=markup(_render_text(site, source, text, 1)) if text is not None else "",
        pager=markup(_text_pager(source, 1, layout.pages)))
    return titled(page.rstrip("\n") + "\n")


def _title_attrs(title: str, lang: Optional[str]) -> Any:
    """dir/lang attributes of a non-English heading (attr_list), as `heading` writes them."""
    head = heading(1, title, lang)
    return markup(head.split(" {: ", 1)[1][:-2]) if " {: " in head else ""


def source_text_pages(source: Source, records: Any) -> dict[str, str]:
    """The pages after the first of a long document's text (template source_text.html);
    out of the search index, like the text itself."""
    site = prepare(records)
    text = site.texts.get(source.id)
    if text is None:
        return {}
    layout = _layout(site, source)
    out = {}
    for number in range(2, layout.pages + 1):
        here = text_page(source.id, number)
        title = f"{source_label(source)}: text, page {number} of {layout.pages}"
        out[here] = titled(render_template(
            site.templates, "source_text.html", source=source, title=title,
            title_attrs=_title_attrs(title, source.language),
            back=markup(link("the source's page", here, page_path("sources", source.id))),
            pager=markup(_text_pager(source, number, layout.pages)),
            text_attrs=markup(dir_attrs(text, source.language)),
            text=markup(_render_text(site, source, text, number))), search_exclude=True)
    return out
