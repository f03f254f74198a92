"""README.md and docs/ stay true: commands, links, CLI commands, paths and names they cite exist."""
from __future__ import annotations

import importlib
import os
import re
from pathlib import Path

import pytest

from dossier.cli import main
from dossier.model.schema import SCHEMA_KINDS

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")
DOCS = {p.name: p.read_text(encoding="utf-8") for p in sorted((REPO / "docs").glob("*.md"))}
ALL = {"README.md": README, **{f"docs/{name}": text for name, text in DOCS.items()}}
USER_GUIDE = DOCS.get("user-guide.md", "")

EXPECTED_DOCS = ("user-guide.md", "record-format.md", "curation.md", "publishing.md",
                 "performance.md", "architecture.md")


def _visible_commands() -> list[str]:
    return [name for name, cmd in main.commands.items() if not cmd.hidden]


def test_two_setup_commands_are_shown_and_executable():
    for script in ("scripts/build", "scripts/test", "scripts/serve"):
        assert script in README
        assert os.access(REPO / script, os.X_OK), f"{script} is not executable"


def test_readme_shows_the_fast_test_set():
    assert 'scripts/test -m "not slow"' in README


def test_readme_stays_about_one_page():
    assert len(README.splitlines()) <= 100


def test_every_doc_is_linked_from_readme():
    for name in EXPECTED_DOCS:
        assert name in DOCS, f"docs/{name} is missing"
        assert f"(docs/{name})" in README, f"README does not link docs/{name}"


def test_every_doc_linked_from_readme_exists():
    linked = re.findall(r"\]\((docs/[^)#\s]+\.md)(?:#[^)]*)?\)", README)
    assert linked
    for target in linked:
        assert (REPO / target).is_file(), f"README links {target}, which does not exist"


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _anchors(text: str) -> set[str]:
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    return {_slug(m) for m in re.findall(r"^#+ (.+)$", text, flags=re.M)}


@pytest.mark.parametrize("name", sorted(ALL))
def test_relative_links_resolve(name):
    base = (REPO / name).parent
    for target, anchor in re.findall(r"\]\(([^)#:\s]*)(?:#([^)\s]*))?\)", ALL[name]):
        path = (base / target).resolve() if target else REPO / name
        assert path.exists(), f"{name} links {target}, which does not exist"
        if anchor and path.suffix == ".md":
            assert anchor in _anchors(path.read_text(encoding="utf-8")), \
                f"{name} links {target}#{anchor}: no such heading"


def test_every_cli_command_is_documented():
    for name in _visible_commands():
        assert f"`dossier {name}" in README or f"`dossier {name}" in USER_GUIDE, \
            f"neither README nor docs/user-guide.md documents `dossier {name}`"
        assert f"`dossier {name}" in README, f"README's command table lacks `dossier {name}`"


@pytest.mark.parametrize("name", sorted(ALL))
def test_documented_cli_commands_exist(name):
    for command in re.findall(r"`dossier (\w+)", ALL[name]):
        assert command in main.commands, f"{name} mentions `dossier {command}`, which does not exist"


@pytest.mark.parametrize("name", sorted(ALL))
def test_schema_files_named_ship_in_the_package(name):
    for schema in re.findall(r"`(?:dossier/schemas/)?([\w-]+\.schema\.json)`", ALL[name]):
        assert schema.removesuffix(".schema.json") in SCHEMA_KINDS, f"{name}: {schema}"


@pytest.mark.parametrize("name", sorted(ALL))
def test_repository_paths_named_exist(name):
    for path in re.findall(r"`((?:dossier|scripts|tests|content)/[\w./*<>-]*)`", ALL[name]):
        if "<" in path or path.startswith("content/curation") or path.endswith("orphans.yml"):
            continue  # a pattern (`content/records/<kind>/<id>.yml`), or a file a run or the editor makes
        assert list(REPO.glob(path.rstrip("/"))), f"{name} names `{path}`, which does not exist"


def _resolves(dotted: str) -> bool:
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            if not hasattr(obj, attr):
                return False
            obj = getattr(obj, attr)
        return True
    return False


@pytest.mark.parametrize("name", sorted(ALL))
def test_python_names_cited_exist(name):
    for dotted in re.findall(r"`(dossier(?:\.\w+)+)", ALL[name]):
        assert _resolves(dotted), f"{name} cites `{dotted}`, which does not exist"


def test_ci_runs_the_readme_test_command():
    assert "scripts/test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
