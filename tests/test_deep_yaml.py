"""Deeply nested YAML in every file kind an author edits: one line naming the file and line,
no traceback, and the other documents still build (issue 20)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier import cli
from dossier.io.safe_yaml import MAX_DEPTH, load_yaml_text
from dossier.model.errors import RecordError

REPO = Path(__file__).resolve().parent.parent
DEEP = "[" * 50_000 + "\n"
DOC = "002_0545cb3d4521ee21.txt"


def test_the_reader_stops_at_the_depth_limit_with_the_line():
    text = "a: 1\nb: " + "[" * (MAX_DEPTH + 1) + "1" + "]" * (MAX_DEPTH + 1) + "\n"
    with pytest.raises(RecordError) as err:
        load_yaml_text(text, "x.yml")
    assert str(err.value).startswith(f"x.yml:2: YAML nested more than {MAX_DEPTH} levels deep")
    nested: list = []
    for _ in range(MAX_DEPTH - 3):  # with the mapping, the outer and the innermost list: MAX_DEPTH
        nested = [nested]
    text = "a: " + repr([nested]).replace(" ", "") + "\n"
    assert load_yaml_text(text, "x.yml") == {"a": [nested]}


@pytest.fixture(scope="module")
def dossier(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("deep")
    (root / "content" / "sources").mkdir(parents=True)
    shutil.copyfile(REPO / "content" / "sources" / DOC, root / "content" / "sources" / DOC)
    result = CliRunner().invoke(cli.main, ["extract", "--root", str(root)])
    assert result.exit_code == 0, result.output
    return root


def _run_with_deep(dossier: Path, rel: str, command: str):
    """`dossier <command>` while the file `rel` holds deeply nested YAML (removed after)."""
    path = dossier / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(DEEP, encoding="utf-8")
    try:
        return CliRunner().invoke(cli.main, [command, "--root", str(dossier)], catch_exceptions=False)
    finally:
        path.unlink()


@pytest.mark.parametrize("rel", ["content/records/claims/deep.yml", "content/curation/claims/deep.yml",
                                 f"content/sources/{DOC}.meta.yml"], ids=["record", "curation", "sidecar"])
def test_check_names_the_file_and_line(dossier: Path, rel: str):
    result = _run_with_deep(dossier, rel, "check")
    assert result.exit_code == 1
    assert f"{rel}:1: YAML nested more than {MAX_DEPTH} levels deep" in result.output
    assert "Traceback" not in result.output


def test_aliases_stop_the_run_with_one_line(dossier: Path):
    result = _run_with_deep(dossier, "content/aliases.yml", "extract")
    assert result.exit_code == 1
    assert f"content/aliases.yml:1: YAML nested more than {MAX_DEPTH} levels deep" in result.output
    assert "Traceback" not in result.output


def test_a_bad_sidecar_leaves_its_document_built_and_the_exit_status_1(dossier: Path):
    result = _run_with_deep(dossier, f"content/sources/{DOC}.meta.yml", "extract")
    assert result.exit_code == 1
    assert f"{DOC}.meta.yml:1: YAML nested more than {MAX_DEPTH} levels deep" in result.output
    assert (dossier / "content" / "records" / "sources").is_dir()
