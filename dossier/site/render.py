"""Every page of the site (`pages`), and redirects from former record ids."""
from __future__ import annotations

from typing import Any, Optional

from dossier.site.actors import actor_list_pages, render_actor
from dossier.site.citations import (
    citations_list_count, citations_list_page, render_citations, render_citations_list, source_citation_pages)
from dossier.site.claims import evidence_pages, render_claim, render_evidence_page
from dossier.site.common import RECORD_ID, evidence_page, page_path
from dossier.site.contested import contested_page, contested_page_count, render_contested
from dossier.site.graph import graph_pages
from dossier.site.indexes import actors_index_pages, claims_index_pages, render_home, sources_index_pages
from dossier.site.prepared import prepare
from dossier.site.review import review_pages
from dossier.site.rejected import rejected_page, rejected_page_count, render_rejected_claim, render_rejected_list
from dossier.site.sources import render_source, source_text_pages
from dossier.site.templates import override_dirs, render as render_template
from dossier.site.timeline import render_timeline, render_timeline_page, timeline_page, timeline_page_count


SECTION_PAGES = ("index.md", "claims/index.md", "contested.md", "actors/index.md",
                 "sources/index.md", "citations.md", "timeline.md")


def pages(records: Any, texts: Optional[dict[str, str]] = None, site_name: str = "Dossier",
          intro: Optional[str] = None, site_url: Optional[str] = None,
          custom_dir: Optional[str] = None) -> dict[str, str]:
    """Every page of the site: docs path -> Markdown, in a deterministic order.

    `texts` maps source id -> decoded document text (missing: the page says so);
    `custom_dir` is the theme's, whose dossier/ folder may override page templates.
    """
    site = prepare(records, texts, site_name, intro, site_url, override_dirs(custom_dir))
    claims_index, actors_index, sources_index = (claims_index_pages(site), actors_index_pages(site),
                                                 sources_index_pages(site))
    out = {
        "index.md": render_home(site),
        "claims/index.md": claims_index.pop("claims/index.md"),
        "contested.md": render_contested(site),
        "actors/index.md": actors_index.pop("actors/index.md"),
        "sources/index.md": sources_index.pop("sources/index.md"),
        "citations.md": render_citations(site),
        "timeline.md": render_timeline(site),
    }
    out.update(claims_index)  # list pages of long index tables
    out.update(actors_index)
    out.update(sources_index)
    for number in range(2, contested_page_count(site) + 1):
        out[contested_page(number)] = render_contested(site, number)
    for claim in site.sorted_claims():
        out[page_path("claims", claim.id)] = render_claim(claim, site)
    for actor_id in sorted(site.actors):
        out[page_path("actors", actor_id)] = render_actor(site.actors[actor_id], site)
        out.update(actor_list_pages(site.actors[actor_id], site))
    for claim in site.sorted_claims():
        for number in range(1, evidence_pages(claim) + 1):
            out[evidence_page(claim.id, number)] = render_evidence_page(claim, number, site)
    for source_id in sorted(site.sources):
        out[page_path("sources", source_id)] = render_source(site.sources[source_id],
                                                             site.texts.get(source_id), site)
        out.update(source_text_pages(site.sources[source_id], site))  # a long document's text continued
    list_pages = citations_list_count(site)
    for number in range(1, list_pages + 1 if list_pages > 1 else 1):
        out[citations_list_page(number)] = render_citations_list(site, number)
    pages_of_timeline = timeline_page_count(site)
    for number in range(1, pages_of_timeline + 1 if pages_of_timeline > 1 else 1):
        out[timeline_page(number)] = render_timeline_page(site, number)
    for source_id in sorted(site.evidence_by_source):
        if source_id in site.sources:
            out.update(source_citation_pages(site.sources[source_id], site))  # one or more pages
    for claim_id in sorted(site.rejected):  # nothing silently gone: a tombstone per rejected claim
        out[page_path("claims", claim_id)] = render_rejected_claim(site.rejected[claim_id], site)
    for number in range(1, rejected_page_count(site) + 1):
        out[rejected_page(number)] = render_rejected_list(site, number)
    out.update(graph_pages(site))
    # Further page kinds (e.g. the editors' review page) are added here: out.update(<kind>_pages(site)).
    out.update(review_pages(site, getattr(records, "orphans", None)))  # editors' queue, out of search
    return out


def redirects(records: Any, directory_urls: bool = False, custom_dir: Optional[str] = None) -> dict[str, str]:
    """A small HTML page at every former claim/actor id, pointing at the record's page now.

    Plain HTML (meta refresh, canonical link and a visible link), no JavaScript. An old id
    that is again a record's id, or claimed by two records, gets no redirect.
    """
    out: dict[str, str] = {}
    taken: dict[str, int] = {}
    dirs = override_dirs(custom_dir)
    for kind in ("claims", "actors"):
        items = getattr(records, kind)
        for rid in sorted(items):
            for old in items[rid].former_ids or []:
                taken[f"{kind}/{old}"] = taken.get(f"{kind}/{old}", 0) + 1
        for rid in sorted(items):
            for old in sorted(set(items[rid].former_ids or [])):
                if old in items or taken[f"{kind}/{old}"] > 1 or not RECORD_ID.match(old) or old == "index":
                    continue
                new_stem = page_path(kind, rid)[len(kind) + 1:-3]
                if directory_urls:
                    path, target = f"{kind}/{old}/index.html", f"../{new_stem}/"
                else:
                    path, target = f"{kind}/{old}.html", f"{new_stem}.html"
                out[path] = render_template(dirs, "redirect.html", old=old, target=target)
    return dict(sorted(out.items()))
