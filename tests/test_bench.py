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
    assert any("\u0400" <= ch <= "\u04ff" for ch in joined)  # Cyrillic


def test_gen_corpus_writes_articles_of_real_size_and_its_plan(tmp_path: Path):
    """Articles of 2-8 KB in paragraphs; planted.yml lists each distinct fact once, with the
    documents that state it; facts recur across documents, some tolls rise over time and
    some figures are disputed."""
    import yaml

    gen = _script("gen_corpus")
    n = 150
    paths = gen.generate(n, 3, tmp_path / "c")
    for path in paths:
        data = path.read_bytes()
        assert 2000 <= len(data) <= 8192, (path.name, len(data))
        assert data.decode("utf-8").count("\n\n") >= 6, path.name  # header, paragraphs, footer
    plan = yaml.safe_load((tmp_path / "c" / "planted.yml").read_text(encoding="utf-8"))
    facts = {f["id"]: f for f in plan["planted"]}
    assert plan["documents"] == n and plan["facts"] == len(facts) == gen.planted_count(tmp_path / "c")
    cast, stories = gen.world(n, 3)
    stated: dict[str, int] = {}
    for i in range(n):
        for fid in set(gen.document_facts(cast, stories, 3, i)):
            stated[fid] = stated.get(fid, 0) + 1
    assert stated == {fid: f["documents"] for fid, f in facts.items()}
    assert len(facts) < n  # far fewer facts than documents: each is retold
    assert sum(1 for f in facts.values() if f["documents"] >= 5) > len(facts) // 3
    assert any(f.get("rising") for f in facts.values()) and any(f.get("contested") for f in facts.values())
    rising = next(f for f in facts.values() if f.get("rising"))
    assert [v["value"] for v in rising["values"]] == sorted(v["value"] for v in rising["values"])


def test_bench_smoke(tmp_path: Path):
    import json
    import subprocess
    import sys

    bench = _script("bench")
    out = tmp_path / "results.md"
    # in a process of its own, as a user runs it: the bench's builds and threads leave this one alone
    child = ("import json, sys, importlib.machinery, importlib.util\n"
             "loader = importlib.machinery.SourceFileLoader('bench', sys.argv[1])\n"
             "spec = importlib.util.spec_from_loader('bench', loader); m = importlib.util.module_from_spec(spec)\n"
             "loader.exec_module(m)\n"
             "rows = m.main(['--sizes', '10', '--work', sys.argv[2], '--out', sys.argv[3]])\n"
             "print(json.dumps(rows, default=str))")
    done = subprocess.run([sys.executable, "-c", child, str(REPO / "scripts" / "bench"), str(tmp_path / "work"),
                           str(out)], capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, done.stderr[-3000:]
    row = json.loads(done.stdout.strip().splitlines()[-1])[0]
    assert row["documents"] == 10
    for key, _label, _fmt in bench.COLUMNS:
        assert key in row, key
    assert row["records"] > 10 and row["pages"] > 10
    assert row["extract_s"] > 0 and row["plain_build_s"] > 0 and row["search_index_mb"] > 0
    assert 0 < row["planted_facts"] and 0 < row["claims"] < row["records"]
    assert row["claims_per_fact"] == row["claims"] / row["planted_facts"]
    assert row["rounds"].count("%") == 1 and row["rounds"].count(",") == 2  # one round, three added
    # the plain build got every generated page and data file
    plain = tmp_path / "work" / "corpus-10" / "plain-docs"
    assert (plain / "data" / "ftm.json").stat().st_size > 0 and (plain / "claims" / "index.md").is_file()
    text = out.read_text(encoding="utf-8")
    for _key, label, _fmt in bench.COLUMNS:
        assert f"| {label} |" in text
    assert f"{row['largest_page_bytes']:,} bytes: {row['largest_page']}" in text
