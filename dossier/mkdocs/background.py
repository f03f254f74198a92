"""The data exports, made by a second process while MkDocs renders the pages.

The files are only needed when MkDocs copies the site's static files, after every page is
rendered, and the second core is idle meanwhile. FollowTheMoney's model (the slowest part)
never loads in the MkDocs process.
"""
from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Optional

from dossier import exports
from dossier.incremental import record_memory, source_texts
from dossier.io.store import load_records
from dossier.model.errors import DossierError


def write_exports(root: Path, content: Path, folder: Path, errors: Path, site_url: Optional[str],
                  directory_urls: bool) -> None:
    """The second process: the exports of the records under `content` (documents found from
    `root`) into `folder`. Quiet on the console; its stderr, and so the message of a
    failure (last), goes to `errors`."""
    sys.stdout.flush()
    sys.stderr.flush()
    with open(os.devnull, "wb") as null, open(errors, "ab") as log:
        os.dup2(null.fileno(), 1)
        os.dup2(log.fileno(), 2)
    try:
        records = load_records(content, record_memory(content))
        texts = source_texts(root, records.sources)[0]
        exports.write(folder, exports.exports(records, texts, site_url, directory_urls))
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
        # spawn: a fresh interpreter (with this one's sys.path), as MkDocs may run threads
        context = multiprocessing.get_context("spawn")
        self._proc = context.Process(target=write_exports, daemon=True, args=(
            root, content, self.dir / exports.DATA_DIR, self._errors, site_url, directory_urls))
        self._proc.start()

    def wait(self) -> None:
        """Block until every file is written; a DossierError with the process's message if not."""
        self._proc.join()
        code = self._proc.exitcode
        if code != 0:
            text = self._errors.read_text(encoding="utf-8", errors="replace") if self._errors.is_file() else ""
            message = text.strip().splitlines()
            raise DossierError(None, f"writing the data exports (site/{exports.DATA_DIR}/) failed: "
                               + (message[-1] if message else f"exit status {code}"))

    def close(self) -> None:
        """Stop the process if it still runs, and remove its files."""
        if self._proc.is_alive():
            self._proc.kill()
        self._proc.join()
        shutil.rmtree(self.tmp, ignore_errors=True)
