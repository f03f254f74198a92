"""The package's shape: layers that depend one way, modules and functions of a readable size."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "dossier"
MAX_MODULE_LINES = 800
MAX_FUNCTION_LINES = 80


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_the_layer_contract_holds():
    """lint-imports: no upward import between layers and no cycle, imports inside functions counted."""
    lint = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run([str(lint), "--no-cache"], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


def test_the_contract_forbids_an_upward_import(tmp_path):
    """The contract is not vacuous: a model module importing the pipeline breaks it."""
    copy = tmp_path / "repo"
    copy.mkdir()
    (copy / "pyproject.toml").write_bytes((REPO / "pyproject.toml").read_bytes())
    subprocess.run(["cp", "-r", str(PACKAGE), str(copy / "dossier")], check=True)
    bad = copy / "dossier" / "model" / "upward.py"
    bad.write_text("def f():\n    from dossier import pipeline\n    return pipeline\n", encoding="utf-8")
    lint = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run([str(lint), "--no-cache"], cwd=copy, capture_output=True, text=True,
                          env={"PYTHONPATH": str(copy), "PATH": "/usr/bin:/bin"})
    assert done.returncode != 0
    assert "dossier.model.upward -> dossier.pipeline" in done.stdout


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_modules_stay_readable(path: Path):
    """No module over MAX_MODULE_LINES; no function over MAX_FUNCTION_LINES unless a comment
    just above it says why."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert len(lines) <= MAX_MODULE_LINES, f"{path.name}: {len(lines)} lines: split it by job"
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = node.end_lineno - node.lineno + 1
            first = min([node.lineno] + [d.lineno for d in node.decorator_list])
            above = lines[first - 2].strip() if first >= 2 else ""
            assert length <= MAX_FUNCTION_LINES or above.startswith("#"), \
                f"{path.name}:{node.lineno}: {node.name} is {length} lines with no comment saying why"


def test_no_import_cycle_among_modules():
    """Not one cycle among all the package's modules (package __init__s included), imports
    inside functions counted: every module can be read after the ones it imports."""
    import grimp  # deferred: only this test reads the import graph

    graph = grimp.build_graph("dossier")
    edges = {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for imported in sorted(edges[module]):
            if state.get(imported) == 1:
                here = path + [module]
                cycle = here[here.index(imported):] + [imported]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if imported not in state:
                visit(imported, path + [module])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [])
