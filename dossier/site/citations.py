"""The citations index, its list pages, and one page of quoted passages per source."""
from __future__ import annotations

from typing import Any

from dossier.model import Claim, Evidence, Source
from dossier.site.common import (
    chunked, citation_anchor, citations_page, counted, dir_attrs, esc, heading, html_table, lang_label, link,
    page_path, permalink, published_label, quote_anchor, stance_badge, titled)
from dossier.site.prepared import Site, actor_ref, claim_ref, prepare, source_label, source_ref


_CITATION_HEADERS = ['<span data-sort="text">Source</span>', '<span data-sort="date">Published</span>',
                     '<span data-sort="date">Event date</span>', "Quote (original language)", "Supports"]


def render_citations(records: Any) -> str:
    """The citations index: one row per quoting source (oldest first), sortable by date.

    Each source's passages are on its own page (`citations_page`), so a citation's anchor
    never moves and no page grows with the number of documents but this one, by one row.
    Without JavaScript the rows stay as written; `assets/dossier.js` turns the headers
    marked `data-sort` into sort buttons.
    """
    site = prepare(records)
    here = "citations.md"
    out = ["# Citations", "",
           "Every passage quoted as evidence, on one page per source. Each source's page links "
           "every passage to the claims it supports and to the passage in context; "
           "the date columns sort the tables.", ""]
    sources = _quoting_sources(site)
    total = sum(_passages(site, s.id) for s in sources)
    if not sources:
        return titled("\n".join(out + ["No citations yet.", ""]))
    out += [f"{counted(total, 'quoted passage')} from {counted(len(sources), 'source')}.", ""]
    chunks = _citation_chunks(sources)
    if len(chunks) == 1:
        out += [_citation_index_table(site, sources, here), ""]
        return titled("\n".join(out))
    # A large dossier: the sources in date order, CITATION_SOURCES_PER_PAGE to a list page.
    out += ["Sources in order of publication:", ""]
    for k, chunk in enumerate(chunks, 1):
        span = f"{published_label(chunk[0])} to {published_label(chunk[-1])}"
        out.append(f"- {link(span, here, citations_list_page(k))} "
                   f"<small>({counted(len(chunk), 'source')}, "
                   f"{counted(sum(_passages(site, s.id) for s in chunk), 'passage')})</small>")
    out.append("")
    return titled("\n".join(out))


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


def _citation_index_table(site: Site, sources: list[Source], here: str) -> str:
    """One row per source: its citations page, date, language and passage count; sortable."""
    headers = ['<span data-sort="text">Source</span>', '<span data-sort="date">Published</span>',
               "Language", '<span data-sort="number">Passages</span>']
    rows, attrs = [], []
    for source in sources:
        n = _passages(site, source.id)
        order = f"{source.published or '9999'}|{source.id}"
        label = site.short_labels.get(source.id) or source_label(source)
        rows.append([link(f"<bdi>{esc(label)}</bdi>", here, citations_page(source.id)),
                     published_label(source), lang_label(source.language), str(n)])
        attrs.append([f'data-value="{esc(label)}|{order}"', f'data-value="{order}"', "",
                      f'data-value="{n:09d}|{order}"'])
    return html_table(headers, rows, "dossier-table dossier-citations dossier-sortable", cell_attrs=attrs)


def render_citations_list(records: Any, number: int) -> str:
    """List page `number` of a large citations index: its sources, sortable; not searched."""
    site = prepare(records)
    here = citations_list_page(number)
    chunks = _citation_chunks(_quoting_sources(site))
    chunk = chunks[number - 1]
    nav = [link("All citations", here, "citations.md")]
    if number > 1:
        nav.append(link("previous", here, citations_list_page(number - 1)))
    if number < len(chunks):
        nav.append(link("next", here, citations_list_page(number + 1)))
    out = [f"# Citations: sources {number} of {len(chunks)}", "", " · ".join(nav), "",
           f"{counted(len(chunk), 'source')} published {published_label(chunk[0])} "
           f"to {published_label(chunk[-1])}.", "",
           _citation_index_table(site, chunk, here), ""]
    return titled("\n".join(out), search_exclude=True)


def render_source_citations(source: Source, records: Any) -> str:
    """One source's quoted passages, in text order, each with the claims it supports.

    Kept out of the search index: the quotes are on the claim pages, the title on the source page.
    """
    site = prepare(records)
    here = citations_page(source.id)
    out = [heading(1, f"Citations: {source_label(source)}", source.language), "",
           f"{link('All citations', here, 'citations.md')} · "
           f"{source_ref(site, source.id, here)} "
           f"<small>{published_label(source)} · {lang_label(source.language)}</small>",
           ""]
    grouped: dict[tuple[int, int], list[tuple[Evidence, Claim]]] = {}
    for ev, claim in site.evidence_by_source.get(source.id, []):
        grouped.setdefault((ev.start, ev.end), []).append((ev, claim))
    rows, ids, attrs = [], [], []
    for (start, end), pairs in sorted(grouped.items()):
        ev0 = pairs[0][0]
        supports = []
        for ev, claim in pairs:
            who = f", attributed to {actor_ref(site, ev.attributed_to, here)}" if ev.attributed_to else ""
            val = f", value {esc(ev.value)}" if ev.value else ""
            supports.append(f"{claim_ref(site, claim, here)} <small>({stance_badge(ev)}{val}{who})</small>")
        dates = sorted({ev.date for ev, _ in pairs if ev.date})
        rows.append([f"{source_ref(site, source.id, here)}<br><small>{lang_label(source.language)}</small>",
                     published_label(source), ", ".join(esc(d) for d in dates) or "—",
                     # One isolated, unbreakable English run: in a right-to-left cell the link
                     # and its pilcrow stay together, in their own order.
                     f'{esc(ev0.quote)} <bdi class="dossier-nowrap" dir="ltr" lang="en"><small>'
                     f'{permalink(citation_anchor(ev0), "citation")} '
                     f'{link("in context", here, page_path("sources", source.id), quote_anchor(ev0))}</small></bdi>',
                     "<br>".join(supports)])
        ids.append(citation_anchor(ev0))
        order = f"{source.published or '9999'}|{source.id}|{start:09d}"
        attrs.append([f'data-value="{esc(site.short_labels.get(source.id, source.id))}|{order}"',
                      f'data-value="{order}"', f'data-value="{dates[0] if dates else "9999"}|{order}"',
                      f'class="dossier-quote" {dir_attrs(ev0.quote, ev0.language)}', ""])
    if rows:
        out += [f"{counted(len(rows), 'quoted passage')}.", "",
                html_table(_CITATION_HEADERS, rows, "dossier-table dossier-citations dossier-sortable", ids, attrs), ""]
    else:
        out += ["No passage of this source is quoted.", ""]
    return titled("\n".join(out), search_exclude=True)
