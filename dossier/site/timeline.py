"""The timeline: claims by event or report date, on list pages when long."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from dossier.model import Claim
from dossier.site.common import badge, chunked, counted, esc, link, page_path, titled
from dossier.site.prepared import Site, claim_ref, prepare, rating_badge, source_ref
from dossier.site.templates import markup, render as render_template


@dataclass
class TimelineEntry:
    date: Optional[str]  # ISO date (any precision), None when undated
    kind: str  # "event": a quote states the date; "reported": the source's publication date
    claim: Claim
    sources: list[str]  # the sources giving that date


def timeline(site: Site) -> list[TimelineEntry]:
    """Claims by date: under each event date a quote states, else under the date it was
    first reported; claims with neither come last (date None). Sorted by date, then claim."""
    entries = []
    for claim in site.sorted_claims():
        by_date: dict[str, set[str]] = {}
        for ev in claim.evidence:
            if ev.date:
                by_date.setdefault(ev.date, set()).add(ev.source)
        if by_date:
            entries += [TimelineEntry(d, "event", claim, sorted(srcs)) for d, srcs in by_date.items()]
            continue
        reported: dict[str, set[str]] = {}
        for ev in claim.evidence:
            src = site.sources.get(ev.source)
            if src and src.published:
                reported.setdefault(src.published, set()).add(src.id)
        if reported:
            first = min(reported)
            entries.append(TimelineEntry(first, "reported", claim, sorted(reported[first])))
        else:
            entries.append(TimelineEntry(None, "undated", claim, sorted({ev.source for ev in claim.evidence})))
    return sorted(entries, key=lambda e: (e.date is None, e.date or "", e.kind != "event", e.claim.id))


#: Timeline entries on one page: a longer timeline gets list pages, in date order.
TIMELINE_ENTRIES_PER_PAGE = 50  # of up to ~1.5 KB each as built
#: Sources named on one timeline entry (the claim's page lists them all).
TIMELINE_SOURCES_SHOWN = 5


def timeline_page(number: int) -> str:
    """Docs path of page `number` (from 1) of a long timeline."""
    return f"timeline/page-{number}.md"


def _timeline_chunks(site: Site) -> list[list[TimelineEntry]]:
    if site.timeline_entries is None:
        site.timeline_entries = timeline(site)
    return chunked(site.timeline_entries, TIMELINE_ENTRIES_PER_PAGE)


def timeline_page_count(site: Site) -> int:
    """How many pages the timeline takes (1: timeline.md holds every entry)."""
    return len(_timeline_chunks(site))


def _years(site: Site, entries: list[TimelineEntry], here: str) -> list[dict]:
    """Entries under year headings ("Undated" last), each with its date, status, claim and
    (some) sources: what `_timeline.html` prints."""
    years: list[dict] = []
    for entry in entries:
        head = entry.date[:4] if entry.date else "Undated"
        if not years or years[-1]["year"] != head:
            years.append({"year": head, "undated": entry.date is None, "entries": []})
        shown = entry.sources[:TIMELINE_SOURCES_SHOWN]
        more = ""
        if len(entry.sources) > len(shown):
            more = link(counted(len(entry.sources) - len(shown), "more source"), here,
                        page_path("claims", entry.claim.id), "evidence")
        years[-1]["entries"].append({
            "claim": entry.claim, "date": entry.date, "kind": entry.kind,
            "status_badge": markup(badge(entry.claim.status)), "rating_badge": markup(rating_badge(entry.claim)),
            "ref": markup(claim_ref(site, entry.claim, here)),
            "sources": [markup(source_ref(site, s, here)) for s in shown], "more": markup(more)})
    return years


def render_timeline(records: Any) -> str:
    """Events and claims by date (template timeline.html): year sections, undated claims
    apart; a long timeline lists its pages (`render_timeline_page`) here instead."""
    site = prepare(records)
    here = "timeline.md"
    chunks = _timeline_chunks(site)
    years: list[dict] = []
    pages: list[dict] = []
    if len(chunks) == 1:
        years = _years(site, chunks[0], here)
    else:
        for k, chunk in enumerate(chunks, 1):
            span = f"{chunk[0].date or 'undated'} to {chunk[-1].date or 'undated'}"
            pages.append({"link": markup(link(esc(span), here, timeline_page(k))),
                          "entries": counted(len(chunk), "entry", "entries")})
    total = counted(len(site.timeline_entries or []), "entry", "entries")
    return titled(render_template(site.templates, "timeline.html", years=years, pages=pages, total=total))


def render_timeline_page(records: Any, number: int) -> str:
    """Page `number` of a long timeline (template timeline_page.html); not searched (the
    claims have their own pages)."""
    site = prepare(records)
    here = timeline_page(number)
    chunks = _timeline_chunks(site)
    nav = [link("Timeline", here, "timeline.md")]
    if number > 1:
        nav.append(link("previous", here, timeline_page(number - 1)))
    if number < len(chunks):
        nav.append(link("next", here, timeline_page(number + 1)))
    page = render_template(site.templates, "timeline_page.html", number=number, pages=len(chunks),
                           nav=markup(" · ".join(nav)), years=_years(site, chunks[number - 1], here))
    return titled(page, search_exclude=True)
