"""The per-document cache and parallel extraction (dossier/cache.py).

Records must be byte-identical with the cache off, cold (filled by parallel workers) and
warm; an unchanged document is not processed again, an edited one is, and a corrupt cache
entry is rebuilt.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dossier import cache, pipeline

REPO = Path(__file__).resolve().parent.parent
SAMPLES = sorted((REPO / "content" / "sources").glob("*.txt"))[:3]


def _snapshot(root: Path) -> dict[str, bytes]:
    records = root / "content" / "records"
    return {p.relative_to(records).as_posix(): p.read_bytes() for p in sorted(records.rglob("*.yml"))}


@pytest.fixture
def dossier_root(tmp_path: Path) -> Path:
    sources = tmp_path / "content" / "sources"
    sources.mkdir(parents=True)
    for path in SAMPLES:
        shutil.copy(path, sources / path.name)
    return tmp_path


@pytest.fixture
def counted(monkeypatch):
    """Count the documents actually processed (not served from the cache)."""
    calls: list[str] = []
    real = cache.prepare_one

    def spy(path, root):
        calls.append(Path(path).name)
        return real(path, root)

    monkeypatch.setattr(cache, "prepare_one", spy)
    return calls


def test_cache_is_invisible_in_the_records(dossier_root: Path, monkeypatch, counted):
    monkeypatch.setenv("DOSSIER_CACHE", "0")
    pipeline.extract(dossier_root)
    uncached = _snapshot(dossier_root)
    assert not (dossier_root / cache.CACHE_DIR).exists()

    # cold cache, filled by two worker processes
    monkeypatch.setenv("DOSSIER_CACHE", "1")
    monkeypatch.setenv("DOSSIER_WORKERS", "2")
    monkeypatch.setattr(cache, "PARALLEL_MIN", 1)
    shutil.rmtree(dossier_root / "content" / "records")
    pipeline.extract(dossier_root)
    assert _snapshot(dossier_root) == uncached
    entries = list((dossier_root / cache.CACHE_DIR).glob("*/docs/*/*.pickle"))
    assert len(entries) == len(SAMPLES)

    # warm: nothing is processed again, same bytes
    counted.clear()
    shutil.rmtree(dossier_root / "content" / "records")
    pipeline.extract(dossier_root)
    assert counted == []
    assert _snapshot(dossier_root) == uncached


def test_only_changed_documents_are_processed(dossier_root: Path, monkeypatch, counted):
    monkeypatch.setenv("DOSSIER_CACHE", "1")
    monkeypatch.setenv("DOSSIER_WORKERS", "1")
    pipeline.extract(dossier_root)
    assert sorted(counted) == sorted(p.name for p in SAMPLES)

    edited = dossier_root / "content" / "sources" / SAMPLES[0].name
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    counted.clear()
    pipeline.extract(dossier_root)
    assert counted == [SAMPLES[0].name]

    # a corrupt entry is ignored, rebuilt, and the records do not change
    before = _snapshot(dossier_root)
    key = cache.document_key(dossier_root / "content" / "sources" / SAMPLES[1].name, dossier_root)
    entry = cache.DocumentCache(dossier_root)._file(key)
    assert entry.exists()
    entry.write_bytes(b"\x80\x04not a pickle")
    counted.clear()
    pipeline.extract(dossier_root)
    assert counted == [SAMPLES[1].name]
    assert _snapshot(dossier_root) == before
    assert cache.DocumentCache(dossier_root).get(key) is not None


def test_extractor_version_follows_the_code():
    version = cache.extractor_version()
    assert len(version) == 16 and version == cache.extractor_version()
    # keys depend on the bytes and the path of a document
    assert cache.DocumentCache(REPO, "a").dir != cache.DocumentCache(REPO, "b").dir
