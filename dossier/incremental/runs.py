"""Across runs: the last run's report (nothing changed, nothing to redo), the memo entries it
used (read ahead by the next run) and the housekeeping that keeps the cache the size of the
dossier."""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any, Callable, Optional

from dossier.extract.decode import MAX_BYTES
from dossier.io.files import file_digest
from dossier.incremental import store as cache_store
from dossier.incremental.store import READ_AHEAD_KINDS, RUN, DocumentCache

def content_fingerprint(root: Path, seen: Optional[dict] = None) -> Optional[str]:
    """sha256 of every file under <root>/content (path and bytes) and the extractor version:
    everything an extraction reads. None when the cache is off.

    `seen` (path -> (size, mtime, inode, digest)), filled on a run's first call, lets the
    last call of the same run (`remember_run`) hash again only the files written since."""
    if not cache_store.enabled():
        return None
    seen = {} if seen is None else seen
    content = os.fspath(Path(root) / "content")  # normalised as the Paths of other steps are
    h = hashlib.sha256(cache_store.extractor_version().encode("ascii"))
    for dirpath, dirnames, filenames in os.walk(content):
        dirnames.sort()
        rel_dir = os.path.relpath(dirpath, content).replace(os.sep, "/")
        prefix = "" if rel_dir == "." else rel_dir + "/"
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            h.update(b"\0" + (prefix + name).encode("utf-8", "surrogateescape") + b"\0")
            try:
                st = os.stat(path)
                if st.st_size > MAX_BYTES:  # refused unread by extraction: do not read it either
                    h.update(f"big:{st.st_size}:{st.st_mtime_ns}".encode("ascii"))
                else:
                    h.update(file_digest(path, seen, st))
            except OSError as err:  # unreadable now: a full run reports it
                h.update(f"unreadable:{err.errno}".encode("ascii"))
    return h.hexdigest()


_LAST_RUN = "last-run"


def last_run(root: Path, fingerprint: Optional[str]) -> Optional[Any]:
    """The report of the extraction that left <root>/content exactly as it is now, or None.

    Extraction is a fixed point (re-extracting its own output writes nothing), so when
    nothing under content/ changed since that run, its records are already the result."""
    if fingerprint is None:
        return None
    hit = DocumentCache(root, kind="runs").get(_LAST_RUN, expect=tuple)
    if hit is None or len(hit) != 2 or hit[0] != fingerprint:
        return None
    return hit[1]


def remember_run(root: Path, report: Any, seen: Optional[dict] = None, documents: tuple = ()) -> None:
    """Store `report` under the fingerprint of <root>/content as the extraction left it
    (`seen`: the table of this run's first `content_fingerprint`), and the list of memo
    entries the run used, for the next run to read ahead; then forget the entries neither
    this run nor the one before used (`documents`: this run's document keys, see `forget_unused`)."""
    fingerprint = content_fingerprint(root, seen)
    if fingerprint is not None:
        runs = DocumentCache(root, kind="runs")
        runs.put(_LAST_RUN, (fingerprint, report))
        base = len(os.path.dirname(runs._dir)) + 1
        used = tuple(path[base:] for path in RUN.used)
        runs.put(_READ_AHEAD, used)
        spared = (path[base:] for path in RUN.spared)
        forget_unused(root, frozenset(used).union(spared, (f"docs/{k[:2]}/{k}.pickle" for k in documents if k)))


_READ_AHEAD = "read-ahead"  # the memo entries the last run used (see `read_ahead`)


_KEPT = "kept"  # every entry the last run used (see `forget_unused`)


#: Kinds of entries of one extractor version that `forget_unused` removes once unused.
PRUNED_KINDS = ("docs", *sorted(READ_AHEAD_KINDS))


def forget_unused(root: Path, used: frozenset) -> int:
    """Remove the entries of `PRUNED_KINDS` (per-document results and the memos of the
    cross-document steps) that neither this run (`used`: paths under the version folder)
    nor the run before it used: what a changed or removed document, or a part of the
    evidence that no longer exists, left behind. Without it the cache would grow with every
    added document for as long as the dossier lives; with it, the run after a change still
    finds what the run before the change used (an edit undone costs nothing). Returns how
    many entries were removed."""
    runs = DocumentCache(root, kind="runs")
    keep = used | (runs.get(_KEPT, expect=frozenset) or frozenset())
    version_dir = os.path.dirname(runs._dir)
    removed = 0
    for kind in PRUNED_KINDS:
        try:
            folders = [e for e in os.scandir(os.path.join(version_dir, kind)) if e.is_dir()]
        except OSError:
            continue
        for folder in folders:
            try:
                entries = list(os.scandir(folder.path))
            except OSError:
                continue
            for entry in entries:
                if entry.name.endswith(".pickle") and f"{kind}/{folder.name}/{entry.name}" not in keep:
                    try:
                        os.unlink(entry.path)
                        removed += 1
                    except OSError:
                        pass
    runs.put(_KEPT, used)
    return removed


#: Entries read ahead per step of `read_ahead` (between two steps the caller may stop).
READ_AHEAD_CHUNK = 200


def read_ahead(root: Path) -> list[Callable[[], None]]:
    """Steps that read the memo entries the last run used (see READ_AHEAD_KINDS) into memory,
    a few hundred each: the next `get` of each takes it from there. For a process with
    time to spare (it waits for another), so that the run later need not read them."""
    if not cache_store.enabled():
        return []
    runs = DocumentCache(root, kind="runs")
    listed = runs.get(_READ_AHEAD, expect=tuple) or ()
    base = os.path.dirname(runs._dir)

    def read(paths: tuple) -> None:
        for rel in paths:
            path = os.path.join(base, rel)
            if path in RUN.ahead or os.path.dirname(os.path.dirname(rel)) not in READ_AHEAD_KINDS:
                continue
            try:
                with open(path, "rb") as fh:
                    RUN.ahead[path] = pickle.load(fh)
            except Exception:  # gone or unreadable: `get` finds out and rebuilds it
                pass

    return [lambda chunk=listed[k:k + READ_AHEAD_CHUNK]: read(chunk)
            for k in range(0, len(listed), READ_AHEAD_CHUNK)]


def end_run() -> None:
    """Forget what this run read ahead and did not use."""
    RUN.ahead.clear()
