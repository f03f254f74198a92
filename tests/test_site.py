"""dossier.site: records -> Markdown pages (golden files, escaping, offsets, links)."""
from __future__ import annotations

import html
import os
import posixpath
import random
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier import exports
from dossier import site
from dossier.site.claims import _value_key, render_claim
from dossier.site.common import BIDI_CONTROLS, citations_page, clean, esc
from dossier.site.prepared import claim_ref, prepare, statement_lang
from dossier.model import Claim, Evidence, Source, Span
from dossier.io.store import load_records

from conftest import shuffled, site_fixture_texts

FIXTURE = Path(__file__).parent / "fixtures" / "site"
GOLDEN = Path(__file__).parent / "golden" / "site"
EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "toc"]


@pytest.fixture(scope="module")
def records():
    return load_records(FIXTURE / "content")


@pytest.fixture(scope="module")
def texts(records):
    return site_fixture_texts(records)


@pytest.fixture(scope="module")
def pages(records, texts):
    return site.pages(records, texts)


def to_html(md_text: str) -> str:
    return markdown.markdown(md_text, extensions=EXTENSIONS)


class _Collect(HTMLParser):
    """Collects tags with attributes, and the text inside elements of a given class.

    Labels (<small>) and extra claim links (<sup>) are page furniture, not document text.
    """

    def __init__(self, text_class: str | None = None):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text_class = text_class
        self.depth = 0
        self.skip = 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "br":
            if self.depth:
                self.text.append("\n")
            return
        if self.depth:
            self.depth += 1
            if tag in ("small", "sup") or self.skip:
                self.skip += 1
        elif self.text_class and self.text_class in (attrs.get("class") or "").split():
            self.depth = 1

    def handle_endtag(self, tag):
        if tag == "br" or not self.depth:
            return
        self.depth -= 1
        if self.skip:
            self.skip -= 1
        if tag == "p":
            self.text.append("\n\n")

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.text.append(data.replace("\n", " "))  # source newlines are HTML white space


def parse(html_text: str, text_class: str | None = None) -> _Collect:
    p = _Collect(text_class)
    p.feed(html_text)
    return p


# ---------------------------------------------------------------------------------------
# Golden pages
# ---------------------------------------------------------------------------------------

def test_golden_pages(pages):
    """Every page matches its golden file (UPDATE_GOLDEN=1 rewrites them)."""
    if os.environ.get("UPDATE_GOLDEN") == "1":
        for old in GOLDEN.rglob("*.md"):
            old.unlink()
        for path, text in pages.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    golden = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.md")}
    assert sorted(golden) == sorted(pages)
    for path, text in pages.items():
        assert text == golden[path], f"{path} differs from tests/golden/site/{path} (UPDATE_GOLDEN=1 to accept)"


def test_page_set(pages, records):
    expected = {"index.md", "citations.md", "contested.md", "claims/index.md", "actors/index.md", "sources/index.md",
                "timeline.md"}
    expected |= {site.page_path("claims", i) for i in records.claims}
    expected |= {site.page_path("actors", i) for i in records.actors}
    expected |= {site.page_path("sources", i) for i in records.sources}
    expected |= {citations_page(e.source) for c in records.claims.values() for e in c.evidence
                 if e.source in records.sources}
    expected |= {"graph.md", "review.md"}  # the fixture's claims link actors; the editors' queue
    assert set(pages) == expected
    # A record whose id is 'index' must not replace the section index.
    assert "claims/_index.md" in pages and pages["claims/index.md"].count("# Claims") == 1


def test_deterministic_regardless_of_dict_order(records, texts, pages):
    shuffled_records = shuffled(records, 7)
    rng = random.Random(7)
    for claim in shuffled_records.claims.values():
        rng.shuffle(claim.evidence)
    again = site.pages(shuffled_records, dict(reversed(list(texts.items()))))
    assert list(again) == list(pages)
    assert again == pages


# ---------------------------------------------------------------------------------------
# Safety
# ---------------------------------------------------------------------------------------

HOSTILE = ["<script>alert(1)</script>", "{{ x }}", "{% if %}", "[x](javascript:alert(1))", "\u202e",
           "<img src=x onerror=alert(1)>", "*b* _i_ `c` # h | t", "</title><script>x</script>"]


@pytest.mark.parametrize("text", HOSTILE)
def test_esc_is_inert(text):
    out = esc(text)
    bare = re.sub(r"&#\d+;", "", out)
    for ch in "<>[](){}*_`#|\"'&":
        assert ch not in bare
    assert not any(c in out for c in BIDI_CONTROLS)
    rendered = to_html(f"# {out}\n\n{out}\n")
    tags = {t for t, _ in parse(rendered).tags}
    assert tags <= {"h1", "p"}
    # The reader still sees the original characters (bidi controls removed).
    visible = html.unescape(re.sub(r"<[^>]+>", "", rendered.split("\n")[-1]))
    assert visible == " ".join(text.replace("\u202e", "").split())


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_esc_roundtrips_any_text(text):
    out = esc(text)
    assert "<" not in out and "[" not in out and "{" not in out
    assert html.unescape(out) == " ".join(clean(text).split())


def test_no_markup_from_source_text_in_any_page(pages):
    for path, md_text in pages.items():
        rendered = to_html(md_text.split("---\n", 2)[-1] if md_text.startswith("---\n") else md_text)
        doc = parse(rendered)
        for tag, attrs in doc.tags:
            if tag == "script" and attrs == {"type": "application/ld+json"}:
                continue  # the claim's JSON-LD: data (test_site_features checks it is inert)
            assert tag not in ("script", "img", "b", "iframe"), f"{path}: <{tag}> from source text"
            for name, value in attrs.items():
                assert not name.startswith("on"), f"{path}: event handler {name}"
                if name == "href":
                    assert not value.lower().lstrip().startswith(("javascript:", "data:")), f"{path}: {value}"
        assert not any(c in md_text for c in BIDI_CONTROLS), path
        assert "{{" not in md_text and "{%" not in md_text, path


def test_front_matter_title_is_escaped(pages):
    page = pages["claims/hostile-claim.md"]
    assert page.startswith("---\ntitle: ")
    title_line = page.split("\n")[1]
    assert "<" not in title_line and "&#60;script&#62;" in title_line


def test_only_http_urls_become_links(pages):
    hostile = to_html(pages["sources/en-hostile.md"].split("---\n", 2)[-1])
    assert 'href="javascript' not in hostile.lower()
    turkish = parse(to_html(pages["sources/tr-gazete.md"].split("---\n", 2)[-1]))
    hrefs = [a.get("href") for t, a in turkish.tags if t == "a"]
    assert "https://example.org/tr/liman?a=1&b=2" in hrefs


# ---------------------------------------------------------------------------------------
# Content
# ---------------------------------------------------------------------------------------

def test_arabic_quotes_are_rtl(pages):
    doc = parse(to_html(pages["claims/ships-seized.md"]))
    cells = [a for t, a in doc.tags if t == "td" and "dossier-quote" in (a.get("class") or "")]
    assert {(c.get("dir"), c.get("lang")) for c in cells} == {("rtl", "ar"), ("ltr", "tr"), ("ltr", "en")}
    source = parse(to_html(pages["sources/ar-sahifa.md"]))
    text_div = [a for t, a in source.tags if t == "div" and a.get("class") == "dossier-text"]
    assert text_div and text_div[0]["dir"] == "rtl" and text_div[0]["lang"] == "ar"


def test_claim_page_links_evidence_to_citations(pages, records):
    claim = records.claims["ships-seized"]
    page = pages["claims/ships-seized.md"]
    doc = parse(to_html(page))
    row_ids = [a.get("id") for t, a in doc.tags if t == "tr" and a.get("id")]
    assert sorted(row_ids) == sorted(f"e-{e.source}-{e.start}-{e.end}" for e in claim.evidence)
    hrefs = [a.get("href") for t, a in doc.tags if t == "a"]
    for e in claim.evidence:
        assert f"../citations/{e.source}.md#c-{e.source}-{e.start}-{e.end}" in hrefs
    assert "## Who says what" in page
    assert "dossier-badge--contested" in page


def test_who_says_what_groups_values_and_stances(pages):
    page = pages["contested.md"]
    section = page.split("## The Harbor Authority seized ships.", 1)[1]
    doc = parse(to_html(section))
    heads = [a.get("class") for t, a in doc.tags if t == "div" and "dossier-position" in (a.get("class") or "")]
    # One column per position: the two figures in numeric order, then the denial.
    assert heads == ["dossier-position dossier-position--affirms"] * 2 + ["dossier-position dossier-position--denies"]
    assert section.index('dossier-value">12<') < section.index('dossier-value">14<') < section.index(">denies<")


def test_value_order_is_numeric():
    assert sorted(["12", "9", "100", "abc"], key=_value_key) == ["9", "12", "100", "abc"]


def test_statement_language_and_direction(records, texts):
    arabic = "قال مسؤول إن الميناء أغلق"
    claim = Claim("ar-claim", arabic, evidence=[Evidence("ar-sahifa", arabic + ".", 0, len(arabic) + 1, "ar", None)])
    english = Claim("en-claim", "The port closed.", evidence=[Evidence("ar-sahifa", arabic, 0, len(arabic), "ar", None)])
    turkish = Claim("tr-claim", "Liman kapandı", evidence=[Evidence("tr-gazete", "Dün liman kapandı.", 0, 18, "tr", None)])
    assert statement_lang(claim) == "ar"
    assert statement_lang(english) == "en"
    assert statement_lang(turkish) == "tr"
    page = render_claim(claim, prepare(records, texts))
    # Front-matter title without the attr_list suffix; heading carries dir/lang.
    assert page.split("\n")[1] == f'title: "{arabic}"'
    heading = parse(to_html(page.split("---\n", 2)[-1]))
    assert ("h1", {"dir": "rtl", "lang": "ar"}) in [(t, {k: v for k, v in a.items() if k != "id"})
                                                     for t, a in heading.tags if t == "h1"]
    assert f'<bdi dir="ltr" lang="tr">Liman kapandı</bdi>' in claim_ref(prepare(records), turkish, "index.md")


def test_source_text_marks_quotes_by_offset(pages, records, texts):
    doc = parse(to_html(pages["sources/tr-gazete.md"]))
    marks = {a["id"] for t, a in doc.tags if t == "mark" and a.get("id")}
    expected = {f"q-{e.start}-{e.end}" for c in records.claims.values() for e in c.evidence if e.source == "tr-gazete"}
    assert marks == expected
    labels = [a for t, a in doc.tags if t == "span" and a.get("class") == "dossier-boilerplate" and "title" in a]
    assert labels and labels[0]["title"] == "read-also"


def test_home_lists_contested_first(pages):
    home = pages["index.md"]
    assert home.index("## Contested claims") < home.index("## Most corroborated claims")
    contested = home.split("## Contested claims", 1)[1].split("##", 1)[0]
    assert "ships-seized.md" in contested and "marsh-resigned.md" not in contested
    assert "<strong>3</strong> documents" in home


def test_intro_replaces_default_heading(records, texts):
    out = site.pages(records, texts, site_name="Harbor file", intro="# My dossier\n\nHand-written.")
    assert out["index.md"].startswith("# My dossier\n\nHand-written.")
    assert site.pages(records, texts, site_name="Harbor file")["index.md"].startswith("# Harbor file")


def test_all_links_resolve(pages, records):
    """Every relative link points at a generated page (or export), and every #anchor exists there."""
    records_for_links = records
    ids = {}
    for path, text in pages.items():
        doc = parse(to_html(text.split("---\n", 2)[-1] if text.startswith("---\n") else text))
        ids[path] = {a["id"] for _, a in doc.tags if a.get("id")}
    for path, text in pages.items():
        doc = parse(to_html(text.split("---\n", 2)[-1] if text.startswith("---\n") else text))
        for tag, attrs in doc.tags:
            href = attrs.get("href") if tag == "a" else None
            if not href or href.startswith("https://"):
                continue
            target, _, anchor = href.partition("#")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target)) if target else path
            if resolved.startswith("data/"):  # the exports: written next to the pages by the plugin
                assert resolved in exports.exports(records_for_links), f"{path}: no such export {href}"
                continue
            assert resolved in pages, f"{path}: broken link {href}"
            if anchor:
                assert anchor in ids[resolved], f"{path}: missing anchor {href}"


def test_stale_quote_is_reported_not_marked(records, texts):
    changed = dict(texts)
    changed["tr-gazete"] = "Completely different text now.\n"
    page = site.pages(records, changed)["sources/tr-gazete.md"]
    assert "Quotes out of date" in page
    assert "<mark class=\"dossier-mark\" id=" not in page


def test_missing_text_is_reported(records, texts):
    page = site.pages(records, {})["sources/ar-sahifa.md"]
    assert "Text unavailable" in page


# ---------------------------------------------------------------------------------------
# Source text rendering keeps every character, whatever the spans
# ---------------------------------------------------------------------------------------

def _render_with_spans(text: str, quotes: list[tuple[int, int]], bps: list[tuple[int, int]]):
    source = Source(id="doc", path="content/sources/doc.txt", sha256="0", language="en", title="T",
                    publisher=None, author=None, published=None, published_precision=None, url=None,
                    boilerplate=[Span(s, e, "other") for s, e in bps])
    claims = {}
    for i, (s, e) in enumerate(quotes):
        cid = f"c{i}"
        claims[cid] = Claim(cid, f"claim {i}", evidence=[Evidence("doc", text[s:e], s, e, "en", None)])

    class R:
        pass
    r = R()
    r.sources, r.actors, r.claims = {"doc": source}, {}, claims
    return site.pages(r, {"doc": text})["sources/doc.md"]


def _normalise(text: str) -> list[str]:
    """Non-empty lines, spaces collapsed: the same whether lines became <br> or paragraphs."""
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_rendered_text_keeps_all_characters(data):
    alphabet = st.sampled_from(list("ab <>[]*_{}#|\n\n") + ["قال", "é", "\u202e"])
    text = "".join(data.draw(st.lists(alphabet, min_size=1, max_size=40)))
    n = len(text)
    spans = st.tuples(st.integers(0, n), st.integers(0, n)).map(sorted).filter(lambda p: p[0] < p[1])
    quotes = data.draw(st.lists(spans, max_size=4))
    bps = data.draw(st.lists(spans, max_size=2))
    page = _render_with_spans(text, [tuple(q) for q in quotes], [tuple(b) for b in bps])
    rendered = to_html(page.split("---\n", 2)[-1])
    doc = parse(rendered, "dossier-text")
    shown = "".join(doc.text)
    assert _normalise(shown) == _normalise(clean(text))
    assert not any(t in ("script",) for t, _ in doc.tags)


def test_a_statement_quoted_from_a_source_says_so_in_its_language(records, texts):
    turkish = "Feribotun … yolcu taşıma izni vardı."
    quoted = Claim("tr-quoted", turkish, statement_from="quote",
                   evidence=[Evidence("tr-gazete", "Feribotun 80 yolcu taşıma izni vardı.", 0, 37, "tr", None, value="80")])
    page = render_claim(quoted, prepare(records, texts))
    assert "Quoted from a source (Turkish" in page
    made = Claim("en-made", "Number of passengers allowed on the ferry", statement_from="template",
                 evidence=quoted.evidence)
    assert "Quoted from a source" not in render_claim(made, prepare(records, texts))
