"""Claims an editor rejected: each keeps its page, marked rejected with the reason (as
Wikidata keeps a deprecated statement), and one page lists them all. Nothing vanishes."""
from __future__ import annotations

from typing import Any

from dossier.model import Claim
from dossier.site.common import chunked, counted, heading, link, page_path, pager, titled
from dossier.site.prepared import Site, cached_statement_lang, claim_languages, prepare, rejection, source_ref
from dossier.site.templates import markup, render as render_template

#: The list of rejected claims; later pages are `rejected/page-<k>.md`.
REJECTED_PAGE = "rejected.md"
REJECTED_PER_PAGE = 200
SOURCES_SHOWN = 20


def rejected_page(number: int) -> str:
    return REJECTED_PAGE if number == 1 else f"rejected/page-{number}.md"


def _sorted(site: Site) -> list[Claim]:
    return [site.rejected[k] for k in sorted(site.rejected)]


def rejected_page_count(site: Site) -> int:
    """Pages of the rejected list (0: nothing was rejected, and no page is made)."""
    return len(chunked(_sorted(site), REJECTED_PER_PAGE)) if site.rejected else 0


def render_rejected_claim(claim: Claim, records: Any) -> str:
    """A rejected claim's tombstone (template rejected.html): the statement, struck through
    in meaning only, the editor's reason, and the sources that had been read as saying it."""
    site = prepare(records)
    here = page_path("claims", claim.id)
    title = heading(1, claim.statement, cached_statement_lang(site, claim))
    sources = sorted({ev.source for ev in claim.evidence})
    refs = ", ".join(source_ref(site, s, here) for s in sources[:SOURCES_SHOWN])
    if len(sources) > SOURCES_SHOWN:
        refs += f" and {len(sources) - SOURCES_SHOWN} more"
    page = render_template(site.templates, "rejected.html", claim=claim, rejection=rejection(claim),
                           title_attrs=markup(title.split(" {: ", 1)[1][:-2]) if " {: " in title else "",
                           sources=markup(refs), languages=", ".join(claim_languages(claim)),
                           list_link=markup(link("all rejected claims", here, REJECTED_PAGE)))
    return titled(page, search_exclude=True)


def render_rejected_list(records: Any, number: int = 1) -> str:
    """Every rejected claim with its reason (template rejected_list.html)."""
    site = prepare(records)
    here = rejected_page(number)
    chunks = chunked(_sorted(site), REJECTED_PER_PAGE)
    rows = [{"link": markup(link(esc_statement(site, c), here, page_path("claims", c.id))),
             "reason": (rejection(c) or {}).get("reason") or "no reason given",
             "by": (rejection(c) or {}).get("by")} for c in chunks[number - 1]]
    pages = pager(here, number, len(chunks), rejected_page, "rejected claims") if len(chunks) > 1 else ""
    page = render_template(site.templates, "rejected_list.html", number=number, rows=rows,
                           total=counted(len(site.rejected), "rejected claim"), pager=markup(pages),
                           claims_link=markup(link("All claims", here, "claims/index.md")))
    return titled(page, search_exclude=number > 1)


def esc_statement(site: Site, claim: Claim) -> str:
    """A rejected claim's statement as link text (escaped, isolated when not English)."""
    title = heading(1, claim.statement, cached_statement_lang(site, claim))[2:]
    text, _, attrs = title.partition(" {: ")
    return f"<bdi {attrs[:-2]}>{text}</bdi>" if attrs else text
