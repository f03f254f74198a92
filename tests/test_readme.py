"""README.md stays true: its commands exist, and every CLI command is documented there."""
from __future__ import annotations

import os
import re
from pathlib import Path

from dossier.cli import main

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_two_setup_commands_are_shown_and_executable():
    for script in ("scripts/build", "scripts/test", "scripts/serve"):
        assert script in README
        assert os.access(REPO / script, os.X_OK), f"{script} is not executable"


def test_every_cli_command_is_documented():
    for name in main.commands:
        assert f"`dossier {name}" in README, f"README does not document `dossier {name}`"


def test_documented_cli_commands_exist():
    for name in re.findall(r"`dossier (\w+)", README):
        assert name in main.commands, f"README mentions `dossier {name}`, which does not exist"


def test_schema_files_named_in_readme_ship_in_the_package():
    for name in re.findall(r"`(\w+\.schema\.json)`", README):
        assert (REPO / "dossier" / "schemas" / name).is_file(), name


def test_ci_runs_the_readme_test_command():
    assert "scripts/test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
