"""The citations index, its list pages, and the pages of quoted passages of each source.

A source's passages fill pages of PAGE_BYTES (`source_citations_page`); every link to a
citation asks `citation_page` which page holds it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from dossier.model import Claim, Evidence, Source
from dossier.site.common import (
    PAGE_BYTES, chunked, citation_anchor, citations_page, counted, dir_attrs, esc, heading, lang_label, link, packed,
    pager, permalink, published_label, quote_anchor, stance_badge, td_attrs, titled)
from dossier.site.prepared import Site, actor_ref, claim_ref, prepare, shown_value, source_label, source_ref
from dossier.site.sources import quote_page
from dossier.site.templates import markup, render as render_template


_CITATION_HEADERS = ['<span data-sort="text">Source</span>', '<span data-sort="date">Published</span>',
                     '<span data-sort="date">Event date</span>', "Quote (original language)", "Supports"]
_INDEX_HEADERS = ['<span data-sort="text">Source</span>', '<span data-sort="date">Published</span>',
                  "Language", '<span data-sort="number">Passages</span>']


def render_citations(records: Any) -> str:
    """The citations index (template citations.html): one row per quoting source (oldest
    first), sortable by date; a large dossier lists its sources on list pages.

    Each source's passages are on its own pages (`citations_page`), so a citation's anchor
    never moves for other documents, and no page grows with the number of documents but
    this one, by one row. Without JavaScript the rows stay as written; `assets/dossier.js`
    turns the headers marked `data-sort` into sort buttons.
    """
    site = prepare(records)
    here = "citations.md"
    sources = _quoting_sources(site)
    chunks = _citation_chunks(sources)
    lists = []
    if len(chunks) > 1:  # a large dossier: the sources in date order, CITATION_SOURCES_PER_PAGE to a list page
        lists = [{"link": markup(link(f"{published_label(chunk[0])} to {published_label(chunk[-1])}", here,
                                      citations_list_page(k))),
                  "sources": counted(len(chunk), "source"),
                  "passages": counted(sum(_passages(site, s.id) for s in chunk), "passage")}
                 for k, chunk in enumerate(chunks, 1)]
    page = render_template(
        site.templates, "citations.html", sources=len(sources),
        summary=f"{counted(sum(_passages(site, s.id) for s in sources), 'quoted passage')} "
                f"from {counted(len(sources), 'source')}.",
        headers=[markup(h) for h in _INDEX_HEADERS],
        rows=_citation_index_rows(site, sources, here) if len(chunks) == 1 else [], lists=lists)
    return titled(page.rstrip("\n") + "\n")


#: Sources listed on one page of the citations index (a larger dossier gets list pages).
CITATION_SOURCES_PER_PAGE = 200


def citations_list_page(number: int) -> str:
    """Docs path of list page `number` (from 1) of the citations index ('_' is never in ids)."""
    return f"citations/_sources-{number}.md"


def _quoting_sources(site: Site) -> list[Source]:
    return [s for s in site.sorted_sources() if site.evidence_by_source.get(s.id)]


def _passages(site: Site, source_id: str) -> int:
    return len({(ev.start, ev.end) for ev, _ in site.evidence_by_source.get(source_id, [])})


def _citation_chunks(sources: list[Source]) -> list[list[Source]]:
    return chunked(sources, CITATION_SOURCES_PER_PAGE)


def citations_list_count(site: Site) -> int:
    """How many list pages the citations index has (1: it lists every source itself)."""
    return len(_citation_chunks(_quoting_sources(site)))


def _citation_index_rows(site: Site, sources: list[Source], here: str) -> list[dict]:
    """One row per source: its citations page, date, language and passage count; sortable."""
    rows = []
    for source in sources:
        n = _passages(site, source.id)
        order = f"{source.published or '9999'}|{source.id}"
        label = site.short_labels.get(source.id) or source_label(source)
        cells = [(f'data-value="{esc(label)}|{order}"',
                  link(f"<bdi>{esc(label)}</bdi>", here, citations_page(source.id))),
                 (f'data-value="{order}"', published_label(source)), ("", lang_label(source.language)),
                 (f'data-value="{n:09d}|{order}"', str(n))]
        rows.append(_row(None, cells, _INDEX_HEADERS))
    return rows


def _row(row_id: Any, cells: list[tuple[str, str]], headers: list[str]) -> dict:
    """A row for the table macro: each cell's attributes (with its column label) and Markdown."""
    return {"id": row_id,
            "cells": [(markup(td_attrs(attrs, h)), markup(html)) for (attrs, html), h in zip(cells, headers)]}


def render_citations_list(records: Any, number: int) -> str:
    """List page `number` of a large citations index (template citations_list.html): its
    sources, sortable; not searched."""
    site = prepare(records)
    here = citations_list_page(number)
    chunks = _citation_chunks(_quoting_sources(site))
    chunk = chunks[number - 1]
    nav = [link("All citations", here, "citations.md")]
    if number > 1:
        nav.append(link("previous", here, citations_list_page(number - 1)))
    if number < len(chunks):
        nav.append(link("next", here, citations_list_page(number + 1)))
    page = render_template(
        site.templates, "citations_list.html", number=number, pages=len(chunks), nav=markup(" · ".join(nav)),
        summary=markup(f"{counted(len(chunk), 'source')} published {published_label(chunk[0])} "
                       f"to {published_label(chunk[-1])}."),
        headers=[markup(h) for h in _INDEX_HEADERS], rows=_citation_index_rows(site, chunk, here))
    return titled(page.rstrip("\n") + "\n", search_exclude=True)


def source_citations_page(source_id: str, number: int) -> str:
    """Docs path of page `number` of a source's citations: 'citations/<id>.md' for 1, else
    'citations/<id>/passages-<number>.md', in a folder named after the source."""
    home = citations_page(source_id)
    return home if number == 1 else f"{home[:-3]}/passages-{number}.md"


@dataclass
class _Passages:
    """A source's quoted passages (text order) and the page each falls on."""
    groups: list[tuple[tuple[int, int], list[tuple[Evidence, Claim]]]]
    first: list[int]  # index of each page's first passage
    page: dict[tuple[int, int], int]  # (start, end) -> page number
    cells: Optional[list[list[tuple[str, str]]]]  # each passage's cells for page 1, when it is the only page


def _weight(cells: list[tuple[str, str]]) -> int:
    """A passage row's bytes, about: its cells and their markup."""
    return 120 + sum(len(h.encode()) + len(a.encode()) + 40 for a, h in cells)


def _source_passages(site: Site, source: Source) -> _Passages:
    """The passages of a source and their pages, computed once per build (claim pages link
    each quote's citation)."""
    key = f"citations/{source.id}"
    if key not in site.memo:
        grouped: dict[tuple[int, int], list[tuple[Evidence, Claim]]] = {}
        for ev, claim in site.evidence_by_source.get(source.id, []):
            grouped.setdefault((ev.start, ev.end), []).append((ev, claim))
        groups = sorted(grouped.items())
        # The cells as the first page links them, kept when every passage fits on it; else
        # measured again as the deeper pages link (`../../claims/...`), which no page exceeds.
        cells = [_passage_cells(site, source, pairs, source_citations_page(source.id, 1)) for _, pairs in groups]
        first, kept = [0], cells
        if sum(_weight(c) for c in cells) > PAGE_BYTES:
            deep = source_citations_page(source.id, 2)
            first = packed([_weight(_passage_cells(site, source, pairs, deep)) for _, pairs in groups], PAGE_BYTES)
            kept = None
        page = {span: max(1, sum(1 for f in first if f <= i)) for i, (span, _) in enumerate(groups)}
        site.memo[key] = _Passages(groups, first, page, kept)
    return site.memo[key]


def citation_page(site: Site, ev: Evidence) -> str:
    """Docs path of the citations page that holds `ev`'s passage (its anchor `citation_anchor`)."""
    source = site.sources.get(ev.source)
    if source is None:
        return citations_page(ev.source)
    return source_citations_page(ev.source, _source_passages(site, source).page.get((ev.start, ev.end), 1))


def _passage_cells(site: Site, source: Source, pairs: list[tuple[Evidence, Claim]], here: str) -> list[tuple[str, str]]:
    """The cells of one passage's row: (attributes, Markdown) per column."""
    ev0 = pairs[0][0]
    supports = []
    for ev, claim in pairs:
        who = f", attributed to {actor_ref(site, ev.attributed_to, here)}" if ev.attributed_to else ""
        val = f", value {shown_value(site, claim, ev.value, here)}" if ev.value else ""
        supports.append(f"{claim_ref(site, claim, here)} <small>({stance_badge(ev)}{val}{who})</small>")
    dates = sorted({ev.date for ev, _ in pairs if ev.date})
    order = f"{source.published or '9999'}|{source.id}|{ev0.start:09d}"
    context = link("in context", here, quote_page(site, source.id, ev0.start), quote_anchor(ev0))
    return [
        (f'data-value="{esc(site.short_labels.get(source.id, source.id))}|{order}"',
         f"{source_ref(site, source.id, here)}<br><small>{lang_label(source.language)}</small>"),
        (f'data-value="{order}"', published_label(source)),
        (f'data-value="{dates[0] if dates else "9999"}|{order}"', ", ".join(esc(d) for d in dates) or "—"),
        # One isolated, unbreakable English run: in a right-to-left cell the link and its
        # pilcrow stay together, in their own order.
        (f'class="dossier-quote" {dir_attrs(ev0.quote, ev0.language)}',
         f'{esc(ev0.quote)} <bdi class="dossier-nowrap" dir="ltr" lang="en"><small>'
         f'{permalink(citation_anchor(ev0), "citation")} {context}</small></bdi>'),
        ("", "<br>".join(supports))]


def source_citation_pages(source: Source, records: Any) -> dict[str, str]:
    """Every page of one source's quoted passages (template citations_source.html), in text
    order, each with the claims it supports; the first at `citations_page`.

    Kept out of the search index: the quotes are on the claim pages, the title on the source page.
    """
    site = prepare(records)
    passages = _source_passages(site, source)
    ends = passages.first[1:] + [len(passages.groups)]
    pages = len(passages.first)
    title = f"Citations: {source_label(source)}"
    head = heading(1, title, source.language)
    out = {}
    for number, (lo, hi) in enumerate(zip(passages.first, ends), 1):
        here = source_citations_page(source.id, number)
        rows = [_row(citation_anchor(pairs[0][0]),
                     passages.cells[lo + i] if passages.cells is not None else _passage_cells(site, source, pairs, here),
                     _CITATION_HEADERS)
                for i, (_, pairs) in enumerate(passages.groups[lo:hi])]
        total = counted(len(passages.groups), "quoted passage")
        page = render_template(
            site.templates, "citations_source.html", source=source, title=title,
            title_attrs=markup(head.split(" {: ", 1)[1][:-2]) if " {: " in head else "",
            back=markup(link("All citations", here, "citations.md")),
            source_link=markup(source_ref(site, source.id, here)),
            about=markup(f"{published_label(source)} · {lang_label(source.language)}"),
            summary=f"{total}." if pages == 1 else f"{total}; passages {lo + 1} to {hi} on this page.",
            pager=markup(pager(here, number, pages, lambda k: source_citations_page(source.id, k), "the passages"))
            if pages > 1 else "",
            headers=[markup(h) for h in _CITATION_HEADERS], rows=rows)
        out[here] = titled(page.rstrip("\n") + "\n", search_exclude=True)
    return out
