"""Section indexes (claims, actors, sources, with list pages for long tables) and the home page."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dossier.model import ACTOR_KINDS, CLAIM_STATUSES
from dossier.site.actors import other_spellings
from dossier.site.common import (
    KIND_DIRS, bidi, chunked, clean, counted, esc, lang_label, link, page_path, pager, published_label,
    titled)
from dossier.site.contested import contested_claims
from dossier.site.prepared import (
    Site, actor_lang, actor_ref, claim_item, claim_languages, claim_ref, file_name, origin_count, prepare,
    rating_badge, source_count)
from dossier.site.graph import GRAPH_PAGE, edges
from dossier.site.rejected import REJECTED_PAGE
from dossier.site.templates import markup, render as render_template
from dossier.text import slugify, unique_slug


#: Rows on an index page (its tables share them) and on each list page of a longer table.
INDEX_ROWS_PER_PAGE = 100


def list_page(folder: str, name: str, number: int) -> str:
    """Docs path of list page `number` (from 2) of the table `name` of `folder`'s index
    ('_' is never in record ids, so no record page can take it)."""
    return f"{folder}/_{name}-{number}.md"


@dataclass
class _Table:
    """One table of a section index: its rows are linked relative to the index's folder,
    which its list pages share."""
    name: str  # in list page paths
    title: str  # its heading
    headers: list[str]
    rows: list[list[str]]


def _shares(sizes: list[int], budget: int) -> list[int]:
    """Rows of each table on the index page: `budget` shared out, a short table taking only
    what it has and leaving the rest to the others (the page holds `budget` rows at most)."""
    shares = [0] * len(sizes)
    order = sorted(range(len(sizes)), key=lambda i: (sizes[i], i))
    left = budget
    for k, i in enumerate(order):
        shares[i] = min(sizes[i], max(1, left // (len(order) - k)))
        left -= shares[i]
    return shares


def _index(site: Site, folder: str, title: str, lead: list[str], tables: list[_Table],
           headed: bool = True) -> dict[str, str]:
    """`folder`/index.md (template section_index.html) with the first rows of each table,
    INDEX_ROWS_PER_PAGE in all, and the list pages (section_list.html, not searched) holding
    the rest of a longer table, INDEX_ROWS_PER_PAGE to a page."""
    here = f"{folder}/index.md"
    shown: list[dict] = []
    pages: dict[str, str] = {}
    names: set[str] = set()
    tables = [t for t in tables if t.rows]
    for table, share in zip(tables, _shares([len(t.rows) for t in tables], INDEX_ROWS_PER_PAGE)):
        rows = [[markup(cell) for cell in row] for row in table.rows]
        chunks = [rows[:share]] + (chunked(rows[share:], INDEX_ROWS_PER_PAGE) if len(rows) > share else [])
        name = unique_slug(table.name, names)  # two headings may slug alike
        what = esc(table.title.lower())

        def page_of(k: int, name: str = name) -> str:
            return here if k == 1 else list_page(folder, name, k)

        more = pager(here, 1, len(chunks), page_of, what) if len(chunks) > 1 else ""
        shown.append({"title": table.title, "total": len(table.rows), "headers": table.headers, "rows": chunks[0],
                      "more": markup(more)})
        for k in range(2, len(chunks) + 1):
            page = page_of(k)
            pages[page] = titled(render_template(
                site.templates, "section_list.html", folder=folder, title=title, table=table.title.lower(),
                number=k, pages=len(chunks), back=markup(link(f"All {title.lower()}", page, here)),
                pager=markup(pager(page, k, len(chunks), page_of, what)), headers=table.headers,
                rows=chunks[k - 1]), search_exclude=True)
    index = render_template(site.templates, "section_index.html", folder=folder, title=title,
                            lead=[markup(p) for p in lead], tables=shown, headed=headed)
    return {here: titled(index), **pages}


def claims_index_pages(records: Any) -> dict[str, str]:
    """All claims, grouped by status (contested first): claims/index.md and its list pages."""
    site = prepare(records)
    here = "claims/index.md"
    order = ["contested", "corroborated", "single-source"] + [s for s in CLAIM_STATUSES if s not in
                                                              ("contested", "corroborated", "single-source")]
    statuses = order + sorted({c.status for c in site.claims.values()} - set(order))
    tables = []
    for status in statuses:
        claims = [c for c in site.sorted_claims() if c.status == status]
        claims.sort(key=lambda c: (-source_count(c), clean(c.statement).casefold(), c.id))
        rows = [[claim_ref(site, c, here), rating_badge(c), str(source_count(c)),
                 ", ".join(esc(x) for x in claim_languages(c)) or "—",
                 ", ".join(actor_ref(site, a, here) for a in sorted(set(c.actors))) or "—"] for c in claims]
        tables.append(_Table(slugify(status), status.capitalize(),
                             ["Claim", "Verdict", "Sources", "Languages", "Actors"], rows))
    lead = [f"{counted(len(site.claims), 'claim')} extracted from {counted(len(site.sources), 'document')}."]
    if site.rejected:
        lead.append(f"{counted(len(site.rejected), 'claim')} rejected by an editor: "
                    f"{link('the rejected claims and why', here, REJECTED_PAGE)}.")
    return _index(site, "claims", "Claims", lead, tables)


def actors_index_pages(records: Any) -> dict[str, str]:
    """All actors, grouped by kind: actors/index.md and its list pages."""
    site = prepare(records)
    here = "actors/index.md"
    kinds = list(ACTOR_KINDS) + sorted({a.kind for a in site.actors.values()} - set(ACTOR_KINDS))
    tables = []
    for kind in kinds:
        rows = []
        for a in (a for a in site.sorted_actors() if a.kind == kind):
            langs = sorted({al.language for al in a.aliases if al.language})
            others = list(other_spellings(a).items())
            shown = " · ".join(bidi(n, lang) for n, lang in others[:4]) + (" …" if len(others) > 4 else "")
            rows.append([link(bidi(a.name, actor_lang(a)), here, page_path("actors", a.id)),
                         shown or "—", ", ".join(esc(x) for x in langs) or "—",
                         str(len(site.claims_by_actor.get(a.id, []))),
                         str(len({m.source for m in a.mentions}))])
        tables.append(_Table(slugify(kind), kind.capitalize(), ["Name", "Also written", "Languages", "Claims", "Sources"],
                             rows))
    return _index(site, "actors", "Actors", [f"{counted(len(site.actors), 'actor')} named in the documents."], tables)


def sources_index_pages(records: Any) -> dict[str, str]:
    """All documents, oldest first: sources/index.md and its list pages."""
    site = prepare(records)
    here = "sources/index.md"
    rows = []
    for s in site.sorted_sources():
        n_claims = len({c.id for _, c in site.evidence_by_source.get(s.id, [])})
        title = clean(s.title).strip()
        label = bidi(title, s.language) if title else f"<code>{esc(file_name(s))}</code>"
        publisher = clean(s.publisher).strip()
        rows.append([link(label, here, page_path("sources", s.id)),
                     bidi(publisher, s.language) if publisher else "—", published_label(s),
                     lang_label(s.language), str(n_claims)])
    table = _Table("documents", "Documents", ["Document", "Publisher", "Published", "Language", "Claims"], rows)
    return _index(site, "sources", "Sources", [f"{counted(len(site.sources), 'document')}, oldest first."], [table],
                  headed=False)


#: The exports linked from the home page (written by `dossier.exports` into data/).
DATA_FILES = (("records.jsonl", "every record, one JSON object per line"),
              ("claims.csv", "one row per claim: status, sources, independent origins, verdict"),
              ("citations.csv", "one row per quote: source, offsets, exact text, stance, value"),
              ("ftm.json", "FollowTheMoney entities (people, organisations, articles, mentions), one per line"))


#: Claims listed per section of the home page (each section links to its full list).
HOME_ITEMS = 15


def graph_pages_exist(site: Any) -> bool:
    return bool(edges(site))


def reviewed_claims(site: Any) -> list:
    """Claims with an editor's verdict, the latest review first."""
    return sorted((c for c in site.claims.values() if c.verdict is not None),
                  key=lambda c: (c.verdict.date or "", c.id), reverse=True)


def render_home(records: Any) -> str:
    """The home page (template home.html): counts, then the facts an editor reviewed, the
    contested ones, the best corroborated; where to browse; the data files."""
    site = prepare(records)
    here = "index.md"
    intro = (site.intro or "").strip()
    languages = sorted({lang for s in site.sources.values()
                        for lang in (s.languages or ([s.language] if s.language else []))})
    contested = contested_claims(site)
    reviewed = reviewed_claims(site)
    stats = [("documents", len(site.sources), "sources/index.md"),
             ("actors", len(site.actors), "actors/index.md"),
             ("claims", len(site.claims), "claims/index.md"),
             ("reviewed", len(reviewed), None),
             ("contested", len(contested), "contested.md"),
             ("languages", len(languages), None)]
    cells = [link(f"<strong>{n}</strong> {label}", here, target) if target else f"<strong>{n}</strong> {label}"
             for label, n, target in stats]
    corroborated = sorted((c for c in site.claims.values() if source_count(c) > 1 and c.status != "contested"),
                          key=lambda c: (-origin_count(c), -source_count(c), c.id))[:HOME_ITEMS]
    browse = [(link("All claims", here, "claims/index.md"), "by status, with each verdict"),
              (link("Contested claims", here, "contested.md"), "with who says what"),
              (link("Actors", here, "actors/index.md"), "people, organisations, outlets, states"),
              (link("Sources", here, "sources/index.md"), "every document, with its marked-up text"),
              (link("Citations", here, "citations.md"), "every quoted passage, by source"),
              (link("Timeline", here, "timeline.md"), "claims by date")]
    if site.actors and graph_pages_exist(site):
        browse.append((link("Actor graph", here, GRAPH_PAGE), "who did what to whom, drawn from the claims"))
    if site.rejected:
        browse.append((link("Rejected claims", here, REJECTED_PAGE), "what an editor rejected, and why"))

    def items(claims: list) -> list:
        return [markup(claim_item(site, c, here)[2:]) for c in claims[:HOME_ITEMS]]
    data = [(markup(link(name, here, f"data/{name}")), what) for name, what in DATA_FILES]
    schemas = markup(", ".join(link(f"{k}.schema.json", here, f"data/schemas/{k}.schema.json") for k in KIND_DIRS))
    page = render_template(
        site.templates, "home.html", site_name=site.site_name, own_title=intro.startswith("# "),
        intro=markup(intro),  # the editor's own Markdown: trusted, inserted as written
        stats=[markup(c) for c in cells], languages=markup(", ".join(lang_label(c) for c in languages)),
        reviewed=items(reviewed), reviewed_more=max(0, len(reviewed) - HOME_ITEMS),
        contested=items(contested), contested_more=max(0, len(contested) - HOME_ITEMS),
        contested_link=markup(link("all contested claims", here, "contested.md")),
        claims_link=markup(link("all claims", here, "claims/index.md")),
        corroborated=items(corroborated), browse=[(markup(a), b) for a, b in browse], data=data, schemas=schemas)
    return page
