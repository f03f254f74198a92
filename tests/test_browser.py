"""The sample site as a reader sees it: Debian's Chromium driven by Playwright.

The site is built once (`mkdocs build --strict`) and served over http from a thread on
127.0.0.1 (Material's search needs http). Requests to any other host are aborted, so the
pages are tested exactly as they work offline. Screenshots of each page type, at desktop
and phone width, go to test-artifacts/screenshots/.

Chromium is Debian's (`apt-get install chromium`, done by scripts/test); never a browser
downloaded by `playwright install`. Without it these tests fail: they do not skip.
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("DOSSIER_CHROMIUM", "/usr/bin/chromium")
SHOTS = REPO / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 390, "height": 844}

# The sample actor spelled three ways, two scripts: all must find the same page.
ACTOR = "actors/ramiz-mekhtiyev.html"
QUERIES = ("Mekhtiyev", "Mehdiyev", "مختييف")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """The sample site, built strictly and served on a free local port."""
    root = tmp_path_factory.mktemp("browser-site")
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "content", root / "content", ignore=shutil.ignore_patterns(".records.*"))
    _curate(root / "content")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root,
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr + done.stdout
    handler = functools.partial(_Quiet, directory=str(root / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


#: What the curated copy of the sample holds (see `_curate`): claim ids by role.
CURATED: dict[str, str] = {}


def _curate(content: Path) -> None:
    """An editor's work on the sample records, as curation leaves it in them: a verdict on a
    contested claim, a rejected claim, a translation beside an Arabic quote."""
    from dossier.io.store import load_records, write_records
    from dossier.model.records import Rejection, Verdict

    recs = load_records(content)
    claims = sorted(recs.claims.values(), key=lambda c: c.id)
    reviewed = next(c for c in claims if c.status == "contested")
    reviewed.verdict = Verdict("mostly-true", "The sources agree on the event; they differ on a detail.",
                               "Test Editor", "2025-11-01")
    rejected = next(c for c in claims if c.status == "single-source" and c is not reviewed)
    rejected.rejected = Rejection("A headline read as a claim.", "Test Editor", "2025-11-02")
    translated = next(c for c in claims if c not in (reviewed, rejected)
                      and any(ev.language == "ar" for ev in c.evidence))
    quote = next(ev for ev in translated.evidence if ev.language == "ar")
    quote.translation, quote.translated_by = "An editor's English rendering of this quote.", "Test Translator"
    write_records(content, recs)
    CURATED.update(reviewed=reviewed.id, rejected=rejected.id, translated=translated.id)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (scripts/test does: "
                    f"apt-get install -y chromium), or set DOSSIER_CHROMIUM", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport=DESKTOP, locale="en-US")
    # Offline: only the local server answers (Mermaid's CDN script, fonts... are aborted).
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url)
                  else route.abort())
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda err: errors.append(str(err)))
    pg.on("console", lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None)
    pg.js_errors = errors
    yield pg
    context.close()


def _path(pg, base_url: str) -> str:
    return pg.url.split("#", 1)[0][len(base_url):]


def test_reader_walk_home_claim_source_actor_citations(page, base_url):
    """Home -> a contested claim -> one of its sources -> an actor it cites -> citations -> claim."""
    page.goto(base_url)
    page.locator("h2#contested-claims + ul a[href^='claims/']").first.click()
    page.wait_for_load_state()
    claim_path = _path(page, base_url)
    assert claim_path.startswith("claims/"), claim_path
    assert page.locator(".dossier-badge--contested").first.is_visible()
    assert page.locator("h2#who-says-what").count() == 1

    page.locator("table.dossier-evidence td.dossier-where a[href*='sources/']").first.click()
    page.wait_for_load_state()
    source_path = _path(page, base_url)
    assert source_path.startswith("sources/")
    fragment = page.url.split("#", 1)[1]
    mark = page.locator(f"mark#{fragment}")
    assert mark.count() == 1 and mark.is_visible()  # the quoted passage, highlighted
    # The passage links back to its claim.
    assert mark.locator("a").first.get_attribute("href").startswith("../claims/")

    # An outlet the source cites (its metadata), else any actor the page links to.
    cited = page.locator("table.dossier-meta a[href^='../actors/']")
    (cited if cited.count() else page.locator(".md-content a[href^='../actors/']:not([href$='/index.html'])")
     ).first.click()
    page.wait_for_load_state()
    assert _path(page, base_url).startswith("actors/")
    assert page.locator("h2#sources-that-mention-this-actor").count() == 1

    page.locator("nav a.md-tabs__link", has_text="Citations").click()
    page.wait_for_load_state()
    assert _path(page, base_url) == "citations.html"
    # The index lists the sources; the source's own citations page lists its passages.
    page.locator(f"table.dossier-citations a[href='citations/{source_path.split('/', 1)[1]}']").click()
    page.wait_for_load_state()
    assert _path(page, base_url) == "citations/" + source_path.split("/", 1)[1]
    row = page.locator(f"table.dossier-citations a[href='../{claim_path}']").first
    row.click()
    page.wait_for_load_state()
    assert _path(page, base_url) == claim_path
    assert page.js_errors == []


def test_citations_sort_by_date(page, base_url):
    page.goto(base_url + "citations.html")
    published = page.locator("table.dossier-citations td[data-label='Published']")
    before = published.all_inner_texts()
    dated = [d for d in before if d != "undated"]
    assert dated == sorted(dated)  # without a click: oldest source first
    page.locator("button.dossier-sort", has_text="Published").click()
    assert page.locator("th[aria-sort='ascending']").count() == 1
    page.locator("button.dossier-sort", has_text="Published").click()
    after = published.all_inner_texts()
    assert page.locator("th[aria-sort='descending']").count() == 1
    dated_after = [d for d in after if d != "undated"]
    assert dated_after == sorted(dated_after, reverse=True) and sorted(after) == sorted(before)


def _search(page, base_url: str, query: str) -> None:
    """Type `query` into Material's search and wait for its results. A query typed while the
    search worker still loads its index (a busy machine) is typed again once it is ready."""
    page.goto(base_url)
    page.wait_for_load_state("networkidle")  # the search worker has fetched its index
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    first = page.locator(".md-search-result__item > a").first
    for attempt in range(4):
        box.fill("")
        box.fill(query)
        box.press("End")  # a key event too: the search listens to what a reader's typing sends
        try:
            first.wait_for(timeout=25_000)
            return
        except Exception:
            meta = page.locator(".md-search-result__meta").inner_text()
            if "Type to start" not in meta:  # the index answered: nothing found
                break
    raise AssertionError(f"no search result for {query!r}: {meta} {getattr(page, 'js_errors', [])}")


@pytest.mark.parametrize("query", QUERIES)
def test_search_in_latin_and_arabic_finds_the_actor(page, base_url, query):
    _search(page, base_url, query)
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
    top = hrefs[0].split("#", 1)[0].split("?", 1)[0]  # Material adds ?h=<query> to highlight
    assert top == base_url + ACTOR, (query, hrefs[:5])


def test_arabic_quotes_render_right_to_left(page, base_url):
    """Quotes in Arabic script are laid out right to left (by their first strong letter,
    as the bidi algorithm does: an English phrase tagged Arabic by mistake stays LTR)."""
    from dossier.site import direction

    from dossier.io.store import load_records

    found, latin_dirs = [], set()
    for source_id in sorted(load_records(REPO / "content").sources):  # each source's citations page
        page.goto(base_url + f"citations/{source_id}.html")
        arabic = page.locator("td.dossier-quote[lang='ar']")
        found += arabic.evaluate_all("els => els.map(e => [e.firstChild.textContent, getComputedStyle(e).direction])")
        latin = page.locator("td.dossier-quote[lang='tr'], td.dossier-quote[lang='en']")
        latin_dirs |= set(latin.evaluate_all("els => els.map(e => getComputedStyle(e).direction)"))
    assert sum(1 for text, _ in found if direction(text, "ar") == "rtl") >= 10
    assert [d for _, d in found] == [direction(text, "ar") for text, _ in found]
    assert latin_dirs == {"ltr"}


def _page_types(base_url: str) -> dict[str, str]:
    """One page of each type, by name -> path."""
    from dossier.io.store import load_records

    recs = load_records(REPO / "content")
    contested = sorted(c.id for c in recs.claims.values() if c.status == "contested")
    arabic = sorted(s.id for s in recs.sources.values() if s.language == "ar")
    return {"home": "index.html", "claim": f"claims/{contested[0]}.html", "contested": "contested.html",
            "actor": ACTOR, "source": f"sources/{arabic[0]}.html", "citations": "citations.html",
            "source-citations": f"citations/{arabic[0]}.html",
            "timeline": "timeline.html", "claims-index": "claims/index.html",
            "actors-index": "actors/index.html", "sources-index": "sources/index.html"}


def test_accessibility_and_screenshots(browser, base_url):
    """axe-core on every page type: no serious or critical violation; screenshots at two widths."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    runs = (("desktop", DESKTOP, "light"), ("mobile", MOBILE, "light"), ("dark", DESKTOP, "dark"))
    for width_name, viewport, scheme in runs:
        context = browser.new_context(viewport=viewport, locale="en-US", color_scheme=scheme)
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url)
                      else route.abort())
        pg = context.new_page()
        for name, path in _page_types(base_url).items():
            if scheme == "dark" and name not in ("home", "claim", "source", "citations"):
                continue  # the dark palette: the page types with the most colour
            pg.goto(base_url + path)
            pg.wait_for_load_state("networkidle")
            pg.screenshot(path=str(SHOTS / f"{name}-{width_name}.png"))
            if width_name == "mobile":
                continue
            results = axe.run(pg)
            for v in results.response["violations"]:
                if v["impact"] in ("serious", "critical"):
                    targets = [n["target"] for n in v["nodes"][:3]]
                    problems.append(f"{path}: {v['id']} ({v['impact']}): {v['help']} {targets}")
        context.close()
    assert not problems, "\n".join(problems)
    assert len(list(SHOTS.glob("*-desktop.png"))) >= 10 and len(list(SHOTS.glob("*-mobile.png"))) >= 10


def test_redirect_from_a_former_id(browser, tmp_path):
    """A claim renamed by the editor: its old address leads to the new page, without JavaScript."""
    from dossier import site
    from dossier.io.store import load_records

    recs = load_records(REPO / "content")
    claim_id = sorted(recs.claims)[0]
    recs.claims[claim_id].former_ids = ["an-old-name"]
    pages = site.redirects(recs)
    out = tmp_path / "claims"
    out.mkdir()
    (out / "an-old-name.html").write_text(pages["claims/an-old-name.html"], encoding="utf-8")
    (out / f"{claim_id}.html").write_text("<!doctype html><title>new</title><p>here</p>", encoding="utf-8")
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto((out / "an-old-name.html").as_uri())
    pg.wait_for_url(f"**/claims/{claim_id}.html", timeout=10_000)
    assert pg.title() == "new"
    context.close()


# --- issue 19: verdicts, rejected claims, translations, the graph offline, search, phones -----

LISTINGS = ("index.html", "claims/index.html", "contested.html", "timeline.html")


def test_a_verdict_badge_on_every_listing(page, base_url):
    """Every line or row that lists a claim shows its rating, "not reviewed" when none."""
    from dossier.io.store import load_records

    recs = load_records(REPO / "content")
    actor = ACTOR
    source = sorted(recs.sources)[0]
    for path in LISTINGS + (actor, f"sources/{source}.html"):
        page.goto(base_url + path)
        # A claim listed: a list item or paragraph linking it directly, or an index row.
        claim_link = "a[href*='claims/']:not([href$='index.html']):not([href*='/evidence-'])"
        items = page.locator(f".md-content li:has(> {claim_link}), .md-content p:has(> {claim_link}), "
                             ".md-content table.dossier-index tbody tr")
        n = items.count()
        assert n > 0, path
        missing = items.evaluate_all("els => els.filter(e => !e.querySelector('.dossier-rating'))"
                                     ".map(e => e.textContent.slice(0, 80))")
        assert missing == [], (path, missing[:3])
        assert page.locator(".md-content .dossier-rating").first.is_visible()
    page.goto(base_url + "index.html")
    reviewed = page.locator(f"h2#reviewed-claims + ul li:has(a[href='claims/{CURATED['reviewed']}.html'])")
    assert reviewed.locator(".dossier-rating--mostly-true").inner_text() == "Mostly true"
    page.goto(base_url + "claims/index.html")
    assert page.locator(".dossier-rating--none", has_text="not reviewed").count() > 10
    assert page.js_errors == []


def test_a_rejected_claims_page(page, base_url):
    page.goto(base_url + f"claims/{CURATED['rejected']}.html")
    box = page.locator("section.dossier-rejected")
    assert box.is_visible()
    assert "A headline read as a claim." in box.inner_text()
    assert page.locator(".dossier-badge--rejected").is_visible()
    page.locator("a", has_text="all rejected claims").click()
    page.wait_for_load_state()
    assert _path(page, base_url) == "rejected.html"
    assert page.locator(f"a[href='claims/{CURATED['rejected']}.html']").count() == 1
    page.goto(base_url + "claims/index.html")
    assert page.locator(f"a[href='{CURATED['rejected']}.html']").count() == 0  # out of the listings
    assert page.js_errors == []


def test_an_editors_translation_beside_an_arabic_quote(page, base_url):
    page.goto(base_url + f"claims/{CURATED['translated']}.html")
    cell = page.locator("td.dossier-quote[lang='ar']:has(.dossier-gloss)")
    assert cell.count() == 1
    gloss = cell.locator(".dossier-gloss")
    assert gloss.is_visible() and "Test Translator" in gloss.inner_text()
    assert gloss.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert cell.evaluate("e => getComputedStyle(e).direction") == "rtl"
    # The original stays first, and is the cell's own text.
    assert "An editor's English rendering" not in cell.evaluate("e => e.firstChild.textContent")


def test_the_whole_dossier_graph_offline(page, base_url):
    """Every request to another host is aborted (the `page` fixture): the graph still draws,
    and the page logs no error."""
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(base_url + "graph.html")
    page.wait_for_load_state("networkidle")
    svg = page.locator("svg.dossier-graph-svg").first
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 200
    assert page.locator("svg.dossier-graph-svg line").count() > 0
    assert page.locator("svg.dossier-graph-svg text").count() > 2
    assert [u for u in requested if not u.startswith(base_url)] == []
    assert page.js_errors == []
    # An actor of the first link: its page draws its own graph, also without a script.
    page.locator(".md-content table a[href^='actors/']").first.click()
    page.wait_for_load_state("networkidle")
    assert _path(page, base_url).startswith("actors/")
    assert page.locator("svg.dossier-graph-svg line").count() > 0
    assert page.locator("pre.mermaid").count() == 0 and page.js_errors == []


def _arabic_only_actor():
    """An actor only ever written in Arabic script, and a Latin reading of its name."""
    from dossier.io.store import load_records
    from dossier.site.actors import search_spellings
    from dossier.text import script_of

    for actor in sorted(load_records(REPO / "content").actors.values(), key=lambda a: a.id):
        if script_of(actor.name) == "Arab" and all(script_of(a.name) == "Arab" for a in actor.aliases):
            readings = search_spellings(actor)
            if readings:
                return actor.id, readings[0]
    pytest.fail("the sample has no Arabic-only actor with a Latin reading", pytrace=False)


def test_a_latin_search_finds_an_arabic_only_actor(page, base_url):
    actor_id, query = _arabic_only_actor()
    _search(page, base_url, query)
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
    tops = [h.split("#", 1)[0].split("?", 1)[0] for h in hrefs[:3]]
    assert base_url + f"actors/{actor_id}.html" in tops, (query, hrefs[:5])


def test_phone_layout_of_the_claims_index(browser, base_url):
    """At phone width no column of the claims index is narrower than 200 px, and a claim's
    title leaves most of the first screen to the page."""
    context = browser.new_context(viewport=MOBILE, locale="en-US")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url)
                  else route.abort())
    pg = context.new_page()
    pg.goto(base_url + "claims/index.html")
    widths = pg.locator("table.dossier-index td").evaluate_all(
        "els => els.filter(e => e.offsetParent !== null).map(e => e.getBoundingClientRect().width)")
    assert widths and min(widths) >= 200, sorted(widths)[:5]
    pg.goto(base_url + f"claims/{CURATED['reviewed']}.html")
    title = pg.locator(".md-content h1").bounding_box()
    assert title and title["height"] < MOBILE["height"] / 3
    context.close()


def test_accessibility_of_the_new_pages(browser, base_url):
    """axe-core on the graph, a rejected claim, the rejected list, a translated quote."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems = []
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport=DESKTOP, locale="en-US", color_scheme=scheme)
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url)
                      else route.abort())
        pg = context.new_page()
        for path in ("graph.html", f"claims/{CURATED['rejected']}.html", "rejected.html",
                     f"claims/{CURATED['translated']}.html", f"claims/{CURATED['reviewed']}.html"):
            pg.goto(base_url + path)
            pg.wait_for_load_state("networkidle")
            for v in axe.run(pg).response["violations"]:
                if v["impact"] in ("serious", "critical"):
                    problems.append(f"{scheme} {path}: {v['id']} ({v['impact']}): {v['help']} "
                                    f"{[n['target'] for n in v['nodes'][:3]]}")
        context.close()
    assert not problems, "\n".join(problems)


def test_a_claim_is_found_by_its_actors_name_in_another_script(page, base_url):
    """The claims about an actor name its other spellings: a Latin query finds them too."""
    _search(page, base_url, QUERIES[0])
    hrefs = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
    assert any("/claims/" in h for h in hrefs), hrefs[:10]
