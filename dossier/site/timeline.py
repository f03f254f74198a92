"""The timeline: claims by event or report date, on list pages when long."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from dossier.model import Claim
from dossier.site.common import badge, chunked, counted, esc, link, page_path, titled
from dossier.site.prepared import Site, claim_ref, prepare, rating_badge, source_ref


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
TIMELINE_ENTRIES_PER_PAGE = 100
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


def _timeline_lines(site: Site, entries: list[TimelineEntry], here: str) -> list[str]:
    """Entries under year headings, each with its date, status, claim and (some) sources."""
    out: list[str] = []
    year = ""
    for entry in entries:
        head = entry.date[:4] if entry.date else "Undated"
        if head != year:
            year = head
            out += ([""] if out and out[-1] else []) + [f"## {esc(head)}", ""]
            if head == "Undated":
                out += ["Claims no quote dates and no dated source reports.", ""]
        shown = entry.sources[:TIMELINE_SOURCES_SHOWN]
        srcs = ", ".join(source_ref(site, s, here) for s in shown)
        if len(entry.sources) > len(shown):
            more = counted(len(entry.sources) - len(shown), "more source")
            srcs += f", {link(more, here, page_path('claims', entry.claim.id), 'evidence')}"
        when = f'<time datetime="{esc(entry.date)}">{esc(entry.date)}</time> · {esc(entry.kind)} · ' \
            if entry.date else ""
        out.append(f"- {when}{badge(entry.claim.status)} {rating_badge(entry.claim)} "
                   f"{claim_ref(site, entry.claim, here)} "
                   f"<small>({srcs})</small>")
    return out + [""]


def render_timeline(records: Any) -> str:
    """Events and claims by date (year sections), undated claims listed apart; a long
    timeline lists its pages (`render_timeline_page`) here instead."""
    site = prepare(records)
    here = "timeline.md"
    out = ["# Timeline", "",
           "Claims in date order. A claim stands under the date its quotes give for the event "
           "(<em>event</em>); when no quote dates it, under the day it was first reported "
           "(<em>reported</em>). A claim whose sources give different dates appears under each.", ""]
    chunks = _timeline_chunks(site)
    if not chunks[0]:
        return titled("\n".join(out + ["No claims yet.", "", ""]))
    if len(chunks) == 1:
        return titled("\n".join(out + _timeline_lines(site, chunks[0], here)))
    out += [f"{counted(len(site.timeline_entries or []), 'entry', 'entries')} on {len(chunks)} pages:", ""]
    for k, chunk in enumerate(chunks, 1):
        span = f"{chunk[0].date or 'undated'} to {chunk[-1].date or 'undated'}"
        out.append(f"- {link(esc(span), here, timeline_page(k))} <small>({counted(len(chunk), 'entry', 'entries')})</small>")
    out.append("")
    return titled("\n".join(out))


def render_timeline_page(records: Any, number: int) -> str:
    """Page `number` of a long timeline; not searched (the claims have their own pages)."""
    site = prepare(records)
    here = timeline_page(number)
    chunks = _timeline_chunks(site)
    nav = [link("Timeline", here, "timeline.md")]
    if number > 1:
        nav.append(link("previous", here, timeline_page(number - 1)))
    if number < len(chunks):
        nav.append(link("next", here, timeline_page(number + 1)))
    out = [f"# Timeline: page {number} of {len(chunks)}", "", " · ".join(nav), ""]
    return titled("\n".join(out + _timeline_lines(site, chunks[number - 1], here)), search_exclude=True)
