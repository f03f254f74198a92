"""Golden pages for the committed sample dossier (content/records + content/sources).

Renders every page of the real sample records with `site.pages`, exactly as the MkDocs
plugin does, and compares each with tests/golden/sample/<path>. After an intended change
to extraction or to the site, accept the new pages with:

    UPDATE_GOLDEN=1 scripts/test tests/test_sample_golden_pages.py

and review `git diff tests/golden/sample/`.
"""
from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
import yaml

from dossier import site
from dossier.extract.ingest import load_document
from dossier.io.store import load_records

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
GOLDEN = Path(__file__).parent / "golden" / "sample"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
ACCEPT = "UPDATE_GOLDEN=1 scripts/test tests/test_sample_golden_pages.py"
MAX_DIFF_LINES = 80


def _site_name() -> str:
    """site_name from mkdocs.yml (what the plugin passes), 'Dossier' if unset."""
    try:
        config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return "Dossier"
    return str(config.get("site_name") or "Dossier")


def _intro() -> str | None:
    """The hand-written home intro the plugin would use, if the editor wrote one."""
    path = CONTENT / "pages" / "_intro.md"
    return path.read_text(encoding="utf-8") if path.is_file() else None


@pytest.fixture(scope="module")
def sample_pages() -> dict[str, str]:
    records = load_records(CONTENT)
    texts = {sid: load_document(REPO / src.path, REPO).text
             for sid, src in sorted(records.sources.items()) if (REPO / src.path).is_file()}
    return site.pages(records, texts, site_name=_site_name(), intro=_intro())


def _write_golden(pages: dict[str, str]) -> None:
    for old in sorted(GOLDEN.rglob("*.md")) if GOLDEN.is_dir() else []:
        old.unlink()
    for path, text in pages.items():
        target = GOLDEN / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")


def _diff(path: str, expected: str, actual: str) -> str:
    lines = list(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                      f"tests/golden/sample/{path}", f"rendered {path}", lineterm="", n=2))
    more = len(lines) - MAX_DIFF_LINES
    return "\n".join(lines[:MAX_DIFF_LINES] + ([f"... {more} more diff lines"] if more > 0 else []))


def test_sample_pages_match_golden(sample_pages):
    """Every generated page of the sample dossier equals its golden file, and no page is missing."""
    if UPDATE:
        _write_golden(sample_pages)
    if not GOLDEN.is_dir():
        pytest.fail(f"tests/golden/sample/ does not exist yet: create it from the committed records with\n"
                    f"    {ACCEPT}", pytrace=False)
    golden = {p.relative_to(GOLDEN).as_posix(): p for p in sorted(GOLDEN.rglob("*.md"))}
    missing = sorted(set(sample_pages) - set(golden))
    extra = sorted(set(golden) - set(sample_pages))
    problems = []
    if missing:
        problems.append("pages with no golden file (new records?):\n  " + "\n  ".join(missing))
    if extra:
        problems.append("golden files with no page any more (records removed?):\n  " + "\n  ".join(extra))
    changed = [path for path in sorted(set(sample_pages) & set(golden))
               if golden[path].read_text(encoding="utf-8") != sample_pages[path]]
    if changed:
        first = changed[0]
        problems.append(f"{len(changed)} page(s) differ from tests/golden/sample/: {', '.join(changed[:10])}"
                        f"{' ...' if len(changed) > 10 else ''}\nfirst difference:\n"
                        + _diff(first, golden[first].read_text(encoding="utf-8"), sample_pages[first]))
    if problems:
        pytest.fail("\n\n".join(problems) + f"\n\nIf the change is intended, accept it with:\n    {ACCEPT}",
                    pytrace=False)


def test_sample_has_a_page_per_record(sample_pages):
    """The sample records all get their page (sanity check independent of the golden files)."""
    records = load_records(CONTENT)
    for kind in ("claims", "actors", "sources"):
        for record_id in getattr(records, kind):
            assert site.page_path(kind, record_id) in sample_pages, f"{kind}/{record_id}"
    assert set(site.SECTION_PAGES) <= set(sample_pages)
