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


@pytest.mark.parametrize("command", [[], ["extract"], ["build"], ["serve"], ["check"], ["report"], ["export"]])
def test_help_everywhere(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Usage: main" in result.output or "Usage: dossier" in result.output or "Usage:" in result.output
    if command:
        assert "--root" in result.output


def test_group_lists_every_command():
    output = run("--help").output
    for name in ("extract", "build", "serve", "check", "report", "export"):
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
