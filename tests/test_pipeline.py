"""End-to-end extraction on the sample corpus: golden records, determinism, stable ids."""
from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest

from dossier import pipeline
from dossier.io import store as records

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO / "content" / "sources"
GOLDEN = REPO / "content" / "records"


def make_dossier(tmp: Path, names: list[str] | None = None) -> Path:
    """A dossier in `tmp` holding (some of) the sample documents and the editor's pins."""
    (tmp / "content" / "sources").mkdir(parents=True)
    for path in sorted(SOURCES.iterdir()):
        if names is None or path.name in names:
            shutil.copyfile(path, tmp / "content" / "sources" / path.name)
    pins = REPO / "content" / "aliases.yml"
    if pins.exists():
        shutil.copyfile(pins, tmp / "content" / "aliases.yml")
    return tmp


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.yml"))}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Path:
    root = make_dossier(tmp_path_factory.mktemp("sample"))
    report = pipeline.extract(root)
    assert report.documents == 5
    return root


def test_records_match_golden(extracted):
    """content/records/ is the golden output: a fresh extraction reproduces it byte for byte."""
    got = tree(extracted / "content" / "records")
    want = tree(GOLDEN)
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(extracted / "content" / "records", GOLDEN)
        pytest.skip("golden records rewritten")
    assert sorted(got) == sorted(want), "record files differ (UPDATE_GOLDEN=1 rewrites them)"
    for name in sorted(want):
        if got[name] != want[name]:
            diff = "\n".join(
                difflib.unified_diff(
                    want[name].decode().splitlines(), got[name].decode().splitlines(), name, "extracted", lineterm=""
                )
            )
            pytest.fail(f"{name} differs from the golden record:\n{diff[:4000]}")


def test_second_run_is_byte_identical(extracted, tmp_path):
    root = make_dossier(tmp_path)
    pipeline.extract(root)
    assert tree(root / "content" / "records") == tree(extracted / "content" / "records")


def test_rerun_over_own_records_changes_nothing(extracted):
    before = tree(extracted / "content" / "records")
    report = pipeline.extract(extracted)
    assert report.written == 0
    assert tree(extracted / "content" / "records") == before


def test_adding_a_document_keeps_existing_ids(tmp_path):
    names = sorted(p.name for p in SOURCES.iterdir())
    root = make_dossier(tmp_path, names[:-1])
    pipeline.extract(root)
    first = records.load_records(root / "content")
    shutil.copyfile(SOURCES / names[-1], root / "content" / "sources" / names[-1])
    pipeline.extract(root)
    second = records.load_records(root / "content")
    assert set(first.sources) < set(second.sources)
    assert set(first.actors) <= set(second.actors)
    # A claim may absorb another one the new document bridges, but none is renamed: every
    # earlier evidence item still sits in a claim with one of the earlier ids.
    where = {(e.source, e.start, e.end): c.id for c in second.claims.values() for e in c.evidence}
    for claim in first.claims.values():
        for e in claim.evidence:
            assert where.get((e.source, e.start, e.end)) in first.claims, (claim.id, e.quote)


def test_bad_document_is_reported_and_others_still_extracted(tmp_path):
    root = make_dossier(tmp_path)
    (root / "content" / "sources" / "broken.txt").write_bytes(b"\x00\x01\x02\xff" * 64)
    report = pipeline.extract(root)
    assert report.documents == 5
    assert any("broken.txt" in w for w in report.warnings)


def test_cyclic_collector_is_off_during_a_run_and_as_it_was_after(tmp_path, monkeypatch):
    import gc

    root = make_dossier(tmp_path, ["002_0545cb3d4521ee21.txt"])
    during: list[bool] = []
    real = pipeline.facts.group
    monkeypatch.setattr(pipeline.facts, "group", lambda *a, **k: during.append(gc.isenabled()) or real(*a, **k))
    assert gc.isenabled()
    pipeline.extract(root)
    assert during == [False] and gc.isenabled()
    gc.disable()
    try:
        pipeline.extract(root)  # a caller that turned it off keeps it off
        assert not gc.isenabled()
    finally:
        gc.enable()
