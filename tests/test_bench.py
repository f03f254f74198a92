"""Smoke test of scripts/gen_corpus and scripts/bench (the benchmark itself is not a test)."""
from __future__ import annotations

import importlib.machinery
import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _script(name: str):
    loader = importlib.machinery.SourceFileLoader(name.replace("-", "_"), str(REPO / "scripts" / name))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_gen_corpus_is_deterministic_and_multilingual(tmp_path: Path):
    gen = _script("gen_corpus")
    a = gen.generate(30, 7, tmp_path / "a")
    b = gen.generate(30, 7, tmp_path / "b")
    texts = [p.read_text(encoding="utf-8") for p in a]
    assert texts == [p.read_text(encoding="utf-8") for p in b]
    assert texts != [p.read_text(encoding="utf-8") for p in gen.generate(30, 8, tmp_path / "c")]
    joined = "\n".join(texts)
    assert any("\u0600" <= ch <= "\u06ff" for ch in joined)  # Arabic
    assert any(ch in "ğışİ" for ch in joined)  # Turkish
    assert " the " in joined  # English
    # adding a document changes none of the others
    cast, stories = gen.world(30, 7)
    assert gen.document(cast, stories, 7, 3) == texts[3]
    assert (tmp_path / "a" / "mkdocs.yml").exists()


def test_bench_smoke(tmp_path: Path):
    bench = _script("bench")
    out = tmp_path / "results.md"
    rows = bench.main(["--sizes", "10", "--work", str(tmp_path / "work"), "--out", str(out)])
    row = rows[0]
    assert row["documents"] == 10
    for key, _label, _fmt in bench.COLUMNS:
        assert key in row, key
    assert row["records"] > 10 and row["pages"] > 10
    assert row["extract_s"] > 0 and row["plain_build_s"] > 0 and row["search_index_mb"] > 0
    assert row["rounds"].count("%") == 1 and row["rounds"].count(",") == 2  # one round, three added
    # the plain build got every generated page and data file
    plain = tmp_path / "work" / "corpus-10" / "plain-docs"
    assert (plain / "data" / "ftm.json").stat().st_size > 0 and (plain / "claims" / "index.md").is_file()
    text = out.read_text(encoding="utf-8")
    for _key, label, _fmt in bench.COLUMNS:
        assert f"| {label} |" in text
