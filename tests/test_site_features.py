"""Claim, actor, citations and timeline features of dossier.site on the fixture dossier
(tests/fixtures/site), whose `ships-seized` claim carries origins, an editor's verdict
with hostile text and a former id, and whose `lena-marsh` actor has a former id."""
from __future__ import annotations

import copy
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from dossier import site
from dossier.site.actors import CO_ACTORS_DRAWN, co_actors, render_actor, search_spellings
from dossier.site.claims import render_claim
from dossier.site.indexes import DATA_FILES
from dossier.site.prepared import origin_count, prepare
from dossier.site.timeline import render_timeline, timeline
from dossier.model import Actor, Alias, Claim, Evidence
from dossier.model.records import Frame, Rejection
from dossier.io.store import load_records

from conftest import site_fixture_texts

FIXTURE = Path(__file__).parent / "fixtures" / "site"
EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "toc"]


@pytest.fixture(scope="module")
def records():
    return load_records(FIXTURE / "content")


@pytest.fixture(scope="module")
def pages(records):
    texts = site_fixture_texts(records)
    return site.pages(records, texts, site_url="https://dossier.example.org/harbor/")


def html_of(md_text: str) -> str:
    body = md_text.split("---\n", 2)[-1] if md_text.startswith("---\n") else md_text
    return markdown.markdown(body, extensions=EXTENSIONS)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[str, str]] = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs).get("type", "")

    def handle_endtag(self, tag):
        self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self.scripts.append((self._script, data))


def parse(md_text: str) -> _Tags:
    p = _Tags()
    p.feed(html_of(md_text))
    return p


def _json_ld(page: str) -> dict:
    blocks = [data for kind, data in parse(page).scripts if kind == "application/ld+json"]
    assert len(blocks) == 1
    return json.loads(blocks[0])


# --- claim page ----------------------------------------------------------------------

def test_badge_counts_independent_origins(pages, records):
    page = pages["claims/ships-seized.md"]
    # Three sources, but two of them relay the Harbor Authority: two independent origins.
    assert "2 independent origins, 3 sources" in page
    assert origin_count(records.claims["ships-seized"]) == 2
    # Without computed origins the count falls back to distinct sources.
    assert origin_count(records.claims["marsh-resigned"]) == 2
    assert "2 independent origins" not in pages["claims/marsh-resigned.md"]
    assert "2 sources" in pages["claims/marsh-resigned.md"]


def test_origin_chains_are_rendered(pages):
    section = pages["claims/ships-seized.md"].split("## Where it comes from", 1)[1].split("\n## ", 1)[0]
    assert "on its own authority" in section and "relayed by" in section
    # Each relaying chain: source -> actor, both links.
    chains = [line for line in section.splitlines() if line.startswith("    - ")]
    assert len(chains) == 2 and all("→" in c and "../actors/harbor-authority.md" in c for c in chains)


def test_verdict_is_shown_escaped(pages):
    page = pages["claims/ships-seized.md"]
    doc = parse(page)
    verdict = [a for t, a in doc.tags if t == "section" and "dossier-verdict" in (a.get("class") or "")]
    assert verdict and "dossier-verdict--mixed" in verdict[0]["class"]
    assert "Reviewed by Desk Editor on 2025-10-21" in page
    assert "</script><!--" not in page  # the rationale's markup is inert text
    assert not any(t == "b" for t, _ in doc.tags)
    assert "dossier-verdict" not in pages["claims/marsh-resigned.md"]


def test_claim_review_json_ld(pages):
    data = _json_ld(pages["claims/ships-seized.md"])
    assert data["@type"] == "ClaimReview"
    # Google's required fields, and the recommended ones.
    assert data["claimReviewed"] == "The Harbor Authority seized ships."
    assert data["reviewRating"]["alternateName"] == "Mixed"
    assert data["url"] == "https://dossier.example.org/harbor/claims/ships-seized.html"
    assert data["author"] == {"@type": "Person", "name": "Desk Editor"}
    item = data["itemReviewed"]
    assert item["@type"] == "Claim" and item["datePublished"] == "2025-10"
    assert item["firstAppearance"] == item["appearance"][0] and len(item["appearance"]) == 3
    assert data["sameAs"] == "https://factcheck.example.org/ships"
    assert "</script>" in data["reviewBody"]  # kept as data, escaped in the HTML


def test_json_ld_cannot_break_out_of_its_script(pages):
    for path in ("claims/ships-seized.md", "claims/hostile-claim.md"):
        block = pages[path].split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
        assert not set(block) & set("<>&") and "{{" not in block
        assert json.loads(block)["@context"] == "https://schema.org"


def test_plain_claim_json_ld_without_verdict(pages):
    data = _json_ld(pages["claims/marsh-resigned.md"])
    assert data["@type"] == "Claim"
    assert data["text"] == "Lena Marsh resigned as harbor minister."
    assert [a["inLanguage"] for a in data["appearance"]] == ["ar", "tr"]  # oldest first


def test_permalink_per_citation(pages, records):
    doc = parse(pages["claims/ships-seized.md"])
    links = {a["href"] for t, a in doc.tags if t == "a" and "dossier-permalink" in (a.get("class") or "")}
    rows = {a["id"] for t, a in doc.tags if t == "tr" and a.get("id")}
    assert links == {f"#{r}" for r in rows} and len(rows) == 3


def test_who_says_what_in_time_order(records):
    """Within each position, the sources stand in the order they published (undated last)."""
    recs = copy.deepcopy(records)
    claim = Claim("c", "Ships were seized.", status="contested", evidence=[
        Evidence("en-hostile", "a", 0, 1, "en", None, value="12"),
        Evidence("tr-gazete", "b", 0, 1, "tr", None, value="12"),
        Evidence("ar-sahifa", "c", 0, 1, "ar", None, value="12"),
        Evidence("tr-gazete", "d", 2, 3, "tr", None, value="14")])
    recs.claims["c"] = claim
    page = render_claim(claim, prepare(recs))
    column = page.split("## Who says what", 1)[1].split('dossier-value">14<', 1)[0]
    assert column.index("sources/ar-sahifa.md") < column.index("sources/tr-gazete.md") \
        < column.index("sources/en-hostile.md")


# --- actor page ----------------------------------------------------------------------

def test_co_actor_graph_is_inline_svg_bounded_and_escaped(records):
    recs = copy.deepcopy(records)
    many = [f"actor-{i}" for i in range(12)]
    for i, aid in enumerate(many):
        recs.actors[aid] = Actor(aid, f'Name "{i}" </text><script>x</script>', "person")
    recs.claims["big"] = Claim("big", "Many people met.", actors=["lena-marsh"] + many,
                               evidence=[Evidence("tr-gazete", "x", 0, 1, "tr", None)])
    page = render_actor(recs.actors["lena-marsh"], prepare(recs))
    svg = page.split('<svg class="dossier-graph-svg"', 1)[1].split("</svg>", 1)[0]
    assert "<script" not in svg and "mermaid" not in page
    # Drawn: the actor and at most CO_ACTORS_DRAWN others; the list names them all.
    assert svg.count("<circle") == CO_ACTORS_DRAWN + 1
    assert svg.count("<line") == CO_ACTORS_DRAWN
    assert "&lt;&#47;text&gt;" in svg or "&#60;/text&#62;" in svg or "&lt;/text&gt;" in svg
    listed = page.split("## Named together with", 1)[1].split("\n## ", 1)[0]
    assert sum(1 for line in listed.splitlines() if line.startswith("- ")) == 12 + 1  # + the other co-actor


def test_co_actors_are_most_shared_first(records):
    s = prepare(records)
    pairs = co_actors(s, "lena-marsh")
    assert pairs and pairs == sorted(pairs, key=lambda kv: -kv[1])
    assert all(a != "lena-marsh" for a, _ in pairs)


def test_romanized_readings_for_search():
    actor = Actor("x", "Ramiz Mekhtiyev", "person", aliases=[
        Alias("Ramiz Mekhtiyev", "en", "Latn"), Alias("مهدييف", "ar", "Arab"), Alias("مختييف", "ar", "Arab"),
        Alias("رامز مهدييف", "ar", "Arab")])
    assert search_spellings(actor) == ["Mehdiyev", "Ramiz Mehdiyev"]
    # Readings that only repeat a Latin spelling add nothing.
    putin = Actor("p", "Vladimir Putin", "person", aliases=[Alias("بوتين", "ar", "Arab"), Alias("Putin", "en", "Latn")])
    lavrov = Actor("l", "Lavrov", "person", aliases=[Alias("لافروف", "ar", "Arab")])
    assert search_spellings(putin) == [] and search_spellings(lavrov) == []
    page = render_actor(actor, prepare(type("R", (), {"sources": {}, "actors": {"x": actor},
                                                                 "claims": {}})()))
    assert '"Mehdiyev"' in page.split("---", 2)[1]  # in the search tags


# --- citations, timeline, home ---------------------------------------------------------

def test_citations_table_sorted_by_date_without_js(pages, records):
    """The index lists the quoting sources oldest first; each source's page holds its passages."""
    doc = parse(pages["citations.md"])
    links = [a["href"] for t, a in doc.tags if t == "a" and a.get("href", "").startswith("citations/")]
    # The oldest source first (ar 2025-10, tr 2025-10-19, undated last).
    assert [h.split("/")[1].split("-")[0] for h in links] == ["ar", "tr", "en"]
    assert sum(1 for t, a in doc.tags if "data-sort" in a) == 3
    assert not any(t == "tr" and a.get("id") for t, a in doc.tags)  # no passage on the index
    rows = []
    for href in links:
        page = pages[href]
        assert "search:\n  exclude: true\n" in page.split("---\n", 2)[1]  # quotes only: not searched
        rows += [a["id"] for t, a in parse(page).tags if t == "tr" and a.get("id")]
    expected = {f"c-{e.source}-{e.start}-{e.end}" for c in records.claims.values() for e in c.evidence}
    assert sorted(rows) == sorted(expected)  # every passage once, on its own source's page


def test_timeline_orders_by_date_and_lists_undated_apart(records):
    recs = copy.deepcopy(records)
    recs.claims["undated"] = Claim("undated", "Nobody knows when.", evidence=[
        Evidence("en-hostile", "x", 0, 1, "en", None)])
    recs.claims["two-dates"] = Claim("two-dates", "Dates differ.", evidence=[
        Evidence("tr-gazete", "a", 0, 1, "tr", None, date="2024-12"),
        Evidence("ar-sahifa", "b", 0, 1, "ar", None, date="2024-12-25")])
    entries = timeline(prepare(recs))
    dated = [e.date for e in entries if e.date]
    assert dated == sorted(dated)
    assert entries[-1].date is None and entries[-1].claim.id == "undated"
    assert [(e.date, e.kind) for e in entries if e.claim.id == "two-dates"] == [("2024-12", "event"),
                                                                                ("2024-12-25", "event")]
    page = render_timeline(prepare(recs))
    assert page.index("## 2024") < page.index("## 2025") < page.index("## Undated")
    assert page.split("## Undated", 1)[1].count("claims/undated.md") == 1


def test_home_links_exports_and_timeline(pages):
    home = pages["index.md"]
    for name, _ in DATA_FILES:
        assert f"(data/{name})" in home
    assert "(data/schemas/claims.schema.json)" in home and "(timeline.md)" in home


def test_claim_page_does_not_embed_other_claims(records):
    """Page weight: a claim page names only its own claim, however many the dossier has."""
    recs = copy.deepcopy(records)
    for i in range(300):
        recs.claims[f"filler-{i}"] = Claim(f"filler-{i}", f"Filler statement number {i}.", actors=["lena-marsh"],
                                           evidence=[Evidence("tr-gazete", "x", 0, 1, "tr", None)])
    page = render_claim(recs.claims["ships-seized"], prepare(recs))
    assert "Filler statement" not in page and len(page.encode("utf-8")) < 20_000


# --- redirects -----------------------------------------------------------------------

def test_redirects_for_former_ids(records):
    out = site.redirects(records)
    assert set(out) == {"claims/ships-taken.html", "actors/l-marsh.html"}
    page = out["claims/ships-taken.html"]
    assert '<meta http-equiv="refresh" content="0; url=ships-seized.html">' in page
    assert '<link rel="canonical" href="ships-seized.html">' in page and "<script" not in page
    nested = site.redirects(records, directory_urls=True)
    assert 'content="0; url=../ships-seized/"' in nested["claims/ships-taken/index.html"]


def test_no_redirect_over_a_live_page_or_a_disputed_id(records):
    recs = copy.deepcopy(records)
    recs.claims["marsh-resigned"].former_ids = ["ships-seized", "ships-taken"]  # live id; shared old id
    out = site.redirects(recs)
    assert "claims/ships-seized.html" not in out and "claims/ships-taken.html" not in out


def test_direction_follows_the_first_strong_letter():
    assert site.direction("تحطم Azerbaijan Airlines Passenger Jet") == "rtl"
    assert site.direction("president ilhan aliyev") == "ltr"
    assert site.direction("2025 — «الخبر»") == "rtl"


# --- issue 19: templates, verdicts everywhere, rejected claims, graph, translations ------------

def _listing_lines(page: str, claim_id: str) -> list[str]:
    """The lines of a page that link to a claim's page."""
    return [line for line in page.splitlines() if f"{claim_id}.md)" in line]


def test_every_listing_shows_a_verdict_or_not_reviewed(records, pages):
    """Home, claims index, contested, timeline, actor and source pages: each line or row
    linking a claim carries its rating badge ("not reviewed" when there is none)."""
    listings = ["index.md", "claims/index.md", "contested.md", "timeline.md",
                site.page_path("actors", "lena-marsh"), site.page_path("sources", "tr-gazete")]
    seen = 0
    for path in listings:
        page = pages[path]
        if path.startswith("sources/"):  # its list of claims, not the marked text
            page = page.split("## Claims this source supports", 1)[1].split("## Text", 1)[0]
        for claim_id, claim in records.claims.items():
            lines = _listing_lines(page, site.page_path("claims", claim_id).split("/", 1)[1][:-3])
            if path == "claims/index.md":  # a table row: the rating is the next cell
                rows = page.split(f"{site.page_path('claims', claim_id).split('/', 1)[1]})")[1:]
                lines = [row.split("</tr>", 1)[0] for row in rows]
            for line in lines:
                seen += 1
                expected = "dossier-rating--mixed" if claim.verdict else "dossier-rating--none"
                assert expected in line, (path, claim_id, line)
                if not claim.verdict:
                    assert ">not reviewed<" in line
    assert seen >= 8


def test_claim_page_explains_status_and_verdict_together(pages):
    page = pages["claims/ships-seized.md"]
    box = page.split('<section class="dossier-status-verdict"', 1)[1].split("</section>", 1)[0]
    assert "(contested)" in box and "sources disagree" in box
    assert "What the editor concluded:</strong> Mixed" in box and "the verdict weighs them" in box
    assert "not reviewed yet" in pages["claims/marsh-resigned.md"]


def test_home_leads_with_reviewed_then_contested(pages):
    home = pages["index.md"]
    assert home.index("## Reviewed claims") < home.index("## Contested claims") < home.index("## Most corroborated")
    reviewed = home.split("## Reviewed claims", 1)[1].split("\n## ", 1)[0]
    assert "ships-seized.md" in reviewed


def _rejected(records):
    recs = copy.deepcopy(records)
    claim = recs.claims["marsh-resigned"]
    claim.rejected = Rejection("The quote is about <b>another</b> Marsh.", "A. Editor", "2025-03-02")
    return recs


def test_a_rejected_claim_keeps_a_marked_page_and_is_listed_with_its_reason(records):
    recs = _rejected(records)
    out = site.pages(recs, site_fixture_texts(recs))
    page = out["claims/marsh-resigned.md"]
    assert "dossier-badge--rejected" in page and "An editor rejected this claim" in page
    assert "&#60;b&#62;another&#60;/b&#62;" in page and "<b>" not in page  # the reason, inert
    assert "search:\n  exclude: true" in page
    listing = out["rejected.md"]
    assert "marsh-resigned.md" in listing and "another" in listing and "A. Editor" in listing
    # Out of every other listing and count.
    for path in ("index.md", "claims/index.md", "timeline.md", site.page_path("actors", "lena-marsh")):
        assert "marsh-resigned.md)" not in out[path], path
    assert "rejected.md" in out["claims/index.md"] and "rejected.md" in out["index.md"]
    assert "rejected.md" not in site.pages(records, site_fixture_texts(records))


def test_template_override_in_custom_dir_changes_the_claim_page(records, tmp_path):
    override = tmp_path / "overrides" / "dossier"
    override.mkdir(parents=True)
    (override / "claim.html").write_text(
        "# {{ claim.statement }}\n\nHOUSE STYLE for {{ claim.id }}: {{ status_text }} {{ claim.verdict.rationale }}\n",
        encoding="utf-8")
    out = site.pages(records, site_fixture_texts(records), custom_dir=str(tmp_path / "overrides"))
    page = out["claims/ships-seized.md"]
    assert "HOUSE STYLE for ships-seized" in page and "## Evidence" not in page
    # Autoescape holds in an override: the verdict's hostile text stays inert.
    assert "<script" not in page.split("HOUSE STYLE", 1)[1]
    # Every claim page takes the override; other kinds of page keep the package's templates.
    assert "HOUSE STYLE for marsh-resigned" in out["claims/marsh-resigned.md"]
    assert "## Claims about this actor" in out[site.page_path("actors", "lena-marsh")]
    default = site.pages(records, site_fixture_texts(records))["claims/ships-seized.md"]
    assert "HOUSE STYLE" not in default and "## Evidence" in default


def test_a_broken_override_names_its_file(records, tmp_path):
    from dossier.model.errors import DossierError

    override = tmp_path / "dossier"
    override.mkdir()
    (override / "claim.html").write_text("# x\n{% if %}\n", encoding="utf-8")
    with pytest.raises(DossierError) as err:
        site.pages(records, site_fixture_texts(records), custom_dir=str(tmp_path))
    assert "claim.html" in str(err.value) and ":2" in str(err.value)


def test_editor_translation_is_beside_the_quote_and_marked(records):
    recs = copy.deepcopy(records)
    claim = recs.claims["ships-seized"]
    arabic = next(ev for ev in claim.evidence if ev.language == "ar")
    arabic.translation, arabic.translated_by = "The port authority seized the ships.", "R. Translator"
    page = render_claim(claim, prepare(recs))
    row = page.split(f'<tr id="e-{arabic.source}-{arabic.start}-{arabic.end}"', 1)[1].split("</tr>", 1)[0]
    cell = row.split('class="dossier-quote"', 1)[1]
    assert 'dir="rtl" lang="ar"' in cell
    assert '<span class="dossier-gloss" dir="ltr" lang="en">The port authority seized the ships.' in cell
    assert "translation by R. Translator" in cell


def test_whole_dossier_graph_has_typed_edges_and_no_script(records):
    recs = copy.deepcopy(records)
    claim = recs.claims["marsh-resigned"]
    actors = sorted(recs.actors)
    claim.frame = Frame("arrested", "who", subject=actors[0], object=actors[1])
    claim.actors = [actors[0], actors[1]]
    out = site.pages(recs, site_fixture_texts(recs))
    graph = out["graph.md"]
    svg = graph.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "<line" in svg and "<circle" in svg and "marker-end" in svg
    assert "arrested" in graph and "<script" not in graph and "http" not in svg
    assert any("| arrested →" in line and f"{actors[0]}.md" in line and f"{actors[1]}.md" in line
               for line in graph.splitlines())
    # The same records draw the same picture.
    assert site.pages(recs, site_fixture_texts(recs))["graph.md"] == graph
    # A template-made statement is marked as such.
    assert "dossier-frame-note" in out["claims/marsh-resigned.md"]


def test_mixed_script_direction_follows_the_language():
    assert site.direction("مختييف met the envoys in Baku on Monday", "en") == "ltr"
    assert site.direction("تحطم Azerbaijan Airlines Passenger Jet", "ar") == "rtl"
    from dossier.site.common import heading

    assert 'dir="rtl"' not in heading(1, "مختييف met the envoys in Baku on Monday", "en")


def test_rtl_citation_link_stays_on_one_line(pages):
    page = next(p for path, p in pages.items() if path.startswith("citations/") and 'lang="ar"' in p)
    assert '<bdi class="dossier-nowrap" dir="ltr" lang="en"><small>' in page


def test_source_page_leads_with_provenance(pages):
    page = pages[site.page_path("sources", "tr-gazete")]
    fields = re.findall(r'<td [^>]*data-label="Field" markdown="span">([^<]+)</td>', page)
    assert fields[:5] == ["Outlet", "Address", "Published", "Retrieved", "Archived copy"]
    assert fields.index("SHA-256") > fields.index("Title") and fields[-1] == "Encoding"


def test_claim_pages_name_their_actors_in_every_script(records, pages):
    """A claim is found by its actors' other spellings: they are on its page."""
    for claim in records.claims.values():
        for actor_id in claim.actors:
            actor = records.actors.get(actor_id)
            for alias in (actor.aliases if actor else [])[:3]:
                if alias.name != actor.name:
                    assert html.unescape(alias.name) in html.unescape(pages[site.page_path("claims", claim.id)])


def test_an_updated_figure_lists_its_values_in_date_order(records):
    recs = copy.deepcopy(records)
    claim = recs.claims["ships-seized"]
    claim.status = "updated"
    page = render_claim(claim, prepare(recs))
    updates = page.split("## Updates", 1)[1].split("\n## ", 1)[0]
    dates = re.findall(r"^- (\S+): <strong>", updates, re.M)
    assert dates and dates == sorted(dates, key=lambda d: (d == "undated", d))
    assert "dossier-badge--updated" in page and "changed over time" in page


def test_who_did_it_shows_the_actors_name_not_its_id(records):
    """A "who" claim's values are actor ids: the page shows each actor's name, linked, in the
    evidence table and in who says what; other values stay as written."""
    recs = copy.deepcopy(records)
    claim = recs.claims["marsh-resigned"]
    first, second = sorted(recs.actors)[:2]
    claim.frame = Frame("claimed responsibility", "who")
    for ev, who in zip(claim.evidence, [first, second] * len(claim.evidence)):
        ev.value = who
    page = render_claim(claim, prepare(recs))
    for actor in (first, second)[:len(claim.evidence)]:
        assert f"](../actors/{actor}.md)</strong>" in page  # the evidence table links the actor's page
        assert f'](../actors/{actor}.md)</span>' in page  # so does who says what
        assert f"value: <strong>{actor}</strong>" not in page
    assert "<img" not in page  # the (hostile) name is escaped as every actor name is


def test_a_large_figure_is_shown_with_its_thousands_grouped():
    from types import SimpleNamespace

    from dossier.site.prepared import shown_value
    site, count = SimpleNamespace(actors={}), SimpleNamespace(frame=SimpleNamespace(slot="count"))
    assert shown_value(site, count, "5000000000", "claims/x.md") == "5,000,000,000"
    assert shown_value(site, count, "2750", "claims/x.md") == "2750"  # as the sources write a small one
    assert shown_value(site, SimpleNamespace(frame=SimpleNamespace(slot="yes-no")), "12345", "x") == "12345"


def test_a_contested_figure_says_how_many_of_its_sources_are_undated():
    from types import SimpleNamespace as NS

    from dossier.site.claims import STATUS_TEXT, status_text
    ev = [NS(source="a", value="12", stance="affirms", date=None), NS(source="b", value="15", stance="affirms", date=None)]
    claim = NS(status="contested", frame=NS(slot="count"), evidence=ev)
    site = NS(sources={"a": NS(published="2026-01-02"), "b": NS(published=None)})
    assert "1 of the 2 sources giving a figure gives no date" in status_text(site, claim)
    site.sources["b"] = NS(published="2026-01-03")
    assert status_text(site, claim) == STATUS_TEXT["contested"]
