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
from dossier.site.actors import CO_ACTORS_DRAWN, co_actors, mermaid_label, render_actor, search_spellings
from dossier.site.claims import render_claim
from dossier.site.indexes import DATA_FILES
from dossier.site.prepared import origin_count, prepare
from dossier.site.timeline import render_timeline, timeline
from dossier.model import Actor, Alias, Claim, Evidence
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

def test_co_actor_network_is_bounded_and_escaped(records):
    recs = copy.deepcopy(records)
    many = [f"actor-{i}" for i in range(12)]
    for i, aid in enumerate(many):
        recs.actors[aid] = Actor(aid, f'Name "{i}" ]-->|x| [evil]', "person")
    recs.claims["big"] = Claim("big", "Many people met.", actors=["lena-marsh"] + many,
                               evidence=[Evidence("tr-gazete", "x", 0, 1, "tr", None)])
    page = render_actor(recs.actors["lena-marsh"], prepare(recs))
    code = page.split('<pre class="mermaid dossier-graph"', 1)[1].split("<code>", 1)[1].split("</code>", 1)[0]
    assert "<" not in code and '"' not in code  # inert in HTML ...
    graph = html.unescape(code)  # ... and what Mermaid reads (the element's text):
    edges = [line for line in graph.splitlines() if "---|" in line]
    # Drawn: the actor and at most CO_ACTORS_DRAWN others; the list names them all.
    assert len(edges) == CO_ACTORS_DRAWN
    for line in edges:
        assert re.fullmatch(r'  a0 ---\|\d+\| a\d+\["[^"\[\]|<>]*"\]', line), line
    listed = page.split("## Named together with", 1)[1].split("\n## ", 1)[0]
    assert sum(1 for line in listed.splitlines() if line.startswith("- ")) == 12 + 1  # + the other co-actor
    label = mermaid_label('A "B" [c] (d) |e| <f>')
    assert label.startswith('"') and label.endswith('"')
    assert not set(label[1:-1]) & set('"[]()|<>')


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
