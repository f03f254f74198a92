"""The incremental layer changes speed, never output: the same records with it, without its
cache (DOSSIER_CACHE=0) and without the layer at all (`pipeline.Direct`)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dossier import pipeline

REPO = Path(__file__).resolve().parent.parent



def _records(root: Path) -> dict[str, bytes]:
    records = root / "content" / "records"
    return {p.relative_to(records).as_posix(): p.read_bytes() for p in sorted(records.rglob("*.yml"))}


def _sample(root: Path) -> Path:
    shutil.copytree(REPO / "content" / "sources", root / "content" / "sources")
    shutil.copyfile(REPO / "content" / "aliases.yml", root / "content" / "aliases.yml")
    return root


def _generated(root: Path) -> Path:
    subprocess.run([sys.executable, str(REPO / "scripts" / "gen_corpus"), "--n", "40", "--seed", "11",
                    "--out", str(root)], check=True, capture_output=True)
    return root


@pytest.mark.parametrize("make", [_sample, _generated], ids=["sample", "generated"])
def test_records_are_the_same_with_and_without_the_incremental_layer(tmp_path: Path, monkeypatch, make):
    runs = {}
    monkeypatch.setenv("DOSSIER_CACHE", "1")
    cached = make(tmp_path / "cached")
    pipeline.extract(cached)  # cold: fills the cache
    (cached / "content" / "records" / "claims").rename(cached / "content" / "claims.old")
    pipeline.extract(cached)  # warm: every document's results from the cache, the records written again
    runs["cached"] = _records(cached)
    monkeypatch.setenv("DOSSIER_CACHE", "0")
    off = make(tmp_path / "off")
    pipeline.extract(off)
    runs["cache off"] = _records(off)
    direct = make(tmp_path / "direct")
    pipeline.extract(direct, layer=pipeline.Direct(direct))
    runs["no layer"] = _records(direct)
    assert not (direct / ".dossier-cache").exists()
    assert runs["cached"] and any(name.startswith("claims/") for name in runs["cached"])
    assert runs["cached"] == runs["cache off"] == runs["no layer"]
    if make is _sample:  # and they are the committed records
        committed = {p.relative_to(REPO / "content" / "records").as_posix(): p.read_bytes()
                     for p in sorted((REPO / "content" / "records").rglob("*.yml"))}
        assert runs["no layer"] == committed
