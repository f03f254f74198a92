"""The data exports, made by a second process while MkDocs renders the pages.

The files are only needed when MkDocs copies the site's static files, after every page is
rendered, and the second core is idle meanwhile. FollowTheMoney's model (the slowest part)
never loads in the MkDocs process. The child is a fresh interpreter that imports only what
the exports need (not the program that runs MkDocs, which may be any script).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Optional

from dossier import exports
from dossier.incremental import record_memory, source_texts
from dossier.io.processes import die_with_parent
from dossier.io.store import load_records
from dossier.model.errors import DossierError

#: The package's parent folder: the child imports this very package, installed or not.
_PACKAGE_PARENT = str(Path(__file__).resolve().parents[2])
_CHILD = "import sys; from dossier.mkdocs.background import child; child(sys.argv[1:])"


def write_exports(root: Path, content: Path, folder: Path, site_url: Optional[str], directory_urls: bool) -> None:
    """The exports of the records under `content` (documents found from `root`) into `folder`."""
    records = load_records(content, record_memory(content))
    texts = source_texts(root, records.sources)[0]
    exports.write(folder, exports.exports(records, texts, site_url, directory_urls))


def child(argv: list[str]) -> None:
    """The second process: `write_exports` with the arguments `BackgroundExports` passes."""
    root, content, folder, site_url, directory_urls = argv
    try:
        write_exports(Path(root), Path(content), Path(folder), site_url or None, directory_urls == "1")
    except DossierError as err:
        sys.exit(str(err))  # other errors end with their traceback's last line


class BackgroundExports:
    """`write_exports` in a second process, started now; `dir` holds the files at their
    paths under the site root once `wait` returns."""

    def __init__(self, root: Path, content: Path, site_url: Optional[str] = None,
                 directory_urls: bool = False) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="dossier-exports-"))
        self.dir = self.tmp / "site"
        self._errors = self.tmp / "errors.log"
        paths = [_PACKAGE_PARENT] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
        cmd = [sys.executable, "-c", _CHILD, str(root), str(content), str(self.dir / exports.DATA_DIR),
               site_url or "", "1" if directory_urls else "0"]
        with open(self._errors, "wb") as errors:  # quiet on the console; its stderr goes here
            self._proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors,
                                          env={**os.environ, "PYTHONPATH": os.pathsep.join(paths)},
                                          preexec_fn=die_with_parent)

    def wait(self) -> None:
        """Block until every file is written; a DossierError with the process's message if not."""
        code = self._proc.wait()
        if code != 0:
            text = self._errors.read_text(encoding="utf-8", errors="replace") if self._errors.is_file() else ""
            message = text.strip().splitlines()
            raise DossierError(None, f"writing the data exports (site/{exports.DATA_DIR}/) failed: "
                               + (message[-1] if message else f"exit status {code}"))

    def close(self) -> None:
        """Stop the process if it still runs, and remove its files."""
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)
