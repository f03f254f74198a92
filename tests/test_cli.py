"""cli.py: every command's --help, check/report on a fixture repo, extract summary, atomic build, export."""
from __future__ import annotations

import json
import subprocess
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier import check as chk
from dossier import cli


@pytest.fixture(autouse=True)
def plain_text(monkeypatch):
    monkeypatch.setattr(chk, "_document_text",
                        lambda root, rel: (Path(root) / rel).read_bytes().decode("utf-8"))


def run(*args):
    return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("command", [[], ["extract"], ["build"], ["serve"], ["check"], ["report"], ["export"],
                                     ["review"]])
def test_help_everywhere(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Usage: main" in result.output or "Usage: dossier" in result.output or "Usage:" in result.output
    if command:
        assert "--root" in result.output


def test_group_lists_every_command():
    output = run("--help").output
    for name in ("extract", "build", "serve", "check", "report", "export", "review"):
        assert name in output


def test_check_ok(repo):
    result = run("check", "--root", str(repo))
    assert result.exit_code == 0, result.output
    assert "OK: 4 records checked" in result.output


def test_check_reports_problems_and_exits_1(repo):
    path = repo / "content/records/claims/ana-silva-arrested.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("attributed_to: reuters", "attributed_to: ghost"),
                    encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["check", "--root", str(repo)])
    assert result.exit_code == 1
    assert "content/records/claims/ana-silva-arrested.yml:" in result.output
    assert "no actor with id 'ghost'" in result.output


def test_check_finds_root_from_a_subfolder(repo, monkeypatch):
    monkeypatch.chdir(repo / "content" / "sources")
    result = run("check")
    assert result.exit_code == 0 and "OK: 4 records checked" in result.output


def test_report_json(repo):
    result = run("report", "--root", str(repo), "--json")
    data = json.loads(result.output)
    assert data["documents"] == 1 and data["actors"] == 2 and data["mentions"] == 2
    assert data["claims"] == 1 and data["multi_source"] == 0 and data["contested"] == 0
    assert data["per_claim"] == [{"id": "ana-silva-arrested", "status": "single-source", "sources": 1,
                                  "evidence": 2, "statement": "Ana Silva was arrested.",
                                  "source_ids": ["doc"], "origins": []}]
    assert data["multi_origin"] == 0


def test_report_text(repo):
    result = run("report", "--root", str(repo))
    assert "Claims:           1" in result.output and "ana-silva-arrested" in result.output


def test_report_on_broken_records_is_a_clean_error(repo):
    (repo / "content/records/actors/reuters.yml").write_text("id: reuters\nkind: nope\n", encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["report", "--root", str(repo)])
    assert result.exit_code == 1
    assert "content/records/actors/reuters.yml:" in result.output and "Hint:" in result.output


def fake_pipeline(monkeypatch, extract):
    monkeypatch.setattr(cli.pipeline, "extract", extract)


def test_extract_prints_progress_and_summary(repo, monkeypatch):
    calls = []

    def extract(root, progress=None):
        calls.append(root)
        progress("reading a.txt", 0, 2)
        progress("reading b.txt", 1, 2)
        return types.SimpleNamespace(documents=2, actors=3, mentions=7, claims=4, multi_source=1, contested=1,
                                     languages=["ar", "en"], warnings=["content/sources/bad.txt: cannot decode"],
                                     written=["claims/x"], unchanged=[], removed=0)

    fake_pipeline(monkeypatch, extract)
    result = CliRunner().invoke(cli.main, ["extract", "--root", str(repo)])
    assert result.exit_code == 0, result.output
    assert calls == [repo.resolve()]
    assert "reading b.txt (1/2)" in result.output
    assert "Documents:        2" in result.output and "contested:      1" in result.output
    assert "Warnings:         1" in result.output and "bad.txt: cannot decode" in result.output
    assert "1 written, 0 unchanged, 0 removed" in result.output


def test_extract_error_becomes_click_error(repo, monkeypatch):
    from dossier.model.errors import RecordError

    def extract(root, progress=None):
        raise RecordError("content/aliases.yml", "bad pin", line=3)

    fake_pipeline(monkeypatch, extract)
    result = CliRunner().invoke(cli.main, ["extract", "--root", str(repo)])
    assert result.exit_code == 1
    assert "content/aliases.yml:3: bad pin" in result.output and "Hint:" in result.output


def test_extract_without_sources_folder(tmp_path):
    result = CliRunner().invoke(cli.main, ["extract", "--root", str(tmp_path)])
    assert result.exit_code == 1 and "content/sources" in result.output


def test_failed_build_keeps_previous_site(repo, monkeypatch):
    (repo / "mkdocs.yml").write_text("site_name: t\ndocs_dir: content/pages\n", encoding="utf-8")
    site = repo / "site"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")

    def failing(cmd, **kwargs):
        out = Path(cmd[cmd.index("-d") + 1])
        (out / "index.html").write_text("half", encoding="utf-8")
        return subprocess.CompletedProcess(cmd, 1, "", "WARNING - broken link")

    monkeypatch.setattr(cli.subprocess, "run", failing)
    result = CliRunner().invoke(cli.main, ["build", "--root", str(repo), "--no-extract"])
    assert result.exit_code == 1 and "broken link" in result.output
    assert (site / "index.html").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in repo.iterdir() if p.name != ".dossier-cache") == ["content", "mkdocs.yml", "site"]


def test_successful_build_swaps_site(repo, monkeypatch):
    (repo / "mkdocs.yml").write_text("site_name: t\ndocs_dir: content/pages\n", encoding="utf-8")
    (repo / "site").mkdir()
    (repo / "site" / "stale.html").write_text("stale", encoding="utf-8")

    def ok(cmd, **kwargs):
        assert "--strict" in cmd
        out = Path(cmd[cmd.index("-d") + 1])
        (out / "index.html").write_text("new", encoding="utf-8")
        return subprocess.CompletedProcess(cmd, 0, "", "")

    monkeypatch.setattr(cli.subprocess, "run", ok)
    result = CliRunner().invoke(cli.main, ["build", "--root", str(repo), "--no-extract"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (repo / "site").iterdir()) == ["index.html"]
    # nothing left over but the site (and the extraction cache, see dossier/cache.py)
    assert sorted(p.name for p in repo.iterdir() if p.name != ".dossier-cache") == ["content", "mkdocs.yml", "site"]
    assert "Claims:           1" in result.output


def test_build_without_mkdocs_yml(repo):
    result = CliRunner().invoke(cli.main, ["build", "--root", str(repo), "--no-extract"])
    assert result.exit_code == 1 and "mkdocs.yml" in result.output


def test_a_missing_docs_dir_is_created_empty_and_the_site_builds(repo):
    """MkDocs refuses a docs_dir that does not exist; a dossier with no pages of its own builds."""
    (repo / "mkdocs.yml").write_text("site_name: t\ndocs_dir: 'content/own pages'  # the editor's\n", encoding="utf-8")
    cli._mkdocs_config(repo)
    assert (repo / "content/own pages").is_dir() and not any((repo / "content/own pages").iterdir())
    (repo / "mkdocs.yml").write_text("site_name: t\ndocs_dir: ../elsewhere\n", encoding="utf-8")
    cli._mkdocs_config(repo)
    assert not (repo.parent / "elsewhere").exists()  # nothing is made outside the dossier


def test_real_mkdocs_build(repo):
    """A real `mkdocs build --strict` of a minimal config, swapped into site/."""
    (repo / "mkdocs.yml").write_text("site_name: t\ndocs_dir: content/pages\n", encoding="utf-8")
    (repo / "content/pages/index.md").write_text("# Hello\n", encoding="utf-8")
    site = cli.build_site(repo)
    assert (site / "index.html").is_file()


def test_export_writes_the_data_files(repo):
    from dossier import exports
    from dossier.extract.ingest import load_document
    from dossier.io.store import load_records

    result = run("export", "--root", str(repo), "--site-url", "https://dossier.example.org/")
    assert result.exit_code == 0, result.output
    out = repo / "exports"
    records = load_records(repo / "content")
    texts = {s.id: load_document(repo / s.path, repo).text for s in records.sources.values()}
    expected = exports.exports(records, texts, site_url="https://dossier.example.org/")
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == \
        sorted(path[len("data/"):] for path in expected)
    for path, data in expected.items():
        assert (out / path[len("data/"):]).read_bytes() == data, path
    assert f"Wrote {len(expected)} files to exports/" in result.output


def test_export_to_a_folder_with_page_folders(repo, tmp_path):
    result = run("export", "--root", str(repo), "--out", str(tmp_path / "out"), "--directory-urls")
    assert result.exit_code == 0, result.output
    assert "claims/ana-silva-arrested/" in (tmp_path / "out" / "claims.csv").read_text(encoding="utf-8")
    assert (tmp_path / "out" / "schemas" / "claims.schema.json").is_file()


def test_export_on_broken_records_is_a_clean_error(repo):
    (repo / "content/records/actors/reuters.yml").write_text("id: reuters\nkind: nope\n", encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["export", "--root", str(repo)])
    assert result.exit_code == 1
    assert "content/records/actors/reuters.yml:" in result.output and "Hint:" in result.output
    assert not (repo / "exports").exists()


def test_build_refuses_a_changed_source_and_force_is_reported(repo, monkeypatch):
    (repo / "mkdocs.yml").write_text("site_name: t\ndocs_dir: content/pages\n", encoding="utf-8")
    doc = repo / "content" / "sources" / "doc.txt"
    doc.write_text(doc.read_text(encoding="utf-8").replace("3 May", "4 May"), encoding="utf-8")
    built: list = []

    def ok(cmd, **kwargs):
        built.append(kwargs["env"].get("DOSSIER_FORCE"))
        (Path(cmd[cmd.index("-d") + 1]) / "index.html").write_text("new", encoding="utf-8")
        return subprocess.CompletedProcess(cmd, 0, "", "")

    monkeypatch.setattr(cli.subprocess, "run", ok)
    result = CliRunner().invoke(cli.main, ["build", "--root", str(repo), "--no-extract"])
    assert result.exit_code == 1 and built == []
    assert "content/sources/doc.txt: changed since extraction" in result.output
    assert "content/records/claims/ana-silva-arrested.yml" in result.output and "--force" in result.output
    assert not (repo / "site").exists()
    result = CliRunner().invoke(cli.main, ["build", "--root", str(repo), "--no-extract", "--force"])
    assert result.exit_code == 0, result.output
    assert built == ["1"]  # the plugin is told too
    assert "published anyway (--force): content/sources/doc.txt" in result.output


def test_build_summary_counts_and_lists_warnings(repo, monkeypatch):
    (repo / "mkdocs.yml").write_text("site_name: t\ndocs_dir: content/pages\n", encoding="utf-8")
    record = repo / "content" / "records" / "sources" / "doc.yml"
    text = record.read_text(encoding="utf-8").replace("title: A title", "title: null")
    record.write_text(text + "notes:\n- 'date \"Thursday\" at 3-11 left unresolved: the document states no "
                      "publication date'\n", encoding="utf-8")

    def ok(cmd, **kwargs):
        (Path(cmd[cmd.index("-d") + 1]) / "index.html").write_text("new", encoding="utf-8")
        return subprocess.CompletedProcess(cmd, 0, "", "")

    monkeypatch.setattr(cli.subprocess, "run", ok)
    result = CliRunner().invoke(cli.main, ["build", "--root", str(repo), "--no-extract"])
    assert result.exit_code == 0, result.output
    assert "Warnings:         3" in result.output
    assert "content/sources/doc.txt: no title found (give one as 'title:' in content/sources/doc.txt.meta.yml)" \
        in result.output
    assert "content/sources/doc.txt: 1 date(s) left unresolved ('Thursday')" in result.output
    assert "site_url is not set in mkdocs.yml" in result.output
    assert "Site:             site/ (open site/index.html" in result.output
    (repo / "mkdocs.yml").write_text("site_name: t\nsite_url: https://x.example.org/\ndocs_dir: content/pages\n",
                                     encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["build", "--root", str(repo), "--no-extract"])
    assert "Warnings:         2" in result.output and "site_url" not in result.output


def test_review_lists_duplicates_orphans_and_dates_with_the_file_to_edit(repo):
    from dossier.io.store import load_records
    from dossier.model import Actor, Claim
    from dossier.site.review import render_review, review_items

    records = load_records(repo / "content")
    first = records.claims["ana-silva-arrested"]
    records.claims["ana-silva-was-arrested"] = Claim(id="ana-silva-was-arrested", statement="Ana Silva was arrested!",
                                                    actors=["ana-silva"], evidence=first.evidence[:1])
    records.claims["unrelated"] = Claim(id="unrelated", statement="Ana Silva won a prize.", actors=["ana-silva"])
    records.actors["anna-silva"] = Actor(id="anna-silva", name="Ana Silva", kind="person")
    records.sources["doc"].published = None
    records.sources["doc"].notes = ['date "Thursday" at 3-11 left unresolved: the document states no publication date']
    orphans = [{"file": "content/curation/claims/gone.yml", "line": 2, "message": "no claim 'gone'"}]
    shown = [str(i) for i in review_items(records, orphans)]
    assert shown == [
        "content/curation/claims/ana-silva-arrested.yml: 'Ana Silva was arrested!' may be the same claim as "
        "'Ana Silva was arrested.' (to merge them, write: merge: [ana-silva-was-arrested])",
        "content/curation/actors/ana-silva.yml: 'Ana Silva' may be the same as 'Ana Silva' "
        "(to merge them, write: merge: [anna-silva])",
        "content/curation/claims/gone.yml:2: no claim 'gone' (fix the decision or delete it)",
        "content/sources/doc.txt.meta.yml: 1 date(s) left unresolved in content/sources/doc.txt ('Thursday'): "
        "the document states no publication date (give the date it was published as 'published: YYYY-MM-DD')",
    ]
    page = render_review(records, orphans)
    assert page.startswith("---\ntitle: \"Review queue\"\nsearch:\n  exclude: true\n---\n")
    assert "<code>content/curation/claims/gone.yml:2</code>" in page and "(../" not in page


def test_review_command(repo):
    result = run("review", "--root", str(repo))
    assert result.exit_code == 0, result.output
    assert "Likely duplicate claims: 0" in result.output and "0 item(s) to review" in result.output


def test_the_plugin_refuses_a_changed_source_too(repo):
    """A plain `mkdocs build` (no dossier CLI) stops naming the file; DOSSIER_FORCE=1 publishes."""
    import os
    import sys

    (repo / "mkdocs.yml").write_text("site_name: t\ndocs_dir: content/pages\nplugins:\n  - dossier\n", encoding="utf-8")
    doc = repo / "content" / "sources" / "doc.txt"
    doc.write_text(doc.read_text(encoding="utf-8").replace("3 May", "4 May"), encoding="utf-8")
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(repo / "out")]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("DOSSIER_FORCE", None)
    done = subprocess.run(cmd, cwd=repo, capture_output=True, text=True, env=env)
    assert done.returncode != 0
    assert "not published" in done.stderr and "content/sources/doc.txt: changed since extraction" in done.stderr
    loud = [c for c in cmd if c != "-q"]
    done = subprocess.run(loud, cwd=repo, capture_output=True, text=True, env={**env, "DOSSIER_FORCE": "1"})
    assert done.returncode == 0, done.stderr
    assert (repo / "out" / "data" / "claimreview.json").is_file()
    assert "WARNING" in done.stderr and "site_url is not set in mkdocs.yml" in done.stderr  # not strict: a warning


def test_the_review_page_stays_bounded_at_any_size(monkeypatch):
    from types import SimpleNamespace

    from dossier.site import review

    many = [review.Item(section=review.SECTIONS[0], what=f"claim {i} may repeat claim {i + 1}",
                        file=f"content/curation/claims/c{i}.yml", line=None, action="write merge: [...]", pages=())
            for i in range(5000)]
    monkeypatch.setattr(review, "review_items", lambda records, orphans=(): many)
    page = review.render_review(SimpleNamespace(orphans=[]))
    assert len(page.encode("utf-8")) < 100_000
    assert f"and {5000 - review.PAGE_ITEMS} more" in page
