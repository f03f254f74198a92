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


@pytest.mark.parametrize("query", QUERIES)
def test_search_in_latin_and_arabic_finds_the_actor(page, base_url, query):
    page.goto(base_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill(query)
    first = page.locator(".md-search-result__item > a").first
    try:
        first.wait_for(timeout=20_000)
    except Exception:
        meta = page.locator(".md-search-result__meta").inner_text()
        raise AssertionError(f"no search result for {query!r}: {meta}") from None
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
    assert sum(1 for text, _ in found if direction(text) == "rtl") >= 10
    assert [d for _, d in found] == [direction(text) for text, _ in found]
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
