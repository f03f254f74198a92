"""The contested claims pages: each claim with who says what."""
from __future__ import annotations

from typing import Any

from dossier.model import Claim
from dossier.site.claims import who_says_what
from dossier.site.common import badge, counted, heading, link, page_path, pager, titled
from dossier.site.prepared import Site, cached_statement_lang, prepare, rating_badge, source_count
from dossier.site.templates import markup, render as render_template


def contested_claims(site: Site) -> list[Claim]:
    """Contested claims, the most widely reported first."""
    return sorted((c for c in site.claims.values() if c.status == "contested"),
                  key=lambda c: (-source_count(c), c.id))


#: Contested claims shown in full on one page; more continue on `contested/page-<k>.html`.
CONTESTED_PER_PAGE = 10
#: Fewer to a page when their who-says-what would pass this many bytes (a claim quoted on
#: many sides takes up to ~25 KB), so a page stays under 100 KB as built.
CONTESTED_PAGE_BYTES = 60 * 1024


def _chunks(site: Site) -> list[list[Claim]]:
    """The contested claims page by page (computed once per build)."""
    if "contested_chunks" not in site.memo:
        chunks: list[list[Claim]] = [[]]
        size = 0
        for claim in contested_claims(site):
            weight = len(who_says_what(site, claim, contested_page(1)).encode("utf-8"))
            if chunks[-1] and (len(chunks[-1]) >= CONTESTED_PER_PAGE or size + weight > CONTESTED_PAGE_BYTES):
                chunks.append([])
                size = 0
            chunks[-1].append(claim)
            size += weight
        site.memo["contested_chunks"] = chunks
    return site.memo["contested_chunks"]


def contested_page(number: int) -> str:
    """Docs path of page `number` (from 2; page 1 is contested.md) of the contested claims."""
    return "contested.md" if number == 1 else f"contested/page-{number}.md"


def render_contested(records: Any, number: int = 1) -> str:
    """Contested claims (template contested.html), each with who says what, the most widely
    reported first; CONTESTED_PER_PAGE to a page at most (the pages after the first are not searched)."""
    site = prepare(records)
    here = contested_page(number)
    chunks = _chunks(site)
    claims = []
    for claim in chunks[number - 1]:
        head = heading(2, claim.statement, cached_statement_lang(site, claim))
        claims.append({"claim": claim, "title_attrs": markup(head.split(" {: ", 1)[1][:-2]) if " {: " in head else "",
                       "status_badge": markup(badge(claim.status)), "rating_badge": markup(rating_badge(claim)),
                       "sources": counted(source_count(claim), "source"),
                       "link": markup(link("claim page", here, page_path("claims", claim.id))),
                       "who_says_what": markup(who_says_what(site, claim, here))})
    nav = pager(here, number, len(chunks), contested_page, "contested claims") if len(chunks) > 1 else ""
    page = render_template(site.templates, "contested.html", number=number, pages=len(chunks),
                           pager=markup(nav), claims=claims)
    return titled(page, search_exclude=number > 1)


def contested_page_count(site: Site) -> int:
    """How many pages the contested claims take (contested.md is the first)."""
    return len(_chunks(prepare(site)))
