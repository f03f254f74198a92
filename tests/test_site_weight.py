"""Page weight at scale (issue 6): a claim page stays small however many documents quote the
claim, citations are split per source, and pages that only repeat quotes stay out of search."""
from __future__ import annotations

import posixpath
import re
from types import SimpleNamespace

import markdown
from material.plugins.search.plugin import Parser

from dossier import site
from dossier.site import claims as site_claims
from dossier.site import contested as site_contested
from dossier.site import indexes as site_indexes
from dossier.site import timeline as site_timeline
from dossier.site.common import evidence_anchor, evidence_page
from dossier.model import Claim, Evidence, Origin, Source

EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "toc"]
KB = 1024


def _records(n_sources: int, claims: list[Claim]) -> SimpleNamespace:
    sources = {}
    for i in range(n_sources):
        sid = f"s{i:05d}"
        sources[sid] = Source(sid, f"content/sources/{sid}.txt", None, "en" if i % 3 else "ar",
                              f"Report number {i} on the harbour", f"Publisher {i % 40}", None,
                              f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}", "day", None)
    return SimpleNamespace(sources=sources, actors={}, claims={c.id: c for c in claims})


def _long_quote(i: int, lang: str) -> str:
    word = "ميناء" if lang == "ar" else "harbour"
    return f"Passage {i}: " + " ".join(f"{word}{j}" for j in range(60))  # ~500 characters


def _big_claim(n: int, n_sources: int) -> Claim:
    """`n` long quotes: most affirm 29; a handful say 38, one denies (all late in date order)."""
    evidence = []
    for i in range(n):
        sid = f"s{i % n_sources:05d}"
        lang = "ar" if (i % n_sources) % 3 == 0 else "en"
        if i >= n - 3:
            stance, value = "denies", None
        elif i >= n - 10:
            stance, value = "affirms", "38"
        else:
            stance, value = "affirms", "29"
        evidence.append(Evidence(sid, _long_quote(i, lang), i * 1000, i * 1000 + 500, lang, None, stance, value))
    origins = [Origin(f"s{k:05d}", "source") for k in range(min(n_sources, 200))]
    return Claim("big", "Twenty-nine people died in the harbour.", status="contested", evidence=evidence,
                 origins=origins)


def _anchors(markdown_text: str) -> set[str]:
    return set(re.findall(r'<tr id="(e-[^"]+)"', markdown_text))


def test_claim_page_is_bounded_and_every_quote_reachable():
    claim = _big_claim(2000, 500)
    records = _records(500, [claim])
    pages = site.pages(records)
    page = pages["claims/big.md"]
    assert len(page.encode("utf-8")) < 100 * KB, len(page.encode("utf-8")) / KB
    assert site_claims.evidence_pages(claim) == 40
    # Every evidence item has its row (and permalink) on exactly one evidence page.
    found: list[str] = []
    for k in range(1, site_claims.evidence_pages(claim) + 1):
        sub = pages[evidence_page("big", k)]
        assert len(sub.encode("utf-8")) < 100 * KB
        assert "search:\n  exclude: true\n" in sub.split("---\n", 2)[1]
        found += sorted(_anchors(sub))
    assert sorted(found) == sorted(evidence_anchor(e) for e in claim.evidence)
    assert len(found) == len(set(found))
    # The claim page links the first and the last evidence page; each page links its neighbours.
    assert "(big/evidence-1.md)" in page and "(big/evidence-40.md)" in page
    assert "(evidence-2.md)" in pages[evidence_page("big", 1)]
    assert "(evidence-21.md)" in pages[evidence_page("big", 20)]
    # Every side of the disagreement is quoted on the claim page, in its table and who-says-what.
    shown = [e for e in claim.evidence if evidence_anchor(e) in _anchors(page)]
    assert len(shown) == site_claims.CLAIM_EVIDENCE_SHOWN
    assert {(e.stance, e.value) for e in shown} == {("affirms", "29"), ("affirms", "38"), ("denies", None)}
    assert len({e.source for e in shown}) == len(shown)  # different sources before a second quote
    wsw = page.split("## Who says what", 1)[1]
    assert wsw.count('class="dossier-position ') == 3
    assert wsw.count("<blockquote") <= site_claims.WSW_QUOTES
    assert "more quotes on this side" in wsw
    assert "more origins" in page


def test_small_claim_page_shows_everything():
    claim = _big_claim(site_claims.CLAIM_EVIDENCE_SHOWN, 50)
    pages = site.pages(_records(50, [claim]))
    assert site_claims.evidence_pages(claim) == 0
    assert not any("/evidence-" in p for p in pages)
    assert _anchors(pages["claims/big.md"]) == {evidence_anchor(e) for e in claim.evidence}
    # Who-says-what still bounds its quotes, and points at the table above for the rest.
    assert "more quotes on this side](big.md#evidence)" in pages["claims/big.md"]


def _citation_pages(n_sources: int) -> dict[str, str]:
    claims = []
    for c in range(n_sources // 2):  # each claim quoted by two sources, each source by two claims
        evidence = [Evidence(f"s{(2 * c + k) % n_sources:05d}", _long_quote(c, "en"), c * 600 + k, c * 600 + k + 500,
                             "en", None) for k in range(3)]
        claims.append(Claim(f"claim-{c:05d}", f"Statement {c}.", status="corroborated", evidence=evidence))
    pages = site.pages(_records(n_sources, claims))
    return {p: t for p, t in pages.items() if p == "citations.md" or p.startswith("citations/")}


def test_citation_pages_do_not_grow_with_the_dossier():
    sizes = {n: _citation_pages(n) for n in (40, 400, 1200)}
    assert len([p for p in sizes[1200] if p.startswith("citations/_sources-")]) == 6
    assert len([p for p in sizes[1200] if p.startswith("citations/") and "_" not in p]) == 1200
    assert not any(p.startswith("citations/_") for p in sizes[40])  # a small dossier: one index table

    def biggest(pages):
        return max(len(t.encode("utf-8")) for t in pages.values())

    def total(pages):
        return sum(len(t.encode("utf-8")) for t in pages.values())

    # Three times the sources, three times the bytes, but no bigger page: the largest is a
    # list page of CITATION_SOURCES_PER_PAGE sources or one source's passages.
    assert total(sizes[1200]) > 2.5 * total(sizes[400])
    assert biggest(sizes[1200]) <= biggest(sizes[400]) * 1.05
    assert len(sizes[1200]["citations.md"].encode("utf-8")) < 4 * KB
    # Every source is listed on exactly one list page, and every passage anchored on its source's page.
    listed = []
    for path, text in sizes[1200].items():
        if path.startswith("citations/_sources-"):
            assert "search:\n  exclude: true\n" in text.split("---\n", 2)[1]
            listed += re.findall(r"\]\((s\d+)\.md\)", text)
        elif path != "citations.md":
            sid = path.split("/")[1][:-3]
            assert all(a.startswith(f"c-{sid}-") for a in re.findall(r'<tr id="([^"]+)"', text))
    assert sorted(listed) == sorted(f"s{i:05d}" for i in range(1200))


def _indexed_text(markdown_text: str) -> str:
    """What Material's search plugin indexes of a page (None: the whole page is excluded)."""
    front, body = markdown_text.split("---\n", 2)[1:] if markdown_text.startswith("---\n") else ("", markdown_text)
    if "search:\n  exclude: true" in front:
        return ""
    parser = Parser()
    parser.feed(markdown.markdown(body, extensions=EXTENSIONS))
    parser.close()
    return " ".join("".join(s.title) + " " + "".join(s.text) for s in parser.data if not s.is_excluded())


def test_search_index_keeps_statements_and_titles_not_quotes():
    claim = _big_claim(30, 10)
    records = _records(10, [claim])
    text = "Intro line.\n\n" + "\n\n".join(e.quote for e in claim.evidence if e.source == "s00001")
    pages = site.pages(records, texts={"s00001": text})
    claim_text = _indexed_text(pages["claims/big.md"])
    assert "Twenty-nine people died" in claim_text
    assert "harbour59" not in claim_text  # the quotes (table and who-says-what) are not indexed
    source_text = _indexed_text(pages["sources/s00001.md"])
    assert "Report number 1 on the harbour" in source_text and "Publisher 1" in source_text
    assert "Intro line" not in source_text and "harbour59" not in source_text
    assert _indexed_text(pages["citations/s00001.md"]) == ""
    assert _indexed_text(pages[evidence_page("big", 1)]) == ""
    assert "Citations" in _indexed_text(pages["citations.md"])


def _timeline_pages(n_claims: int) -> dict[str, str]:
    """Each claim quoted by 30 sources giving one event date (one timeline entry each)."""
    claims = []
    for c in range(n_claims):
        date = f"20{20 + c % 6}-{1 + c % 12:02d}-{1 + c % 28:02d}"
        evidence = [Evidence(f"s{k:05d}", "A quote.", c * 100 + k, c * 100 + k + 5, "en", None, date=date)
                    for k in range(30)]
        claims.append(Claim(f"claim-{c:05d}", f"Statement {c}.", status="corroborated", evidence=evidence))
    pages = site.pages(_records(30, claims))
    timeline = {p: t for p, t in pages.items() if p == "timeline.md" or p.startswith("timeline/")}
    _links_resolve(pages, timeline)
    return timeline


def test_timeline_pages_do_not_grow_with_the_dossier(monkeypatch):
    monkeypatch.setattr(site_timeline, "TIMELINE_ENTRIES_PER_PAGE", 20)  # small pages: a small test
    per_page = site_timeline.TIMELINE_ENTRIES_PER_PAGE
    sizes = {n: _timeline_pages(n) for n in (per_page // 2, 5 * per_page, 10 * per_page)}
    assert list(sizes[per_page // 2]) == ["timeline.md"]  # a short timeline: one page
    assert len(sizes[10 * per_page]) == 11 and "timeline/page-10.md" in sizes[10 * per_page]

    def biggest(pages):
        return max(len(t.encode("utf-8")) for t in pages.values())

    assert biggest(sizes[10 * per_page]) <= biggest(sizes[5 * per_page]) * 1.05
    assert len(sizes[10 * per_page]["timeline.md"].encode("utf-8")) < 4 * KB
    # every claim on exactly one page, in date order across pages; neighbours linked
    listed, dates = [], []
    for k in range(1, 11):
        text = sizes[10 * per_page][site_timeline.timeline_page(k)]
        assert "search:\n  exclude: true\n" in text.split("---\n", 2)[1]
        assert (k == 1) == ("[previous]" not in text) and (k == 10) == ("[next]" not in text)
        listed += re.findall(r"\]\(\.\./claims/(claim-\d+)\.md\)", text)
        dates += re.findall(r'<time datetime="([^"]+)">', text)
    assert sorted(listed) == [f"claim-{c:05d}" for c in range(10 * per_page)]
    assert dates == sorted(dates)
    # each entry names a few of its 30 sources and links the claim's evidence for the rest
    entry = next(line for line in text.splitlines() if line.startswith("- <time"))
    assert entry.count("(../sources/") == site_timeline.TIMELINE_SOURCES_SHOWN
    assert f"{30 - site_timeline.TIMELINE_SOURCES_SHOWN} more sources](../claims/" in entry and ".md#evidence)" in entry


def _links_resolve(pages: dict[str, str], paths) -> None:
    for path in paths:
        for target in re.findall(r"\]\(([^)\s]+)", pages[path]):
            page = posixpath.normpath(posixpath.join(posixpath.dirname(path), target.split("#")[0]))
            assert page in pages, (path, target)


def test_index_and_contested_pages_are_bounded(monkeypatch):
    monkeypatch.setattr(site_indexes, "INDEX_ROWS_PER_PAGE", 20)
    monkeypatch.setattr(site_contested, "CONTESTED_PER_PAGE", 5)
    claims = []
    for c in range(90):  # 30 contested, 60 corroborated
        status = "contested" if c % 3 == 0 else "corroborated"
        evidence = [Evidence(f"s{(c + k) % 70:05d}", "A quote.", c * 10 + k, c * 10 + k + 5, "en", None,
                             stance="denies" if status == "contested" and k == 0 else "affirms") for k in range(3)]
        claims.append(Claim(f"claim-{c:05d}", f"Statement {c}.", status=status, evidence=evidence))
    pages = site.pages(_records(70, claims))
    lists = {p for p in pages if re.match(r"(claims|sources|actors)/_[a-z-]+-\d+\.md$", p)}
    assert lists == {"claims/_contested-2.md", "claims/_corroborated-2.md", "claims/_corroborated-3.md",
                     "claims/_corroborated-4.md",  # the index shows 10 of each (its 20 rows shared)
                     "sources/_documents-2.md", "sources/_documents-3.md", "sources/_documents-4.md"}
    contested = {"contested.md"} | {p for p in pages if p.startswith("contested/")}
    assert contested == {"contested.md"} | {f"contested/page-{k}.md" for k in range(2, 7)}
    _links_resolve(pages, sorted(lists | contested | {"claims/index.md", "sources/index.md"}))
    for path in lists | contested - {"contested.md"}:
        assert "search:\n  exclude: true\n" in pages[path].split("---\n", 2)[1], path
    # every claim listed once across the claims index and its pages; at most 20 rows a page
    listed = []
    for path in sorted(lists | {"claims/index.md"}):
        if path.startswith("claims/"):
            rows = re.findall(r'^<td data-label="Claim" markdown="span">\[Statement \d+\.\]\((claim-\d+)\.md\)',
                              pages[path], re.M)
            assert len(rows) <= 40 if path == "claims/index.md" else len(rows) <= 20  # index: 2 tables
            listed += rows
    assert sorted(listed) == [f"claim-{c:05d}" for c in range(90)]
    documents = [sid for path in sorted(lists | {"sources/index.md"}) if path.startswith("sources/")
                 for sid in re.findall(r"\]\((s\d+)\.md\)", pages[path])]
    assert sorted(documents) == [f"s{i:05d}" for i in range(70)]
    # every contested claim in full on exactly one contested page
    shown = {(path, a or b) for path in contested
             for a, b in re.findall(r"\(\.\./claims/(claim-\d+)\.md\)|\(claims/(claim-\d+)\.md\)", pages[path])}
    assert sorted(cid for _path, cid in shown) == [f"claim-{c:05d}" for c in range(0, 90, 3)]
    assert "Page 1 of 6 of contested claims: [next](contested/page-2.md)" in pages["contested.md"]


def test_actor_and_source_pages_are_bounded_and_every_claim_reachable():
    """An actor named in 450 claims and mentioned by 450 documents (a country, in a large
    dossier): its page stays under 100 KB; the rest is on list pages, each under 100 KB too."""
    from dossier.model import Actor, Alias, Mention
    from dossier.site import actors as site_actors

    n = 450
    actor = Actor("country", "Country", "state", aliases=[Alias("Country", "en", "Latn"), Alias("بلد", "ar", "Arab")],
                  mentions=[Mention(f"s{i:05d}", 0, 7, "Country") for i in range(n)])
    others = {f"p{i}": Actor(f"p{i}", f"Person {i}", "person") for i in range(60)}
    claims = [Claim(f"claim-{c:05d}", f"Statement number {c} about the country and its harbour.",
                    actors=["country", f"p{c % 60}"], status="corroborated",
                    evidence=[Evidence(f"s{c:05d}", "A quote.", 0, 8, "en", None),
                              Evidence(f"s{(c + 1) % n:05d}", "A quote.", 0, 8, "en", None)]) for c in range(n)]
    records = _records(n, claims)
    records.actors = {"country": actor, **others}
    pages = site.pages(records)
    mine = {p: t for p, t in pages.items() if p == "actors/country.md" or p.startswith("actors/country/")}
    assert len(mine) > 2
    for path, text in mine.items():
        size = len(markdown.markdown(text.split("---\n", 2)[-1], extensions=EXTENSIONS).encode())
        assert size <= 100 * KB, (path, size)
    listed = {cid for text in mine.values() for cid in re.findall(r"claims/(claim-\d+)\.md\)", text)}
    assert listed == {c.id for c in claims}
    sources = {sid for text in mine.values() for sid in re.findall(r"sources/(s\d+)\.md", text)}
    assert sources == set(records.sources)
    _links_resolve(pages, sorted(mine))
    assert all("search:\n  exclude: true" in t for p, t in mine.items() if p != "actors/country.md")
    assert site_actors.ACTOR_LIST_ROWS * 2 < n
    # The whole-dossier graph stays small too.
    graph = markdown.markdown(pages["graph.md"].split("---\n", 2)[-1], extensions=EXTENSIONS)
    assert len(graph.encode()) <= 100 * KB


def _long_document(lines: int) -> tuple[SimpleNamespace, str]:
    """Source "long": `lines` short lines, every other one quoted by one of 20 claims, then
    one paragraph of 700 sentences with no line break (one of them quoted too)."""
    rows = [f"Line {i}: the council said that {i % 97 + 2} people were moved from the port." for i in range(lines)]
    tail = " ".join(f"Sentence {j} of the long paragraph ends here." for j in range(700))
    text = "\n".join(rows) + "\n" + tail + "\n"
    evidence: dict[int, list[Evidence]] = {k: [] for k in range(20)}
    pos = 0
    for i, row in enumerate(rows):
        if i % 2 == 0:
            evidence[(i // 2) % 20].append(Evidence("long", row, pos, pos + len(row), "en", None))
        pos += len(row) + 1
    quoted = "Sentence 650 of the long paragraph ends here."
    start = text.index(quoted)
    evidence[0].append(Evidence("long", quoted, start, start + len(quoted), "en", None))
    claims = [Claim(f"claim-{k:02d}", f"People were moved from the port ({k}).", status="single",
                    evidence=evidence[k]) for k in range(20)]
    records = _records(0, claims)
    records.sources = {"long": Source("long", "content/sources/long.txt", None, "en", "A long record of moves",
                                      "Publisher", None, "2025-01-01", "day", None)}
    return records, text


def _anchor_page(pages: dict[str, str], from_page: str, target: str) -> tuple[str, str]:
    path, _, anchor = target.partition("#")
    return posixpath.normpath(posixpath.join(posixpath.dirname(from_page), path)), anchor


def test_a_long_document_pages_its_text_and_citations_and_every_quote_link_finds_its_anchor():
    from dossier.site import sources as site_sources
    from dossier.site.common import PAGE_BYTES

    records, text = _long_document(4000)
    pages = site.pages(records, {"long": text})
    text_pages = {p for p in pages if p == "sources/long.md" or p.startswith("sources/long/")}
    cite_pages = {p for p in pages if p == "citations/long.md" or p.startswith("citations/long/")}
    assert len(text_pages) > 3 and len(cite_pages) > 3
    assert {p for p in text_pages if p != "sources/long.md"} == {f"sources/long/text-{k}.md"
                                                                for k in range(2, len(text_pages) + 1)}
    for path in text_pages | cite_pages:
        assert len(pages[path].encode()) <= PAGE_BYTES + 8 * KB, (path, len(pages[path].encode()))
        if path not in ("sources/long.md", "citations/long.md"):
            assert "search:\n  exclude: true\n" in pages[path].split("---\n", 2)[1]
    _links_resolve(pages, sorted(text_pages | cite_pages))
    # The first page keeps the provenance and the claims; the others link back to it.
    assert "Outlet" in pages["sources/long.md"] and "## Claims this source supports" in pages["sources/long.md"]
    assert all("(../long.md)" in pages[p] for p in text_pages - {"sources/long.md"})
    heaviest = max(text_pages | cite_pages, key=lambda p: len(pages[p]))
    html = markdown.markdown(pages[heaviest].split("---\n", 2)[-1], extensions=EXTENSIONS)
    assert len(html.encode()) + 20 * KB <= 100 * KB  # with the theme's own markup
    # Each quote's anchor is on exactly one text page, and each passage's on one citations page.
    ids = {}
    for path in text_pages:
        for anchor in re.findall(r'id="(q-\d+-\d+)"', pages[path]):
            assert anchor not in ids, anchor
            ids[anchor] = path
    rows = {a: p for p in cite_pages for a in re.findall(r'<tr id="(c-long-\d+-\d+)"', pages[p])}
    quotes = [ev for claim in records.claims.values() for ev in claim.evidence]
    assert len(ids) == len(rows) == len(quotes)
    # Every link to a quote or a citation, from any page, lands on the page holding its anchor.
    checked = 0
    for path, page in pages.items():
        for target in re.findall(r"\]\(([^)\s]*#[qc]-[^)\s]+)", page):
            where, anchor = _anchor_page(pages, path, target)
            assert (ids if anchor.startswith("q-") else rows).get(anchor) == where, (path, target)
            checked += 1
    assert checked >= 3 * len(quotes)  # claim pages (quote, cite) and the citations pages (in context)
    # The paragraph with no line break was cut at sentence ends: no paragraph over UNIT_CHARS.
    for path in text_pages:
        for para in re.findall(r'<p dir="ltr" lang="en" markdown="span">(.*?)</p>', pages[path]):
            assert len(re.sub(r"<[^>]+>|\]\([^)]*\)|\[", "", para)) <= site_sources.UNIT_CHARS + 200
    deep = next(ev for ev in records.claims["claim-00"].evidence if ev.quote.startswith("Sentence 650"))
    assert ids[f"q-{deep.start}-{deep.end}"] == max(text_pages, key=lambda p: (len(p), p))


def test_the_page_of_an_offset_follows_the_text_in_order():
    from dossier.site import sources as site_sources
    from dossier.site.prepared import prepare

    records, text = _long_document(3000)
    prepared = prepare(records, {"long": text})
    layout = site_sources._layout(prepared, prepared.sources["long"])
    assert layout.pages > 2
    pages = [site_sources.quote_page(prepared, "long", offset) for offset in range(0, len(text) + 10, 97)]
    numbers = [1 if p == "sources/long.md" else int(re.search(r"text-(\d+)\.md$", p).group(1)) for p in pages]
    assert numbers == sorted(numbers) and numbers[0] == 1 and numbers[-1] == layout.pages
    assert set(numbers) == set(range(1, layout.pages + 1))
    for number in range(2, layout.pages + 1):  # a page starts where its first paragraph does
        first = layout.page_units(number)[0][0]
        assert site_sources.quote_page(prepared, "long", first) == site_sources.text_page("long", number)
        assert site_sources.quote_page(prepared, "long", first - 1) == site_sources.text_page("long", number - 1)
    # A document read by nobody (no text) and a missing source: the source's one page.
    assert site_sources.quote_page(prepare(records), "long", 10 ** 6) == "sources/long.md"
    assert site_sources.quote_page(prepared, "nothing", 5) == "sources/nothing.md"


def test_source_and_citations_pages_follow_a_projects_template_overrides(tmp_path):
    records, text = _long_document(40)
    folder = tmp_path / "overrides" / "dossier"
    folder.mkdir(parents=True)
    (folder / "source.html").write_text("# {{ title }}\n\nOur own source page: {{ meta | length }} rows.\n{{ text }}\n",
                                        encoding="utf-8")
    (folder / "citations_source.html").write_text("# {{ title }}\n\n{{ rows | length }} passages, our layout.\n",
                                                  encoding="utf-8")
    pages = site.pages(records, {"long": text}, custom_dir=str(tmp_path / "overrides"))
    assert "Our own source page: 13 rows." in pages["sources/long.md"]
    assert 'id="q-0-' in pages["sources/long.md"]  # the marked text is still the package's
    assert "21 passages, our layout." in pages["citations/long.md"]
    assert "Our own" not in site.pages(records, {"long": text})["sources/long.md"]


def test_the_citations_export_links_each_quote_to_the_page_of_the_text_holding_it():
    import csv
    import io

    from dossier import exports

    records, text = _long_document(4000)
    pages = site.pages(records, {"long": text})
    rows = list(csv.DictReader(io.StringIO(exports.citations_csv(records, texts={"long": text}))))
    assert len(rows) == sum(len(c.evidence) for c in records.claims.values())
    for row in rows:
        path, anchor = row["page"].split("#")
        assert f'id="{anchor}"' in pages[path[:-len(".html")] + ".md"], row["page"]
    assert any("/text-" in row["page"] for row in rows)
    # Without the texts (an export of records alone), each quote links its source's page.
    assert {r["page"].split("#")[0] for r in csv.DictReader(io.StringIO(exports.citations_csv(records)))} == \
        {"sources/long.html"}
