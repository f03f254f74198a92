"""dossier.mkdocs: a real `mkdocs build --strict` of the fixture dossier."""
from __future__ import annotations

import filecmp
import gzip
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from dossier import exports
from dossier.mkdocs import background, dates, plugin, serve
from dossier.model.errors import DossierError
from dossier import site
from dossier.io.store import load_records

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "site"
PYTHON = sys.executable


def make_project(dest: Path) -> Path:
    """A minimal dossier project: the repo's mkdocs.yml and pages + the fixture content."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(FIXTURE / "content", dest / "content")
    shutil.copytree(REPO / "content" / "pages", dest / "content" / "pages", dirs_exist_ok=True)
    (dest / "content" / "pages" / "_intro.md").unlink(missing_ok=True)
    return dest


def mkdocs_build(project: Path, site_dir: str = "site", **env_vars: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO), NO_MKDOCS_2_WARNING="1")
    env.pop("SOURCE_DATE_EPOCH", None)
    env.update(env_vars)
    return subprocess.run([PYTHON, "-m", "mkdocs", "build", "--strict", "--site-dir", site_dir],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300)


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.script_text: list[str] = []
        self.json_ld: list[str] = []
        self._in_script = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = dict(attrs).get("type") or "js" if tag == "script" else None

    def handle_endtag(self, tag):
        self._in_script = None

    def handle_data(self, data):
        if self._in_script == "application/ld+json":
            self.json_ld.append(data)
        elif self._in_script:
            self.script_text.append(data)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("dossier") / "project")
    first = mkdocs_build(project, "site")
    assert first.returncode == 0, first.stderr
    second = mkdocs_build(project, "site2")
    assert second.returncode == 0, second.stderr
    return project, first


def test_build_is_clean(built):
    _, result = built
    assert "WARNING" not in result.stderr, result.stderr


def test_every_record_has_a_page(built):
    project, _ = built
    records = load_records(project / "content")
    out = project / "site"
    for kind in ("claims", "actors", "sources"):
        for record_id in getattr(records, kind):
            page = out / site.page_path(kind, record_id).replace(".md", ".html")
            assert page.is_file(), page
    for name in ("index.html", "citations.html", "contested.html", "claims/index.html",
                 "actors/index.html", "sources/index.html"):
        assert (out / name).is_file(), name


def test_record_pages_are_not_in_the_nav(built):
    project, _ = built
    sections = {"index.html", "claims/index.html", "contested.html", "actors/index.html",
                "sources/index.html", "citations.html", "timeline.html"}
    for name in ("index.html", "claims/ships-seized.html"):
        page = parse(project / "site" / name)
        prefix = "../" if "/" in name else ""
        links = {a["href"] for t, a in page.tags if t == "a" and a.get("href")
                 and {"md-nav__link", "md-tabs__link"} & set((a.get("class") or "").split())
                 and not a["href"].startswith("#")}
        resolved = {h[len(prefix):] if h.startswith(prefix) else "claims/" + h for h in links}
        assert resolved == sections, name


def test_no_script_or_javascript_from_source_text(built):
    project, _ = built
    theme_scripts = None
    redirects = set(site.redirects(load_records(project / "content")))
    for path in sorted((project / "site").rglob("*.html")):
        if path.relative_to(project / "site").as_posix() in redirects:
            assert "<script" not in path.read_text("utf-8")  # plain HTML redirects
            continue
        page = parse(path)
        # JSON-LD data blocks (claim pages) are data, not code: counted apart.
        scripts = [a.get("src") for t, a in page.tags if t == "script" and a.get("type") != "application/ld+json"]
        inline = "".join(page.script_text)
        assert "alert(1)" not in inline, path
        for block in page.json_ld:  # data only: parses as JSON, and no "<" can end the element
            assert "<" not in block and json.loads(block)["@context"] == "https://schema.org", path
        if theme_scripts is None:
            theme_scripts = len(scripts)
        assert len(scripts) == theme_scripts, f"{path}: unexpected <script>"
        for tag, attrs in page.tags:
            assert tag not in ("img", "iframe", "object") or "alert" not in str(attrs), path
            for name, value in attrs.items():
                assert not (name.startswith("on") and "alert" in (value or "")), f"{path}: {name}"
                if name in ("href", "src"):
                    assert not (value or "").strip().lower().startswith("javascript:"), f"{path}: {value}"
        title = path.read_text("utf-8").split("<title>", 1)[1].split("</title>", 1)[0]
        assert "<" not in title, f"{path}: markup in <title>: {title}"


def test_arabic_quotes_are_rtl(built):
    project, _ = built
    page = parse(project / "site" / "claims" / "ships-seized.html")
    cells = [a for t, a in page.tags if t == "td" and "dossier-quote" in (a.get("class") or "")]
    assert any(c.get("dir") == "rtl" and c.get("lang") == "ar" for c in cells)
    source = parse(project / "site" / "sources" / "ar-sahifa.html")
    marks = [a for t, a in source.tags if t == "mark"]
    assert marks and all(a.get("id", "").startswith("q-") for a in marks)
    assert any(t == "div" and a.get("dir") == "rtl" for t, a in source.tags)


def test_two_builds_are_identical(built):
    project, _ = built
    a, b = project / "site", project / "site2"
    files_a = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    assert "sitemap.xml.gz" in files_a and "search/search_index.json" in files_a
    _, mismatch, errors = filecmp.cmpfiles(a, b, files_a, shallow=False)
    assert mismatch == [] and errors == []
    # dated by the newest source, not by the day of the build
    with gzip.open(a / "sitemap.xml.gz") as sitemap:
        sitemap.read()
        assert sitemap.mtime == dates.epoch(load_records(project / "content")) == 1760832000


def test_bad_record_fails_naming_file_and_line(tmp_path):
    project = make_project(tmp_path / "project")
    bad = project / "content" / "records" / "claims" / "index.yml"
    bad.write_text("id: index\nstatement: [unclosed\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "content/records/claims/index.yml:" in result.stderr


def test_intro_page_feeds_home_and_is_not_a_page(tmp_path):
    project = make_project(tmp_path / "project")
    (project / "content" / "pages" / "_intro.md").write_text("Covers the harbor affair.\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert "Covers the harbor affair." in (project / "site" / "index.html").read_text("utf-8")
    assert not (project / "site" / "_intro.html").exists()


def test_epoch_from_newest_published_date():
    records = load_records(FIXTURE / "content")
    assert dates.epoch(records) == 1760832000  # 2025-10-19T00:00:00Z
    records.sources.clear()
    assert dates.epoch(records) == 0


def test_build_dates_follow_the_records_and_leave_the_environment_alone(tmp_path, monkeypatch):
    """Sitemap dates come from the newest source; the plugin sets no environment variable."""
    project = make_project(tmp_path / "project")
    with open(project / "mkdocs.yml", "a", encoding="utf-8") as config:
        config.write("site_url: https://dossier.example.org/\n")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    _plugin(project, "build").on_config(_Config(project))
    assert "SOURCE_DATE_EPOCH" not in os.environ
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    sitemap = (project / "site" / "sitemap.xml").read_text("utf-8")
    assert sitemap.count("<lastmod>2025-10-19</lastmod>") == sitemap.count("<url>") > 0
    # an epoch the user set wins
    result = mkdocs_build(project, "site-user", SOURCE_DATE_EPOCH="1700000000")
    assert result.returncode == 0, result.stderr
    sitemap = (project / "site-user" / "sitemap.xml").read_text("utf-8")
    assert "<lastmod>2023-11-14</lastmod>" in sitemap and "2025-10-19" not in sitemap


def test_record_pages_stay_out_of_an_automatic_nav(tmp_path):
    """Without an explicit `nav:`, MkDocs would list every file; record pages must not be."""
    project = make_project(tmp_path / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:", 1)[0] + "\n"
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    page = parse(project / "site" / "index.html")
    links = [a["href"] for t, a in page.tags if t == "a" and a.get("href")
             and "md-nav__link" in (a.get("class") or "")]
    assert "citations.html" in links
    assert not any(h.startswith(("claims/", "actors/", "sources/")) and not h.endswith("index.html")
                   for h in links), links


def test_search_index_holds_actor_spellings(built):
    """Every spelling of an actor is indexed on its page: as text and as (top-ranked) tags."""
    project, _ = built
    index = json.loads((project / "site" / "search" / "search_index.json").read_text("utf-8"))
    page = next(d for d in index["docs"] if d["location"] == "actors/lena-marsh.html")
    assert {"لينا مارش", "Lena Marsh", "Marsh"} <= set(page["tags"])
    text = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("actors/lena-marsh.html"))
    assert "لينا مارش" in text and "Marsh" in text
    # Only actor pages carry tags, and no markup characters reach them.
    tagged = {d["location"] for d in index["docs"] if d.get("tags")}
    assert tagged and all(loc.startswith("actors/") for loc in tagged)
    assert not any(set("<>{}[]") & set("".join(d.get("tags", []))) for d in index["docs"])


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed: cannot run the theme's search")
def test_search_finds_actor_by_any_spelling(built):
    """Material's own search worker (run in node) ranks the actor page first for its names."""
    project, _ = built
    script = Path(__file__).parent / "fixtures" / "site" / "search_query.js"
    result = subprocess.run(["node", str(script), str(project / "site"), "لينا", "Marsh"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [a["q"] for a in answers] == ["لينا", "Marsh"]
    for answer in answers:
        assert answer["top"] and answer["top"][0] == "actors/lena-marsh.html", answer


# --- re-extraction under `mkdocs serve` (in process; tests/test_serve.py runs a real server) ---

class _Config:
    """The one MkDocs config attribute on_config reads."""

    def __init__(self, project: Path):
        self.config_file_path = str(project / "mkdocs.yml")


def _plugin(project: Path, command: str, **options) -> plugin.DossierPlugin:
    instance = plugin.DossierPlugin()
    errors, warnings = instance.load_config({"content": "content", **options}, str(project / "mkdocs.yml"))
    assert not errors and not warnings
    instance.on_startup(command=command, dirty=False)
    return instance


@pytest.fixture
def extract_calls(monkeypatch):
    """Replace the pipeline by a recorder that writes nothing (like a document it cannot read)."""
    from dossier import pipeline

    calls: list[Path] = []

    def fake_extract(root, progress=None):
        calls.append(Path(root))
        return pipeline.ExtractReport(documents=4, warnings=["content/sources/new.txt: cannot read"])

    monkeypatch.setattr(pipeline, "extract", fake_extract)
    return calls


def test_serve_re_extracts_once_per_change_of_the_documents(tmp_path, extract_calls, caplog):
    project = make_project(tmp_path / "project")
    dossier = _plugin(project, "serve")
    dossier.on_config(_Config(project))
    assert extract_calls == []  # documents match the records
    new = project / "content" / "sources" / "new.txt"
    new.write_text("A new report.\n", encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.dossier"):
        dossier.on_config(_Config(project))
    assert extract_calls == [project.resolve()]
    assert "documents changed (1 added, 0 changed, 0 removed), re-extracting" in caplog.text
    assert any(r.levelno == logging.WARNING and "new.txt: cannot read" in r.getMessage() for r in caplog.records)
    # The rebuild its records trigger finds nothing new: no loop, even though the fake
    # extraction left the document without a record.
    dossier.on_config(_Config(project))
    dossier.on_config(_Config(project))
    assert len(extract_calls) == 1
    new.write_text("A new report, corrected.\n", encoding="utf-8")
    dossier.on_config(_Config(project))
    assert len(extract_calls) == 2


def test_serve_re_extracts_when_the_editor_changes_curation_or_sidecars(tmp_path, extract_calls, caplog):
    project = make_project(tmp_path / "project")
    dossier = _plugin(project, "serve")
    dossier.on_config(_Config(project))
    assert extract_calls == []  # records made from the editor's files as they are
    decision = project / "content" / "curation" / "claims" / "some-claim.yml"
    decision.parent.mkdir(parents=True, exist_ok=True)
    decision.write_text("reject: true\nreason: a duplicate\n", encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.dossier"):
        dossier.on_config(_Config(project))
    assert extract_calls == [project.resolve()]
    assert "the editor's files changed (1 added, 0 changed, 0 removed" in caplog.text
    dossier.on_config(_Config(project))  # the rebuild its records trigger: nothing new
    assert len(extract_calls) == 1
    sidecar = project / "content" / "sources" / "en-hostile.txt.meta.yml"
    sidecar.write_text("publisher: Example Wire\n", encoding="utf-8")
    dossier.on_config(_Config(project))
    assert len(extract_calls) == 2
    (project / "content" / "aliases.yml").write_text("pins: []\n", encoding="utf-8")
    dossier.on_config(_Config(project))
    assert len(extract_calls) == 3
    (project / "content" / "pages" / "about.md").write_text("# About\n", encoding="utf-8")
    dossier.on_config(_Config(project))  # a hand-written page is no input of extraction
    assert len(extract_calls) == 3


def test_build_and_disabled_option_never_extract(tmp_path, extract_calls):
    project = make_project(tmp_path / "project")
    (project / "content" / "sources" / "new.txt").write_text("A new report.\n", encoding="utf-8")
    (project / "content" / "sources" / "tr-gazete.txt").write_text("Değişti.\n", encoding="utf-8")
    _plugin(project, "build").on_config(_Config(project))
    _plugin(project, "serve", extract_on_serve=False).on_config(_Config(project))
    assert extract_calls == []


def test_failed_extraction_keeps_serving_the_old_records(tmp_path, monkeypatch, caplog):
    from dossier import pipeline
    from dossier.model.errors import DossierError

    def broken(root, progress=None):
        raise DossierError("content/aliases.yml", "bad pin", line=3)

    monkeypatch.setattr(pipeline, "extract", broken)
    project = make_project(tmp_path / "project")
    (project / "content" / "sources" / "new.txt").write_text("A new report.\n", encoding="utf-8")
    dossier = _plugin(project, "serve")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.dossier"):
        dossier.on_config(_Config(project))
    assert "content/aliases.yml:3: bad pin" in caplog.text
    assert sorted(dossier._records.sources) == sorted(load_records(FIXTURE / "content").sources)


def test_document_fingerprint_follows_edits(tmp_path):
    project = make_project(tmp_path / "project")
    hashes = serve.DocumentHashes()
    records = load_records(project / "content")
    before = hashes.fingerprint(project)
    assert before == serve.recorded_fingerprint(records)
    doc = project / "content" / "sources" / "en-hostile.txt"
    doc.write_bytes(doc.read_bytes() + b"x")
    (project / "content" / "sources" / "added.md").write_text("# Added\n", encoding="utf-8")
    (project / "content" / "sources" / "ar-sahifa.txt").unlink()
    (project / "content" / "sources" / "notes.yml").write_text("a: 1\n", encoding="utf-8")  # a sidecar
    after = hashes.fingerprint(project)
    assert dict(after)["content/sources/en-hostile.txt"] == hashlib.sha256(doc.read_bytes()).hexdigest()
    assert serve.describe_change(after, before) == "1 added, 1 changed, 1 removed"


def test_exports_and_redirects_are_built(built):
    """data/ holds the exports exactly as dossier.exports makes them; former ids redirect."""
    project, _ = built
    out = project / "site"
    records = load_records(project / "content")
    texts = {s.id: (project / s.path).read_text(encoding="utf-8") for s in records.sources.values()}
    for path, content in exports.exports(records, texts).items():
        assert (out / path).read_bytes() == content, path
    home = (out / "index.html").read_text("utf-8")
    assert 'href="data/ftm.json"' in home and 'href="data/records.jsonl"' in home
    # one core: the same files, made in this process rather than by a second one
    single = mkdocs_build(project, "site-one-core", DOSSIER_WORKERS="1")
    assert single.returncode == 0, single.stderr
    data = sorted(p.relative_to(out).as_posix() for p in (out / "data").rglob("*") if p.is_file())
    assert data == sorted(exports.paths())
    for path in data:
        assert (project / "site-one-core" / path).read_bytes() == (out / path).read_bytes(), path
    redirect = (out / "claims" / "ships-taken.html").read_text("utf-8")
    assert 'http-equiv="refresh" content="0; url=ships-seized.html"' in redirect
    assert (out / "actors" / "l-marsh.html").is_file()


# --- dirty serve builds: only the pages an edit changes are rendered ---

DIRTY_DRIVER = r'''
import json, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

project, site = Path(sys.argv[1]), sys.argv[2]
steps = json.loads(sys.argv[3])  # before each build after the first: files to write or remove
def get_config():
    return load_config(config_file=str(project / "mkdocs.yml"), site_dir=site)
config = get_config()
config.plugins.on_startup(command="serve", dirty=True)
report, instance = [], None
for step in [None] + steps:
    for rel, text in (step or {}).items():
        path = project / rel
        path.unlink() if text is None else path.write_text(text, encoding="utf-8")
    config = config if step is None else get_config()
    build(config, dirty=True)
    plugin = config.plugins["dossier"]
    report.append({"rendered": sorted(plugin._dirty.rendered), "pages": len(plugin._dirty.files.documentation_pages()),
                   "same": instance is None or plugin is instance})
    instance = plugin
print(json.dumps(report))
'''


def _site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_dirty_serve_builds_render_only_what_changed_and_equal_a_full_build(tmp_path):
    project = make_project(tmp_path / "project")
    claims = project / "content" / "records" / "claims"
    ships = claims / "ships-seized.yml"
    edited = ships.read_text(encoding="utf-8").replace("statement: The Harbor Authority seized ships.",
                                                        "statement: The Harbor Authority seized twelve ships QX9.")
    steps = [{str(ships.relative_to(project)): edited},  # one record edited
             {"content/pages/notes.md": "# Notes\n\nWritten by hand.\n"},  # a hand-written page added
             {str((claims / "index.yml").relative_to(project)): None}]  # one removed: its page goes
    env = dict(os.environ, PYTHONPATH=str(REPO), NO_MKDOCS_2_WARNING="1")
    env.pop("SOURCE_DATE_EPOCH", None)
    done = subprocess.run([PYTHON, "-c", DIRTY_DRIVER, str(project), str(tmp_path / "dirty"), json.dumps(steps)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    first, after_edit, after_page, after_removal = json.loads(done.stdout.strip().splitlines()[-1])
    assert after_edit["same"] and after_removal["same"]  # the plugin is kept across rebuilds, as under serve
    # a hand-written page may change every page's nav: all are rendered again
    assert len(after_page["rendered"]) == after_page["pages"] == first["pages"] + 1
    assert 0 < len(after_removal["rendered"]) < after_removal["pages"]
    assert len(first["rendered"]) == first["pages"]
    assert "claims/ships-seized.html" in after_edit["rendered"]
    assert 0 < len(after_edit["rendered"]) < first["pages"], after_edit["rendered"]
    assert not {"actors/lena-marsh.html", "claims/marsh-resigned.html"} & set(after_edit["rendered"])
    # the site the dirty builds leave is the one a full build of the same records makes
    full = mkdocs_build(project, str(tmp_path / "full"))
    assert full.returncode == 0, full.stderr
    dirty, clean = _site_files(tmp_path / "dirty"), _site_files(tmp_path / "full")
    assert "claims/_index.html" not in dirty
    assert sorted(dirty) == sorted(clean)
    assert [p for p in clean if dirty[p] != clean[p]] == []
    index = json.loads(dirty["search/search_index.json"])
    assert sum("QX9" in doc["title"] + doc["text"] for doc in index["docs"]) >= 1
    locations = [doc["location"] for doc in index["docs"]]
    assert len(locations) == len(set(locations))


def test_merge_search_index_keeps_unrendered_pages_in_build_order():
    kept = {"a.html": [{"location": "a.html", "title": "A", "text": "old a"}],
            "b.html": [{"location": "b.html", "title": "B", "text": "old b"},
                       {"location": "b.html#s", "title": "S", "text": "old s"}],
            "gone.html": [{"location": "gone.html", "title": "G", "text": "g"}]}
    written = json.dumps({"config": {"lang": ["en"]}, "docs": [{"location": "b.html", "title": "B", "text": "new b"}]},
                         separators=(",", ":"))
    text, by_page = serve.merge_search_index(written, {"b.html", "c.html"}, ["a.html", "b.html", "c.html"], kept)
    docs = json.loads(text)["docs"]
    assert [(d["location"], d["text"]) for d in docs] == [("a.html", "old a"), ("b.html", "new b")]
    assert set(by_page) == {"a.html", "b.html", "c.html"} and by_page["c.html"] == []
    assert text == json.dumps(json.loads(text), separators=(",", ":"))
    with pytest.raises(ValueError):
        serve.merge_search_index('{"docs": []}  ', set(), [], {})


# --- the data exports made by a second process ---

def test_background_writes_the_files_exports_makes(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    recs = load_records(project / "content")
    texts = {s.id: (project / s.path).read_text(encoding="utf-8") for s in recs.sources.values()}
    expected = exports.exports(recs, texts, site_url="https://dossier.example.org/", directory_urls=True)
    assert sorted(expected) == sorted(exports.paths())
    job = background.BackgroundExports(project, project / "content", site_url="https://dossier.example.org/",
                                       directory_urls=True)
    try:
        job.wait()
        for path, data in expected.items():
            assert (job.dir / path).read_bytes() == data, path
    finally:
        job.close()
    assert not job.tmp.exists()


def test_background_failure_names_the_record(tmp_path, capfd):
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    bad = next(iter(sorted((project / "content" / "records" / "claims").glob("*.yml"))))
    bad.write_text("id: [unclosed\n", encoding="utf-8")
    job = background.BackgroundExports(project, project / "content")
    try:
        with pytest.raises(DossierError) as caught:
            job.wait()
    finally:
        job.close()
    message = str(caught.value)
    assert "data exports" in message and bad.name in message and "Traceback" not in message
    assert bad.name not in "".join(capfd.readouterr())  # the second process says nothing on the console


def test_a_build_run_from_any_script_makes_the_data_files(tmp_path):
    """The second process imports only what the exports need: a build started by a script
    with no `if __name__ == "__main__"` guard (as a bench or a CI job may be) is not run
    again in it, and the data files are made."""
    project = make_project(tmp_path / "project")
    script = tmp_path / "build_it.py"
    script.write_text("from mkdocs.commands.build import build\nfrom mkdocs.config import load_config\n"
                      f"build(load_config(config_file={str(project / 'mkdocs.yml')!r}, "
                      f"site_dir={str(project / 'site')!r}))\n", encoding="utf-8")
    env = dict(os.environ, DOSSIER_WORKERS="2", NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([sys.executable, str(script)], cwd=project, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "failed" not in done.stderr
    assert (project / "site" / "data" / "records.jsonl").is_file()


def test_nothing_is_loaded_from_another_host(built):
    """The site works from a disk with no network: no script, style sheet, image or frame
    comes from another host, on any page (the actor graphs are inline SVG)."""
    import re

    project, _ = built
    remote = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)="(?:https?:)?//', re.I)
    pages = sorted((project / "site").rglob("*.html"))
    assert pages
    offenders = [p.relative_to(project).as_posix() for p in pages if remote.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
    graph = (project / "site" / "graph.html").read_text(encoding="utf-8")
    assert "<svg" in graph and "mermaid" not in graph


def _overridable_project(tmp_path):
    """A project whose theme has a custom_dir, and its dossier/ folder for template overrides."""
    import yaml

    project = make_project(tmp_path / "project")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = "overrides"
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    override = project / "overrides" / "dossier"
    override.mkdir(parents=True)
    return project, override


def test_template_override_in_custom_dir_changes_the_claim_page(tmp_path):
    """A newsroom restyles the claim page through Material's custom_dir, as Material users do."""
    project, override = _overridable_project(tmp_path)
    (override / "claim.html").write_text(
        '# {{ claim.statement }}\n\n<p class="house-style">Checked by the desk: {{ claim.id }}</p>\n\n'
        "{{ status_badge }} {{ rating_badge }}\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "claims" / "ships-seized.html").read_text(encoding="utf-8")
    assert '<p class="house-style">Checked by the desk: ships-seized</p>' in page
    assert "dossier-rating--mixed" in page and "Who says what" not in page
    # The override is not published as a file of the site.
    assert not (project / "site" / "dossier" / "claim.html").exists()
    actor = (project / "site" / "actors" / "lena-marsh.html").read_text(encoding="utf-8")
    assert "Claims about this actor" in actor


def test_template_override_in_custom_dir_changes_the_timeline(tmp_path):
    """The listings are templates too: a custom_dir timeline.html, using the package's own
    macros, replaces the timeline page and leaves the other listings alone."""
    project, override = _overridable_project(tmp_path)
    (override / "timeline.html").write_text(
        '{% import "_timeline.html" as t %}\n# Chronology\n\n<p class="house-style">Dated by the desk.</p>\n'
        "{{ t.by_year(years) }}\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "timeline.html").read_text(encoding="utf-8")
    assert '<p class="house-style">Dated by the desk.</p>' in page and "<title>Chronology" in page
    assert "Claims in date order" not in page
    assert page.count('class="dossier-rating ') >= 1 and "<time datetime=" in page  # the entries, as shipped
    contested = (project / "site" / "contested.html").read_text(encoding="utf-8")
    assert "house-style" not in contested and "Claims on which the sources disagree" in contested
    assert not (project / "site" / "dossier" / "timeline.html").exists()
