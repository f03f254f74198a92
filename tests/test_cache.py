"""The per-document cache and parallel extraction (dossier/cache.py).

Records must be byte-identical with the cache off, cold (filled by parallel workers) and
warm; an unchanged document is not processed again, an edited one is, and a corrupt cache
entry is rebuilt.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from dossier import incremental as cache
from dossier.extract import document
from dossier.incremental import documents as cache_documents
from dossier.incremental import records as cache_records
from dossier import pipeline

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
    real = document.prepare_one

    def spy(path, root):
        calls.append(Path(path).name)
        return real(path, root)

    monkeypatch.setattr(document, "prepare_one", spy)
    return calls


def test_cache_is_invisible_in_the_records(dossier_root: Path, monkeypatch, counted):
    monkeypatch.setenv("DOSSIER_CACHE", "0")
    pipeline.extract(dossier_root)
    uncached = _snapshot(dossier_root)
    assert not (dossier_root / cache.CACHE_DIR).exists()

    # cold cache, filled by two worker processes
    monkeypatch.setenv("DOSSIER_CACHE", "1")
    monkeypatch.setenv("DOSSIER_WORKERS", "2")
    monkeypatch.setattr(cache_documents, "PARALLEL_MIN", 1)
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
    entry = cache.DocumentCache(dossier_root).file(key)
    assert entry.exists()
    entry.write_bytes(b"\x80\x04not a pickle")
    shutil.rmtree(dossier_root / cache.CACHE_DIR / cache.extractor_version() / "runs")  # else nothing to redo
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


def test_memo_keys_follow_the_content_not_the_objects():
    """`Memo.key` gives equal content one key whichever objects hold it (shared, interned,
    made in another process) and tells apart what differs only in type."""
    import subprocess
    import sys

    from dossier.incremental.store import Memo
    from dossier.model import Span

    word = "".join(["Вектор", " ", "Белов"])
    same = sys.intern("Вектор Белов")
    assert word is not same
    assert Memo.key("x", word, [(1, word, None)], {"k": word}) == Memo.key("x", same, [(1, same, None)], {"k": same})
    values = (1, True, 1.0, "1", b"1", (1,), [1], None, {"1": 1}, "\udc80")
    assert len({Memo.key(v) for v in values}) == len(values)
    assert Memo.key("a", "b") != Memo.key("ab") and Memo.key(("a", "b")) != Memo.key("a", "b")
    # what marshal does not write (a dataclass) is keyed by its repr, apart from plain data
    assert Memo.key(Span(0, 1, "footer")) == Memo.key(Span(0, 1, "footer")) != Memo.key(repr(Span(0, 1, "footer")))
    assert Memo.key(Span(0, 1, "footer")) != Memo.key(Span(0, 2, "footer"))
    other = subprocess.run([sys.executable, "-c", "from dossier.incremental.store import Memo; "
                            "print(Memo.key('x', 'Вектор Белов', [(1, 'Вектор Белов', None)], {'k': 2.5}))"],
                           env=dict(os.environ, PYTHONHASHSEED="123", PYTHONPATH=str(REPO)),
                           capture_output=True, text=True, check=True)
    assert other.stdout.strip() == Memo.key("x", word, [(1, word, None)], {"k": 2.5})


def test_code_version_ignores_modules_outside_extraction_only(tmp_path: Path):
    package = tmp_path / "dossier"
    shutil.copytree(REPO / "dossier", package, ignore=shutil.ignore_patterns("__pycache__"))
    before = cache.code_version(package)
    assert before == cache.extractor_version()
    # pages, exports, commands and the MkDocs glue: the cache stays valid
    for name in ("site/__init__.py", "mkdocs/plugin.py", "exports.py", "cli.py", "check.py"):
        with open(package / name, "a", encoding="utf-8") as fh:
            fh.write("\n# a change to rendering\n")
    (package / "site" / "new_page_kind.py").write_text("# a page kind of its own\n", encoding="utf-8")
    assert cache.code_version(package) == before
    # any module of the stages' layers, whatever its file name: a new version
    (package / "extract" / "a_new_stage.py").write_text("# a stage of its own\n", encoding="utf-8")
    assert cache.code_version(package) != before



def test_records_version_follows_the_record_reader_only(tmp_path: Path):
    package = tmp_path / "dossier"
    shutil.copytree(REPO / "dossier", package, ignore=shutil.ignore_patterns("__pycache__"))
    before = cache.records_code_version(package)
    assert before == cache.records_version() and before.startswith("records-")
    with open(package / "extract" / "evidence.py", "a", encoding="utf-8") as fh:  # extraction: same reader
        fh.write("\n# a change to extraction\n")
    assert cache.records_code_version(package) == before
    schema = package / "model" / "schema.py"
    schema.write_text(schema.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # the format: a new one
    assert cache.records_code_version(package) != before


def test_new_extraction_code_does_not_parse_the_records_again(dossier_root: Path, monkeypatch):
    """What reading a record file gives is kept under the record reader's version: after an
    extraction, neither a build (`load_records`) nor a run under a new extractor version
    (new documents' results) parses the files it wrote; an edited file is parsed."""
    from dossier.io import store as records

    pipeline.extract(dossier_root)
    content = dossier_root / "content"
    parsed: list[str] = []
    real = records.load_yaml_lines

    def spy(path, base=None):
        parsed.append(Path(path).name)
        return real(path, base)

    monkeypatch.setattr(records, "load_yaml_lines", spy)
    memory = cache.record_memory(content)
    first = records.load_records(content, memory)  # what `mkdocs build` reads
    assert parsed == [] and first.claims
    monkeypatch.setattr(cache.store, "extractor_version", lambda: "0" * 16)  # as after an upgrade
    before = _snapshot(dossier_root)
    report = pipeline.extract(dossier_root)
    assert report.written == 0 and _snapshot(dossier_root) == before
    assert parsed == []  # the old version's results are gone, what its records read as is not
    assert records.load_records(content, memory) == first and parsed == []
    kept = sorted(p.name for p in (dossier_root / cache.CACHE_DIR).iterdir())
    assert cache.records_version() in kept and "0" * 16 in kept
    assert len([k for k in kept if k != cache.records_version()]) == 1  # old one pruned
    claim = sorted((content / "records" / "claims").glob("*.yml"))[0]
    claim.write_text(re.sub(r"(?m)^statement: .*$", "statement: Edited by hand", claim.read_text(encoding="utf-8"),
                            count=1), encoding="utf-8")
    edited = records.load_records(content, memory)
    assert parsed == [claim.name] and edited.claims[claim.stem].statement == "Edited by hand"


def _gen_corpus(out: Path, n: int) -> None:
    import subprocess
    import sys

    subprocess.run([sys.executable, str(REPO / "scripts" / "gen_corpus"), "--n", str(n), "--seed", "7",
                    "--out", str(out)], check=True, capture_output=True)


def test_adding_a_document_gives_the_records_of_the_same_steps_with_the_cache_off(tmp_path: Path, monkeypatch):
    """Cold, then one document added (incremental), then nothing changed (replayed): the
    records equal those of the same two runs with the cache off (ids and statements once
    written stay, so the reference is the same history, not one cold run over every
    document: a document that joins two quoted facts keeps the older statement)."""
    monkeypatch.setenv("DOSSIER_CACHE", "1")
    full = tmp_path / "full"
    _gen_corpus(full, 60)
    grown = tmp_path / "grown"
    shutil.copytree(full, grown)
    added = sorted((grown / "content" / "sources").glob("*.txt"))[-1]
    held = tmp_path / added.name
    added.rename(held)

    pipeline.extract(grown)
    shutil.copy(held, added)
    # as while waiting for the new document: the memo entries the last run used, read ahead
    for step in cache.read_ahead(grown):
        step()
    ahead = len(cache.RUN.ahead)
    assert ahead > 60 and all(Path(p).parent.parent.name in cache.store.READ_AHEAD_KINDS for p in cache.RUN.ahead)
    left: list[int] = []
    real_end = cache.runs.end_run
    monkeypatch.setattr(cache.runs, "end_run", lambda: left.append(len(cache.RUN.ahead)) or real_end())
    report = pipeline.extract(grown)
    assert report.written > 0
    assert left and left[0] < ahead // 4, (left, ahead)  # most were taken by the run
    assert not cache.RUN.ahead  # and the rest forgotten at its end
    incremental = _snapshot(grown)

    calls: list[str] = []
    monkeypatch.setattr(pipeline.records, "load_existing", lambda *a: calls.append("full run") or ([], []))
    again = pipeline.extract(grown)  # nothing changed: the last run's report, no work
    assert calls == [] and again.written == 0 and again.removed == 0
    assert again.unchanged == report.written + report.unchanged and again.claims == report.claims
    assert _snapshot(grown) == incremental
    monkeypatch.undo()

    monkeypatch.setenv("DOSSIER_CACHE", "0")
    later = full / "content" / "sources" / added.name
    later.rename(tmp_path / ("off-" + added.name))
    pipeline.extract(full)
    shutil.copy(tmp_path / ("off-" + added.name), later)
    pipeline.extract(full)
    assert _snapshot(full) == incremental

    # the records are a fixed point: extracting them again without any cache writes nothing
    again = pipeline.extract(grown)
    assert again.written == 0 and again.removed == 0
    assert _snapshot(grown) == incremental


def test_a_new_process_adding_documents_gives_the_records_of_a_cold_run(tmp_path: Path, monkeypatch):
    """The path of `dossier extract` after documents were added: a process without the
    models forks the warm worker, which reads the new documents (its language detector
    loading only the models they need) while the process reads ahead the memo entries
    the last run used; the records are those of a cold run with the cache off."""
    import subprocess
    import sys

    full = tmp_path / "full"
    _gen_corpus(full, 30)
    grown = tmp_path / "grown"
    shutil.copytree(full, grown)
    held = sorted((grown / "content" / "sources").glob("*.txt"))[-2:]
    for path in held:
        path.rename(tmp_path / path.name)
    run = ("import sys; from pathlib import Path; from dossier import incremental as cache, pipeline; from dossier.incremental import documents as cache_documents\n"
           "sent = []; real = cache_documents._WarmWorker.submit\n"
           "cache_documents._WarmWorker.submit = lambda self, items: sent.append(len(items)) or real(self, items)\n"
           "pipeline.extract(Path(sys.argv[1])); print(sum(sent), len(cache.RUN.ahead))")
    env = dict(os.environ, DOSSIER_CACHE="1", DOSSIER_WORKERS="2", PYTHONPATH=str(REPO))
    first = subprocess.run([sys.executable, "-c", run, str(grown)], env=env, capture_output=True, text=True, check=True)
    assert first.stdout.split() == ["0", "0"]  # cold: the pool, not the warm worker
    for path in held:
        shutil.copy(tmp_path / path.name, path)
    added = subprocess.run([sys.executable, "-c", run, str(grown)], env=env, capture_output=True, text=True, check=True)
    assert added.stdout.split() == ["2", "0"], added.stdout + added.stderr  # both new ones read by it

    # the same steps with the cache off: ids and statements once written stay, so the
    # reference is the same history, not one cold run over every document
    monkeypatch.setenv("DOSSIER_CACHE", "0")
    for path in sorted((full / "content" / "sources").glob("*.txt"))[-2:]:
        path.rename(tmp_path / ("off-" + path.name))
    pipeline.extract(full)
    for path in held:
        shutil.copy(tmp_path / ("off-" + path.name), full / "content" / "sources" / path.name)
    pipeline.extract(full)
    assert _snapshot(grown) == _snapshot(full)


def test_only_edited_record_files_are_parsed_again(dossier_root: Path, monkeypatch):
    monkeypatch.setenv("DOSSIER_CACHE", "1")
    monkeypatch.setenv("DOSSIER_WORKERS", "1")
    pipeline.extract(dossier_root)
    before = _snapshot(dossier_root)
    edited = sorted((dossier_root / "content" / "records" / "actors").glob("*.yml"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "# an editor's comment\n", encoding="utf-8")

    parsed: list[str] = []
    real = cache_records.parsed_yaml
    monkeypatch.setattr(cache_records, "parsed_yaml", lambda path, base, parse: parsed.append(Path(path).name)
                        or real(path, base, parse))
    report = pipeline.extract(dossier_root)
    assert parsed == [edited.name]  # the others are byte for byte as extraction wrote them
    assert report.written == 1 and _snapshot(dossier_root) == before  # the comment is dropped


def test_adding_a_document_redoes_only_what_it_touches(tmp_path: Path, monkeypatch):
    """Incremental extraction: after one document is added, the other documents' evidence
    and name look-ups come from the cache (keys stable across runs); claims are grouped
    by key, whole, in linear time."""
    monkeypatch.setenv("DOSSIER_CACHE", "1")
    monkeypatch.setenv("DOSSIER_WORKERS", "1")
    root = tmp_path / "c"
    _gen_corpus(root, 40)
    added = sorted((root / "content" / "sources").glob("*.txt"))[-1]
    held = tmp_path / added.name
    added.rename(held)
    pipeline.extract(root)

    from dossier.extract import propagation
    from dossier.extract import evidence
    from dossier.extract import copies, scriptnames

    counts = {"evidence": 0, "scan": 0, "short": 0, "pairs": 0}

    def count(module, name, what):
        real = getattr(module, name)

        def spy(*args, **kwargs):
            counts[what] += 1
            return real(*args, **kwargs)
        monkeypatch.setattr(module, name, spy)

    count(evidence, "date_notes", "evidence")  # run only when a document's evidence is not cached
    count(propagation, "_propagate_doc", "scan")
    count(scriptnames, "_short_doc", "short")  # short Arabic names: only documents whose look-ups changed
    count(copies, "_same_text", "pairs")  # near-copies: only the new document's candidate pairs
    shutil.copy(held, added)
    report = pipeline.extract(root)
    assert report.documents == 40 and report.claims > 10, report.claims
    # the new document, and at most a few whose names now resolve differently
    assert 1 <= counts["evidence"] <= 4, counts
    assert 1 <= counts["scan"] <= 5, counts  # (+1: a guessed name the new document repeats is now looked up)
    # (a cold run of these 40 compares 42 pairs and scans 8 documents for short Arabic names)
    assert counts["pairs"] <= 10 and counts["short"] <= 2, counts
    monkeypatch.undo()

    # the same run from scratch gives the same records
    monkeypatch.setenv("DOSSIER_CACHE", "1")
    shutil.rmtree(root / cache.CACHE_DIR)
    before = _snapshot(root)
    pipeline.extract(root)
    assert _snapshot(root) == before


def test_renamed_actors_keep_their_documents_evidence(dossier_root: Path, monkeypatch):
    """find_evidence only reads which mentions share an actor: evidence cached under one set
    of actor ids is reused, renamed, when the same names resolve to actors with other ids."""
    from dossier.extract import mentions
    from dossier.extract import evidence
    from dossier.extract import ingest
    from dossier.extract import segment

    monkeypatch.setenv("DOSSIER_CACHE", "1")
    path = dossier_root / "content" / "sources" / SAMPLES[0].name
    doc = ingest.load_document(path, dossier_root)
    segment.segment(doc)
    found = mentions.find_mentions(doc)
    first = [(m, f"actor-{i % 5}") for i, m in enumerate(found)]
    renamed = [(m, f"renamed-{i % 5}") for i, m in enumerate(found)]
    cache.evidence(doc, first, dossier_root)

    computed: list[int] = []
    real = evidence.date_notes
    monkeypatch.setattr(evidence, "date_notes", lambda *a: computed.append(1) or real(*a))
    reused, _notes = cache.evidence(doc, renamed, dossier_root)
    assert computed == []  # from the cache ...
    assert reused == evidence.find_evidence(doc, renamed)  # ... and what it would compute
    assert any(c.actors for c in reused) and all(a.startswith("renamed-") for c in reused for a in c.actors)

    merged = [(m, "one") for m in found]  # a different partition of the names: computed again
    cache.evidence(doc, merged, dossier_root)
    assert computed == [1]


def test_source_texts_are_extractions_texts_and_name_what_changed(tmp_path: Path):
    from dossier.io.store import load_records

    project = tmp_path / "project"
    shutil.copytree(REPO / "tests" / "fixtures" / "site", project)
    records = load_records(project / "content")
    texts, problems, changed = cache.source_texts(project, records.sources)
    assert sorted(texts) == sorted(records.sources) and problems == [] and changed == []
    first, second = sorted(records.sources)[:2]
    edited = project / records.sources[first].path
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    (project / records.sources[second].path).unlink()
    texts, problems, changed = cache.source_texts(project, records.sources)
    assert changed == [records.sources[first].path] and texts[first].endswith("One more line.\n")
    assert second not in texts
    assert problems == [f"{records.sources[second].path}: document not found "
                        f"(records/sources/{second}.yml points at it)"]


def test_source_texts_read_again_are_remembered_by_the_caller(tmp_path: Path, monkeypatch):
    from dossier.extract import ingest
    from dossier.io.store import load_records

    project = tmp_path / "project"
    shutil.copytree(REPO / "tests" / "fixtures" / "site", project)  # no cache: every document is read
    records = load_records(project / "content")
    reads: list[str] = []
    real = ingest.load_document
    monkeypatch.setattr(ingest, "load_document", lambda path, root: reads.append(Path(path).name) or real(path, root))
    read: dict = {}
    first = cache.source_texts(project, records.sources, read)
    assert len(reads) == len(records.sources)
    assert cache.source_texts(project, records.sources, read) == first and len(reads) == len(records.sources)
    some = sorted(records.sources)[0]
    edited = project / records.sources[some].path
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    texts, _problems, changed = cache.source_texts(project, records.sources, read)
    assert reads[len(records.sources):] == [edited.name] and texts[some].endswith("One more line.\n")
    assert changed == [records.sources[some].path]


def test_entries_no_run_used_for_two_runs_are_forgotten(tmp_path: Path):
    (tmp_path / "content").mkdir()
    memo = cache.Memo(tmp_path, "actors")
    path = lambda key: Path(memo.store._path(key))  # noqa: E731

    def run(*steps) -> None:
        cache.RUN.used.clear()
        cache.RUN.spared.clear()
        for step in steps:
            step()
        cache.remember_run(tmp_path, "report")

    run(*(lambda k=k: memo.put(k, k) for k in "abc"))
    run(lambda: memo.get("a"), lambda: memo.keep("b"))  # b kept unread (a part's cores)
    assert all(path(k).is_file() for k in "abc")  # c: used by the run before
    run(lambda: memo.get("a"))
    assert path("a").is_file() and path("b").is_file() and not path("c").exists()
    run(lambda: memo.get("a"))
    assert path("a").is_file() and not path("b").exists()
    assert memo.get("a") == "a"


def test_an_edited_documents_old_entries_go_and_the_records_stay_those_of_a_cold_run(dossier_root: Path,
                                                                                      monkeypatch):
    monkeypatch.setenv("DOSSIER_WORKERS", "1")
    pipeline.extract(dossier_root)
    version = dossier_root / cache.CACHE_DIR / cache.extractor_version()
    entries = lambda kind: sorted(p.name for p in (version / kind).rglob("*.pickle"))  # noqa: E731
    first = entries("docs")
    edited = dossier_root / "content" / "sources" / SAMPLES[0].name
    text = edited.read_text(encoding="utf-8")
    seen: list[list[str]] = []
    for k in range(3):  # each edit leaves a new entry for the document
        edited.write_text(text + f"\n\nOne more line, number {k + 1}.\n", encoding="utf-8")
        pipeline.extract(dossier_root)
        seen.append(entries("docs"))
    assert len(first) == 3 and [len(s) for s in seen] == [4, 4, 4]  # this run's and the last run's
    original = set(first) - set(seen[0]) | (set(first) - set(seen[1]))
    v1, v2 = set(seen[0]) - set(first), set(seen[1]) - set(seen[0])
    assert len(original) == len(v1) == len(v2) == 1
    assert original <= set(seen[0]) and not original & set(seen[1])  # kept one run, then gone
    assert v1 <= set(seen[1]) and not v1 & set(seen[2]) and v2 <= set(seen[2])
    assert len(entries("evidence")) <= 4
    incremental = _snapshot(dossier_root)
    monkeypatch.setenv("DOSSIER_CACHE", "0")
    shutil.rmtree(dossier_root / "content" / "records")
    pipeline.extract(dossier_root)
    assert _snapshot(dossier_root) == incremental


def test_a_document_saved_during_a_run_is_never_kept_under_its_old_bytes(dossier_root: Path, monkeypatch):
    """A document saved again between the moment its cache key is taken and the moment it is
    read: the results of the new bytes must not be kept under the old bytes' key, or the run
    after the document is reverted serves the other version's quotes, offsets and sha256."""
    from dossier.extract import ingest

    monkeypatch.setenv("DOSSIER_CACHE", "1")
    monkeypatch.setenv("DOSSIER_WORKERS", "1")  # read in this process, where the spy sees it
    target = sorted((dossier_root / "content" / "sources").iterdir())[2]
    original = target.read_bytes()
    real = ingest.load_document
    saved: list[str] = []

    def save_while_reading(path, root):
        if Path(path) == target and not saved:
            saved.append(path.name)
            target.write_bytes(original + "\n\nA paragraph added while the run read the file.\n".encode())
        return real(path, root)

    monkeypatch.setattr(ingest, "load_document", save_while_reading)
    pipeline.extract(dossier_root)
    assert saved == [target.name]
    monkeypatch.setattr(ingest, "load_document", real)
    target.write_bytes(original)  # the editor reverts the save
    pipeline.extract(dossier_root)
    after_revert = _snapshot(dossier_root)

    monkeypatch.setenv("DOSSIER_CACHE", "0")
    cold = dossier_root.parent / "cold"
    shutil.copytree(dossier_root / "content" / "sources", cold / "content" / "sources")
    pipeline.extract(cold)
    assert after_revert == _snapshot(cold)


def test_a_documents_key_follows_the_projects_predicate_file(tmp_path: Path):
    """The incidents a document names are kept with it, counted with the project's own nouns:
    editing content/predicates.yml must not serve the counts of the file before."""
    (tmp_path / "content" / "sources").mkdir(parents=True)
    doc = tmp_path / "content" / "sources" / "a.txt"
    doc.write_text("A flood hit the town.\n", encoding="utf-8")
    alone = cache.document_key(doc, tmp_path)
    project = tmp_path / "content" / "predicates.yml"
    project.write_text("incidents:\n- noun: deluge\n  cues:\n    en: [flood]\n", encoding="utf-8")
    first = cache.document_key(doc, tmp_path)
    project.write_text("incidents:\n- noun: inundation\n  cues:\n    en: [flood]\n", encoding="utf-8")
    assert len({alone, first, cache.document_key(doc, tmp_path)}) == 3
