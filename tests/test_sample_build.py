"""The sample dossier as committed: records pass `dossier check`, and the site builds strictly."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from dossier import check
from dossier.io import store as records

REPO = Path(__file__).resolve().parent.parent


def test_committed_records_pass_check():
    problems = check.check(REPO)
    assert problems == [], "\n".join(map(str, problems))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("sample-site")
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "content", root / "content", ignore=shutil.ignore_patterns(".records.*"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root,
                          capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr + done.stdout
    assert "WARNING" not in done.stderr, done.stderr
    return root / "site"


def test_a_page_for_every_record(site):
    recs = records.load_records(REPO / "content")
    for kind, items in (("claims", recs.claims), ("actors", recs.actors), ("sources", recs.sources)):
        assert items, kind
        for record_id in items:
            assert (site / kind / f"{record_id}.html").is_file(), f"{kind}/{record_id}.html"
    for page in ("index.html", "citations.html", "contested.html", "claims/index.html",
                 "actors/index.html", "sources/index.html", "timeline.html"):
        assert (site / page).is_file(), page
    for name in ("records.jsonl", "claims.csv", "citations.csv", "ftm.json", "schemas/claims.schema.json"):
        assert (site / "data" / name).stat().st_size > 0, name


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag in ("a", "link") and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in ("script", "img", "source", "iframe") and attrs.get("src"):
            self.links.append(attrs["src"])


def test_every_internal_link_resolves(site):
    parsed: dict[Path, _Links] = {}

    def parse(path: Path) -> _Links:
        if path not in parsed:
            p = _Links()
            p.feed(path.read_text(encoding="utf-8"))
            parsed[path] = p
        return parsed[path]

    broken = []
    for page in sorted(site.rglob("*.html")):
        for href in parse(page).links:
            url = urlsplit(href)
            if url.scheme or url.netloc or href.startswith("mailto:"):
                continue
            path = unquote(url.path)
            if not path:
                target = page
            elif path.startswith("/"):  # the 404 page links from the site root
                target = (site / path.lstrip("/")).resolve()
            else:
                target = (page.parent / path).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {href}")
            elif url.fragment and target.suffix == ".html" and url.fragment not in parse(target).ids:
                broken.append(f"{page.relative_to(site)} -> {href} (no such anchor)")
    assert not broken, "\n".join(broken[:20])
