"""check.py: each consistency rule, broken once, is reported with file and line."""
from __future__ import annotations

from pathlib import Path

import pytest

from dossier import check as chk
from dossier.check import Problem, check, count_records
from dossier.model.references import BACKLINKS, REFERENCES, Reference, walk


@pytest.fixture(autouse=True)
def plain_text(monkeypatch):
    """Read documents as plain UTF-8, so these tests do not depend on ingest's cleaning."""
    monkeypatch.setattr(chk, "_document_text",
                        lambda root, rel: (Path(root) / rel).read_bytes().decode("utf-8"))


def edit(repo: Path, rel: str, old: str, new: str) -> Path:
    path = repo / "content" / "records" / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_with(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def messages(repo: Path) -> list[str]:
    return [str(p) for p in check(repo)]


def test_consistent_repo_has_no_problems(repo):
    assert check(repo) == []
    assert count_records(repo / "content") == 4


def test_quote_mismatch(repo):
    path = edit(repo, "claims/ana-silva-arrested.yml", "quote: Ana Silva was arrested", "quote: Ana Silva was released")
    problems = check(repo)
    assert len(problems) == 1
    assert problems[0].path == "content/records/claims/ana-silva-arrested.yml"
    assert problems[0].line == line_with(path, "was released")
    assert "evidence.0.quote does not match the document" in problems[0].message


def test_offset_shift_is_caught(repo):
    path = repo / "content" / "records" / "actors" / "reuters.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("start: 0", "start: 1"), encoding="utf-8")
    [problem] = check(repo)
    assert "mentions.0.text does not match" in problem.message


def test_start_not_before_end(repo):
    edit(repo, "actors/reuters.yml", "end: 7", "end: 0")
    [problem] = check(repo)
    assert "start (0) must be before end (0)" in problem.message


def test_missing_referenced_actor(repo):
    path = edit(repo, "claims/ana-silva-arrested.yml", "attributed_to: reuters", "attributed_to: nobody")
    [problem] = check(repo)
    assert problem.line == line_with(path, "attributed_to: nobody")
    assert "no actor with id 'nobody'" in problem.message


def test_missing_referenced_source(repo):
    edit(repo, "actors/ana-silva.yml", "- source: doc", "- source: gone")
    [problem] = check(repo)
    assert "mentions.0.source: no source with id 'gone'" in problem.message


def test_missing_cited_actor(repo):
    edit(repo, "sources/doc.yml", "- reuters", "- ghost")
    [problem] = check(repo)
    assert "cites.0: no actor with id 'ghost'" in problem.message


def test_sha256_mismatch(repo):
    (repo / "content" / "sources" / "doc.txt").write_bytes((repo / "content" / "sources" / "doc.txt").read_bytes() + b"x")
    [problem] = check(repo)
    assert problem.path == "content/records/sources/doc.yml" and "sha256 does not match" in problem.message
    assert problem.line == line_with(repo / "content/records/sources/doc.yml", "sha256:")


def test_missing_document(repo):
    (repo / "content" / "sources" / "doc.txt").unlink()
    found = messages(repo)
    assert any("no such document" in m for m in found)


def test_path_outside_repo(repo):
    edit(repo, "sources/doc.yml", "path: content/sources/doc.txt", "path: content/../../etc/passwd")
    found = messages(repo)
    assert any("outside the repository" in m or "path:" in m for m in found)


def test_duplicate_id(repo):
    src = repo / "content/records/actors/reuters.yml"
    (repo / "content/records/actors/reuters-2.yml").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    found = messages(repo)
    assert "content/records/actors/reuters-2.yml:1: duplicate actor id 'reuters' (also in content/records/actors/reuters.yml)" in found
    assert any("reuters-2.yml:1: id 'reuters' does not match the file name" in m for m in found)


def test_bad_id(repo):
    bad = repo / "content/records/actors/Bad_Id.yml"
    bad.write_text("id: Bad_Id\nname: X\nkind: person\n", encoding="utf-8")
    found = messages(repo)
    assert any(m.startswith("content/records/actors/Bad_Id.yml:1: id:") and "does not match" in m for m in found)
    assert any("file name 'Bad_Id.yml' is not a valid id" in m for m in found)


def test_schema_violation_with_line(repo):
    path = edit(repo, "claims/ana-silva-arrested.yml", "stance: affirms", "stance: maybe")
    [problem] = check(repo)
    assert problem.line == line_with(path, "stance: maybe") and "stance" in problem.message


def test_unsafe_yaml_reported_not_raised(repo):
    (repo / "content/records/claims/evil.yml").write_text("id: evil\nstatement: !!python/object:os.system x\n")
    [problem] = check(repo)
    assert problem.line == 2 and "tag" in problem.message


def test_problem_renders_file_line_message():
    assert str(Problem("a.yml", 3, "bad")) == "a.yml:3: bad"
    assert str(Problem("a.yml", None, "bad")) == "a.yml: bad"


def test_real_ingest_reads_the_fixture_document(repo, monkeypatch):
    """Without the plain-text stand-in: offsets are checked against ingest's decoded text."""
    monkeypatch.undo()
    assert check(repo) == []
    edit(repo, "actors/reuters.yml", "end: 7", "end: 6")
    assert "mentions.0.text does not match" in check(repo)[0].message


def test_references_are_read_off_the_model_and_backlinks_invert_them():
    assert REFERENCES == (
        Reference("sources", ("cites", "*"), "actors"),
        Reference("sources", ("derived_from",), "sources"),
        Reference("sources", ("translation_of",), "sources"),
        Reference("actors", ("mentions", "*", "source"), "sources"),
        Reference("actors", ("roles", "*", "source"), "sources"),
        Reference("actors", ("state",), "actors"),
        Reference("claims", ("frame", "subject"), "actors"),
        Reference("claims", ("frame", "object"), "actors"),
        Reference("claims", ("frame", "place"), "actors"),
        Reference("claims", ("actors", "*"), "actors"),
        Reference("claims", ("evidence", "*", "source"), "sources"),
        Reference("claims", ("evidence", "*", "attributed_to"), "actors"),
    )
    assert [(r.kind, r.path) for r in BACKLINKS["actors"]] == [
        ("sources", ("cites", "*")), ("actors", ("state",)), ("claims", ("frame", "subject")), ("claims", ("frame", "object")),
        ("claims", ("frame", "place")), ("claims", ("actors", "*")), ("claims", ("evidence", "*", "attributed_to"))]
    assert [(r.kind, r.path) for r in BACKLINKS["sources"]] == [
        ("sources", ("derived_from",)), ("sources", ("translation_of",)), ("actors", ("mentions", "*", "source")),
        ("actors", ("roles", "*", "source")), ("claims", ("evidence", "*", "source"))]
    assert BACKLINKS["claims"] == ()


def test_walk_reaches_every_item_and_skips_what_is_absent():
    data = {"evidence": [{"source": "a"}, {"quote": "no source"}, {"source": "b"}], "actors": None}
    assert list(walk(data, ("evidence", "*", "source"))) == [(("evidence", 0, "source"), "a"),
                                                              (("evidence", 2, "source"), "b")]
    assert list(walk(data, ("actors", "*"))) == [] and list(walk(data, ("cites", "*"))) == []


# ---------------------------------------------------------------------------------------
# TextQuoteSelector context, and what stops a publication
# ---------------------------------------------------------------------------------------

def test_selector_context_is_checked(repo):
    from dossier.extract.selectors import context

    from conftest import DOC_TEXT
    start = DOC_TEXT.index("Ana Silva was arrested")
    prefix, suffix = context(DOC_TEXT, start, start + len("Ana Silva was arrested on 3 May."))
    assert prefix == DOC_TEXT[:start] and suffix == DOC_TEXT[start + 32:start + 64]  # trimmed at the edge
    path = edit(repo, "claims/ana-silva-arrested.yml", "  start: ",
                f"  prefix: {prefix!r}\n  suffix: 'not what follows'\n  start: ")
    [problem] = check(repo)
    assert problem.path == "content/records/claims/ana-silva-arrested.yml"
    assert problem.line == line_with(path, "not what follows")
    assert "evidence.0.suffix does not match the document text around the quote" in problem.message


def test_publishing_is_refused_when_a_document_changed(repo):
    from dossier.io.store import load_records

    records = load_records(repo / "content")
    _texts, found = chk.publishing(repo, records)
    assert found == []
    doc = repo / "content" / "sources" / "doc.txt"
    doc.write_text(doc.read_text(encoding="utf-8").replace("3 May", "4 May"), encoding="utf-8")
    texts, found = chk.publishing(repo, records)
    shown = [str(p) for p in found]
    assert shown[0] == "content/sources/doc.txt: changed since extraction (its sha256 no longer matches its source record)"
    assert any(s.startswith("content/records/claims/ana-silva-arrested.yml: quote 'Ana Silva was arrested on 3 May.'")
               for s in shown), shown
    with pytest.raises(chk.PublishError) as err:
        chk.publish_gate(records, texts, ["content/sources/doc.txt"], force=False)
    assert "content/sources/doc.txt" in str(err.value) and "--force" in str(err.value)
    forced = chk.publish_gate(records, texts, ["content/sources/doc.txt"], force=True)
    assert forced and all(f.startswith("published anyway (--force)") for f in forced)
    assert chk.publish_gate(records, texts, ["content/sources/doc.txt"], serving=True, force=False)
