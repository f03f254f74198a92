"""Live preview: a real `mkdocs serve` follows new documents (re-extraction) and record edits."""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from dossier import pipeline
from dossier.extract.ingest import source_id

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

DOCUMENTS = {
    "en-wire.txt": (
        "Minister denies port closure plan\n\nBy Anna Berg\n12 March 2024\n\n"
        "The transport minister, Daniel Okafor, said on Tuesday that the government "
        "\"has no plan to close the northern port\".\n"
        "Opposition leader Maria Lenz said the port would be closed within a year.\n"
        "Police detained 12 protesters at the northern port on Monday.\n"
    ),
    "de-zeitung.txt": (
        "Streit um den Nordhafen\n\n13. März 2024\n\n"
        "Verkehrsminister Daniel Okafor sagte am Mittwoch, die Regierung habe "
        "\"keinen Plan, den Nordhafen zu schließen\".\n"
        "Die Oppositionsführerin Maria Lenz erklärte, der Hafen werde innerhalb eines Jahres geschlossen.\n"
        "Die Polizei hat am Montag 14 Demonstranten am Nordhafen festgenommen.\n"
    ),
}
NEW_DOCUMENT = (
    "new-daily.txt",
    "Port workers protest\n\n14 March 2024\n\n"
    "Union head Carla Diaz said the northern port \"will stay open as long as we work there\".\n",
)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError, socket.timeout):
        return 0, ""


def wait_for(condition, what: str, server: subprocess.Popen, log: Path, limit: float = 90.0) -> None:
    """Poll `condition` every 0.5 s for at most `limit` seconds."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"mkdocs serve exited ({server.returncode}) waiting for {what}:\n{log.read_text()}")
        if condition():
            return
        time.sleep(0.5)
    pytest.fail(f"timed out waiting for {what}:\n{log.read_text()}")


@pytest.fixture
def project(tmp_path) -> Path:
    """A small dossier with two documents, already extracted."""
    root = tmp_path / "project"
    (root / "content" / "sources").mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "content" / "pages", root / "content" / "pages")
    (root / "content" / "pages" / "_intro.md").unlink(missing_ok=True)
    for name, text in DOCUMENTS.items():
        (root / "content" / "sources" / name).write_text(text, encoding="utf-8")
    report = pipeline.extract(root)
    assert report.documents == 2 and report.claims > 0
    return root


@pytest.mark.parametrize("flags", [[], ["--dirty"]], ids=["full", "dirty"])
def test_serve_follows_documents_and_records(project, tmp_path, flags):
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = tmp_path / "serve.log"
    env = dict(os.environ, PYTHONPATH=str(REPO), NO_MKDOCS_2_WARNING="1")
    env.pop("SOURCE_DATE_EPOCH", None)
    with open(log, "wb") as out:
        server = subprocess.Popen([PYTHON, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *flags],
                                  cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for(lambda: fetch(base)[0] == 200, "the server to answer", server, log)
        assert "re-extracting" not in log.read_text()  # records matched the documents

        # A new document: the serve build re-extracts, and its source page appears.
        name, text = NEW_DOCUMENT
        (project / "content" / "sources" / name).write_text(text, encoding="utf-8")
        new_page = f"{base}sources/{source_id(Path(name))}.html"
        wait_for(lambda: fetch(new_page)[0] == 200, "the new source page", server, log)
        assert "documents changed (1 added, 0 changed, 0 removed), re-extracting" in log.read_text()
        assert (project / "content" / "records" / "sources" / f"{source_id(Path(name))}.yml").is_file()

        # A hand-edited claim statement shows up without re-extraction.
        claim_file = sorted((project / "content" / "records" / "claims").glob("*.yml"))[0]
        edited = "Statement edited while serving QX7"
        claim_file.write_text(re.sub(r"(?m)^statement: .*$", f"statement: {edited}",
                                     claim_file.read_text(encoding="utf-8"), count=1), encoding="utf-8")
        claim_page = f"{base}claims/{claim_file.stem}.html"
        wait_for(lambda: edited in fetch(claim_page)[1], "the edited claim page", server, log)
        # the search index follows: every page once, the edited statement in it
        status, index = fetch(f"{base}search/search_index.json")
        docs = json.loads(index)["docs"]
        assert status == 200 and any(edited in d["title"] + d["text"] for d in docs)
        locations = [d["location"] for d in docs]
        assert len(locations) == len(set(locations))
        assert any(loc.startswith(f"sources/{source_id(Path(name))}.html") for loc in locations)

        # Settled: the extraction's own writes cost at most one rebuild, and nothing loops.
        def builds() -> int:
            return log.read_text().count("Building documentation")

        time.sleep(3)
        settled = builds()
        time.sleep(3)
        assert builds() == settled, log.read_text()
        # initial + new document + the extraction's record writes + the claim edit
        assert settled <= 4, log.read_text()
        assert log.read_text().count("re-extracting") == 1
        assert edited in (claim_file.read_text(encoding="utf-8"))
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(c) for c in fh.read().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _gone_within(pids: list[int], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(_alive(p) for p in pids):
            return True
        time.sleep(0.1)
    return not any(_alive(p) for p in pids)


DOSSIER = str(Path(PYTHON).parent / "dossier")


def test_stopping_dossier_serve_stops_its_mkdocs(project, tmp_path):
    """SIGTERM to `dossier serve` reaches the `mkdocs serve` it runs: nothing is left serving."""
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        server = subprocess.Popen([DOSSIER, "serve", "--root", str(project), "-a", f"127.0.0.1:{port}"],
                                  stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for(lambda: fetch(f"http://127.0.0.1:{port}/")[0] == 200, "the server to answer", server, log)
        children = _children(server.pid)
        assert children
        server.send_signal(signal.SIGTERM)
        assert server.wait(10) == 0
        assert _gone_within(children, 2.0), log.read_text()
        assert fetch(f"http://127.0.0.1:{port}/")[0] == 0
    finally:
        server.kill()


def test_killing_dossier_build_kills_its_mkdocs(project, tmp_path):
    """SIGKILL of `dossier build` (nothing can be forwarded) still ends the mkdocs build it runs."""
    server = subprocess.Popen([DOSSIER, "build", "--no-extract", "--root", str(project)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    children: list[int] = []
    while time.monotonic() < deadline and not children and server.poll() is None:
        children = _children(server.pid)
        time.sleep(0.02)
    if not children:
        server.wait(60)
        pytest.skip("the build finished before its mkdocs child could be seen")
    server.kill()
    server.wait(10)
    assert _gone_within(children, 2.0)


def test_killing_dossier_extract_kills_its_workers(tmp_path):
    """SIGKILL of `dossier extract` while worker processes read documents: none is left."""
    root = tmp_path / "corpus"
    subprocess.run([PYTHON, str(REPO / "scripts" / "gen_corpus"), "--n", "24", "--seed", "3", "--out", str(root)],
                   check=True, capture_output=True)
    env = dict(os.environ, DOSSIER_WORKERS="2", DOSSIER_CACHE="1")
    run = subprocess.Popen([DOSSIER, "extract", "--root", str(root)], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    children: list[int] = []
    while time.monotonic() < deadline and len(children) < 2 and run.poll() is None:
        children = _children(run.pid)
        time.sleep(0.02)
    if not children:
        run.wait(120)
        pytest.skip("the extraction finished before its workers could be seen")
    time.sleep(0.5)  # the workers are busy reading documents
    children = sorted(set(children) | set(_children(run.pid)))
    run.kill()
    run.wait(10)
    assert _gone_within(children, 2.0)
