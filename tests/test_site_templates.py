"""The listings' page templates (contested.html, timeline.html, timeline_page.html,
section_index.html, section_list.html): each page is made from its template, and a file of
the same name in a project's custom_dir/dossier/ replaces it, autoescape still on."""
from __future__ import annotations

from pathlib import Path

import pytest

from dossier import site
from dossier.io.store import load_records
from dossier.site import contested as site_contested
from dossier.site import indexes as site_indexes
from dossier.site import timeline as site_timeline
from dossier.site.templates import PACKAGE_TEMPLATES

from conftest import site_fixture_texts

FIXTURE = Path(__file__).parent / "fixtures" / "site"

#: template -> (a page made from it, an override printing what the template is given)
OVERRIDES = {
    "contested.html": ("contested.md", "{% for c in claims %}HOUSE {{ c.claim.id }}: {{ c.claim.verdict.rationale }}"
                                       " {{ c.rating_badge }}\n{% endfor %}"),
    "timeline.html": ("timeline.md", "HOUSE {{ total }} on {{ pages|length }} pages: {% for p in pages %}{{ p.link }} "
                                     "{% endfor %}\n"),
    "timeline_page.html": ("timeline/page-2.md", "HOUSE {{ number }}/{{ pages }} {% for y in years %}{% for e in "
                                                 "y.entries %}{{ e.claim.statement }} {{ e.rating_badge }} "
                                                 "{% endfor %}{% endfor %}\n"),
    "section_index.html": ("claims/index.md", '{% import "_macros.html" as m %}HOUSE {{ folder }}\n\n'
                                              "{% for t in tables %}{{ m.cards(t.headers, t.rows) }}\n{% endfor %}"),
    "section_list.html": ("sources/_documents-2.md", "HOUSE {{ folder }} {{ number }}/{{ pages }} {{ back }}\n"),
}


@pytest.fixture(scope="module")
def records():
    return load_records(FIXTURE / "content")


@pytest.fixture
def paged(monkeypatch):
    """Small pages, so the fixture's few records fill list pages too."""
    monkeypatch.setattr(site_indexes, "INDEX_ROWS_PER_PAGE", 1)
    monkeypatch.setattr(site_timeline, "TIMELINE_ENTRIES_PER_PAGE", 2)
    monkeypatch.setattr(site_contested, "CONTESTED_PER_PAGE", 1)


def test_every_listing_template_is_shipped_and_documented():
    for name in OVERRIDES:
        text = (PACKAGE_TEMPLATES / name).read_text(encoding="utf-8")
        assert text.startswith("{#-") and f"<custom_dir>/dossier/{name}" in text, name


@pytest.mark.parametrize("name", sorted(OVERRIDES))
def test_an_override_in_custom_dir_replaces_the_listing(name, records, tmp_path, paged):
    path, body = OVERRIDES[name]
    texts = site_fixture_texts(records)
    default = site.pages(records, texts)
    override = tmp_path / "overrides" / "dossier"
    override.mkdir(parents=True)
    (override / name).write_text(body, encoding="utf-8")
    out = site.pages(records, texts, custom_dir=str(tmp_path / "overrides"))
    assert "HOUSE" in out[path] and "HOUSE" not in default[path], path
    # Only the pages of that template change.
    changed = {p for p in out if out[p] != default[p]}
    assert path in changed and all("HOUSE" in out[p] for p in changed), sorted(changed)
    # What the override prints stays inert text: the verdict's hostile text, the statements.
    assert "</script><!--" not in out[path] and "<b>" not in out[path]


def test_what_the_listing_templates_are_given(records, tmp_path, paged):
    override = tmp_path / "overrides" / "dossier"
    override.mkdir(parents=True)
    for name, (_path, body) in OVERRIDES.items():
        (override / name).write_text(body, encoding="utf-8")
    out = site.pages(records, site_fixture_texts(records), custom_dir=str(tmp_path / "overrides"))
    contested = out["contested.md"]
    assert "HOUSE ships-seized: Ships were held" in contested and "&#60;/script&#62;" in contested
    assert 'dossier-rating--mixed" lang="en">Mixed</span>' in contested  # fragments print as markup
    assert "HOUSE 4 entries on 2 pages: [" in out["timeline.md"] and "(timeline/page-2.md)" in out["timeline.md"]
    assert "HOUSE 2/2 " in out["timeline/page-2.md"] and "dossier-rating--" in out["timeline/page-2.md"]
    # A project's template may use the package's macros: a phone card per row, each cell labelled.
    index = out["claims/index.md"]
    assert "HOUSE claims" in index and '<td data-label="Claim" markdown="span">[' in index
    assert '<table class="dossier-table dossier-index"' in index
    assert "HOUSE sources 2/3 [All sources](index.md)" in out["sources/_documents-2.md"]


#: An actor_tables.html override printing the rows its macros are given, as plain text.
ACTOR_TABLES = """\
{% macro names(rows) %}HOUSE-NAMES {% for r in rows %}[{{ r.language }}|{{ r.script }}|{{ r.names|join("+") }}]
{%- endfor %}{% endmacro %}
{% macro roles(rows) %}HOUSE-ROLES {% for r in rows %}[{{ r.source }}|{{ r.text }}|{{ r.former and "former" or "now" }}]
{%- endfor %}{% endmacro %}
{% macro sources(rows) %}HOUSE-SOURCES {% for r in rows %}[{{ r.published }}|{{ r.mentions }}|{{ r.cited }}]
{%- endfor %}{% endmacro %}
"""


def test_an_actor_tables_override_replaces_the_actor_pages_tables(records, tmp_path, monkeypatch):
    """The actor page's names, roles and sources tables come from actor_tables.html's macros,
    which a custom_dir replaces; the sources' continuation pages use the same macro."""
    from dossier.site import actors as site_actors
    monkeypatch.setattr(site_actors, "ACTOR_LIST_ROWS", 1)
    texts = site_fixture_texts(records)
    default = site.pages(records, texts)
    page = default["actors/lena-marsh.md"]
    assert page.count("<table") == 3 and 'data-label="Role as written"' in page
    assert ('<td class="dossier-quote" dir="rtl" lang="ar" data-label="Names" markdown="span">لينا مارش</td>'
            in page)
    assert '<span class="dossier-former">former</span>' in page
    override = tmp_path / "overrides" / "dossier"
    override.mkdir(parents=True)
    (override / "actor_tables.html").write_text(ACTOR_TABLES, encoding="utf-8")
    out = site.pages(records, texts, custom_dir=str(tmp_path / "overrides"))
    page = out["actors/lena-marsh.md"]
    assert "<table" not in page
    assert "HOUSE-NAMES [Arabic &#40;ar&#41;|Arab|لينا مارش]" in page and "|Latn|Lena Marsh+Marsh]" in page
    assert "|Liman Bakanı|now]" in page and "|وزيرة الموانئ السابقة|former]" in page
    assert "HOUSE-ROLES [[<bdi>" in page  # the source links print as links
    assert "HOUSE-SOURCES [2025-10-19|2|False]" in page
    changed = {p for p in out if out[p] != default[p]}
    assert changed and all(p.startswith("actors/") for p in changed), sorted(changed)
    assert any(p.startswith("actors/lena-marsh/sources-") and "HOUSE-SOURCES" in out[p] for p in changed)
    # The hostile actor's name, printed by the override, stays inert text.
    evil = out["actors/evil-actor.md"]
    assert "HOUSE-NAMES" in evil and "<img" not in evil.split("HOUSE-NAMES", 1)[1]
