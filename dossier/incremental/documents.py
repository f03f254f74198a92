"""Per-document results, cached by content hash and computed in parallel.

What one document yields on its own (`dossier.extract.document`) is

* **cached** under `<root>/.dossier-cache/<version>/docs/`, keyed by the sha256 of the file's
  bytes, its sidecar files and its path, under `extractor_version()` (see `dossier.incremental.store`);
* **computed in parallel** on every core when several documents are new or changed
  (`concurrent.futures.ProcessPoolExecutor`; results come back in document order), or by a
  warm worker forked at the start of the run when only a few are.

`DOSSIER_WORKERS=N` sets the number of processes.
"""
from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Callable, Optional

from dossier.extract import mentions as actors_stage
from dossier.extract import vectors
from dossier.extract import document
from dossier.extract import decode, predicate_lexicon, segment, sidecar
from dossier.extract.document import Prepared
from dossier.io.files import file_digest
from dossier.io.processes import die_with_parent
from dossier.incremental.encoder import MODELS_DIR, encoder_loader
from dossier.incremental.runs import read_ahead
from dossier.incremental import store as cache_store
from dossier.incremental.store import CACHE_DIR, RUN, DocumentCache

#: Below this many documents to process, forking workers costs more than it saves.
PARALLEL_MIN = 8


def workers() -> int:
    """How many processes extract documents: DOSSIER_WORKERS, else the usable cores."""
    env = os.environ.get("DOSSIER_WORKERS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def document_key(path: Path, root: Path, _root_resolved: Optional[Path] = None,
                 _listing: Optional[dict] = None, _seen: Optional[dict] = None) -> str:
    """sha256 of the document's path, bytes and sidecar files (which supply metadata), and
    of the project's content/predicates.yml (its incident nouns are counted per document).

    (`_root_resolved`, `_listing`, a cache of directory listings, and `_seen`, the file
    digests of `content_fingerprint`, only save work when keying a thousand documents.
    Plain strings, not `Path`s: this runs for every document of every run.)"""
    spath = os.fspath(path)
    base = os.fspath(_root_resolved or Path(root).resolve())
    real = os.path.realpath(spath)
    if os.path.commonpath([real, base]) != base:
        raise ValueError(f"{spath} is not inside {base}")
    h = hashlib.sha256(os.path.relpath(real, base).replace(os.sep, "/").encode("utf-8"))
    h.update(b"\0" + file_digest(spath, {} if _seen is None else _seen))
    if _listing is None:
        _listing = {}
    folder, name = os.path.split(spath)
    if folder not in _listing:
        try:
            _listing[folder] = frozenset(os.listdir(folder or "."))
        except OSError:
            _listing[folder] = frozenset()
    names = _listing[folder]
    # <file>.yml, <stem>.yml (and .yaml, .json), and the editor's <file>.meta.yml / <stem>.meta.yml
    stem = os.path.splitext(name)[0]
    sides = [c for suffix in sidecar.SIDECAR_SUFFIXES for c in (name + suffix, stem + suffix)]
    sides += [name + sidecar.SIDECAR_SUFFIX, stem + sidecar.SIDECAR_SUFFIX]
    for side in dict.fromkeys(sides):
        full = os.path.join(folder, side)
        if side != name and side in names and os.path.isfile(full):
            with open(full, "rb") as fh:
                h.update(b"\0" + side.encode("utf-8") + b"\0" + fh.read())
    # the incidents a document names are counted with the project's own incident nouns too
    project = os.path.join(base, "content", predicate_lexicon.PROJECT_FILE)
    if os.path.isfile(project):
        h.update(b"\0" + predicate_lexicon.PROJECT_FILE.encode("ascii") + b"\0" +
                 file_digest(project, {} if _seen is None else _seen))
    return h.hexdigest()


def _work(item: tuple[Path, Path, Optional[str], Optional[str], bool, Optional[str]]) -> Prepared:
    path, root, key, version, text_only, expected = item
    if text_only:  # the caller finds the mentions and incidents and stores the result
        return document.prepare_text(path, root)
    result = document.prepare_one(path, root)
    if key is not None and _read_as_keyed(result, expected):
        DocumentCache(root, version).put(key, result)
    return result


def _read_as_keyed(result: Prepared, expected: Optional[str]) -> bool:
    """Whether the bytes the stages read are the bytes the key was made of: a document saved
    again between the two reads gives results that belong to no key (used, not kept)."""
    return result.document is not None and expected is not None and result.document.source.sha256 == expected


def _prune(cache_dir: Path, keep: str) -> None:
    """Remove the entries of earlier extractor (and record reader) versions: they can never
    be read again."""
    if cache_dir.is_dir():
        for old in cache_dir.iterdir():
            if old.is_dir() and old.name not in (keep, MODELS_DIR, cache_store.records_version()):
                shutil.rmtree(old, ignore_errors=True)


def _models_loaded() -> bool:
    """Whether this process already holds the language models (a worker would load them again)."""
    return segment.detector_loaded()


def _worker_start() -> None:
    """A pool worker forked while the run had the cyclic collector off turns it on; it dies
    with the run."""
    gc.enable()
    die_with_parent()


def _serve_documents(conn: Any) -> None:
    """A warm worker's loop: prepare each batch of documents sent to it.

    Its language detector is built when a document first needs it, and then reads all its
    models at once on every core (`segment._detector`): the worker forks before the run
    knows which documents are new, and a document in Arabic script needs none. The mentions
    are found by the process that receives the documents."""
    die_with_parent()
    while True:
        try:
            items = conn.recv()
        except (EOFError, OSError):
            return
        if items is None:
            return
        for item in items:
            conn.send(_work(item))


class _WarmWorker:
    """One process forked at the start of a run, while the run's process is still small:
    it reads and segments the documents found to be new (usually one or two)."""

    def __init__(self) -> None:
        ctx = multiprocessing.get_context("fork")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve_documents, args=(child,), daemon=True)
        self.proc.start()
        child.close()

    def submit(self, items: list[tuple]) -> None:
        self.conn.send(items)

    def ready(self) -> bool:
        """Whether a result is waiting to be received."""
        try:
            return self.conn.poll()
        except OSError:
            return True

    def receive(self) -> Prepared:
        return self.conn.recv()  # EOFError when the worker died

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.proc.join(0.05)
        if self.proc.is_alive():
            self.proc.terminate()
            self.proc.join()
        self.conn.close()


class Pending:
    """Documents being prepared (see `start`): `results()` waits for them, in document order.

    New and changed documents are handed to worker processes at once, so that reading
    the cached ones (and whatever the caller does before `results()`) overlaps with them.
    A few (adding one to a dossier) go to the warm worker `start` forked first: it reads and
    segments them (loading only the language models they need) while this process reads the
    cache, loads the mention lexicons and reads ahead the memo entries the last run used
    (`read_ahead`), then finds their mentions and incidents
    (`text_only`). Many go to a pool on every core, each worker doing it all. When this
    process holds the models already (tests, `serve`), a few are read here.
    """

    def __init__(self, paths: list[Path], root: Path, store: Optional[DocumentCache], version: Optional[str],
                 keys: list[Optional[str]], todo: list[int], warm: Optional[_WarmWorker] = None,
                 expected: Optional[list[Optional[str]]] = None):
        self.paths, self.root, self.store, self.version, self.keys = paths, root, store, version, keys
        self.expected = expected or [None] * len(paths)  # sha256 of the bytes each key was made of
        self.todo = todo
        self._pool = None
        self._warm = None
        self.text_only = False
        if todo and len(todo) < PARALLEL_MIN and warm is not None:
            self.text_only = True
            self._warm, warm = warm, None
            self._warm.submit([self._item(i, True) for i in todo])
        elif len(todo) >= PARALLEL_MIN and workers() > 1:
            n_workers = min(workers(), len(todo))
            ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
            # initializer: the collector back on, and death with the run
            self._pool = ProcessPoolExecutor(max_workers=n_workers, mp_context=ctx, initializer=_worker_start)
            chunk = max(1, min(16, len(todo) // (n_workers * 4)))
            self._mapped = self._pool.map(_work, [self._item(i) for i in todo], chunksize=chunk)
        if warm is not None:
            warm.stop()

    def cancel(self) -> None:
        """Stop the workers: their results are not needed after all."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._warm is not None:
            self._warm.stop()
            self._warm = None

    def _item(self, i: int, text_only: bool = False) -> tuple:
        return (self.paths[i], self.root, self.keys[i], self.version, text_only, self.expected[i])

    def _from_warm(self, i: int) -> Prepared:
        """Document i from the warm worker (or read here if the worker is gone), completed
        here and stored in the cache."""
        result = None
        if self._warm is not None:
            try:
                result = self._warm.receive()
            except (EOFError, OSError):
                self._warm.stop()
                self._warm = None
        if result is None:
            return _work(self._item(i))
        result = document.complete(result)
        if self.store is not None and self.keys[i] and _read_as_keyed(result, self.expected[i]):
            self.store.put(self.keys[i], result)
        return result

    def results(self, progress: Optional[Callable[[str, int, int], None]] = None) -> list[Prepared]:
        paths = self.paths
        out: list[Optional[Prepared]] = [None] * len(paths)
        todo = set(self.todo)
        late: list[int] = []
        for i, path in enumerate(paths):
            if i in todo:
                continue
            hit = self.store.get(self.keys[i]) if self.store is not None and self.keys[i] else None
            if hit is None:  # vanished or unreadable since `start`: compute it here
                late.append(i)
                continue
            hit.path, hit.cached = path, True
            out[i] = hit
        done = len(paths) - len(todo) - len(late)
        if progress and done:  # a cold run has none: no "0 documents unchanged"
            progress(f"{done} documents unchanged", done, len(paths))
        try:
            if self.text_only:
                # while the warm worker reads the new documents, load what this process will
                # need next (each step only if the worker is not done yet)
                for step in (actors_stage.warm_lexicons, _import_numpy, vectors.warm_encoder, *read_ahead(self.root)):
                    if self._warm is not None and self._warm.ready():
                        break
                    step()
                for i in self.todo:
                    out[i] = self._from_warm(i)
                    done += 1
                    if progress:
                        progress(f"reading {paths[i].name}", done, len(paths))
            elif self._pool is not None:
                for i, result in zip(self.todo, self._mapped):
                    out[i] = result
                    done += 1
                    if progress:
                        progress(f"reading {paths[i].name}", done, len(paths))
            else:
                late = sorted(late + self.todo)
            for i in late:
                if progress:
                    progress(f"reading {paths[i].name}", done, len(paths))
                out[i] = _work(self._item(i))
                done += 1
        finally:
            self.cancel()
        return [r for r in out if r is not None]


def _import_numpy() -> None:
    """Import numpy now, while waiting: finding copies needs it later in the run."""
    import numpy  # noqa: F401  # deferred: heavy, loaded only while the warm worker reads


def start(paths: list[Path], root: Path, use_cache: Optional[bool] = None, seen: Optional[dict] = None) -> Pending:
    """Begin preparing each document: cached ones are found, the others handed to workers
    (`seen`: file digests shared with `content_fingerprint`)."""
    use_cache = cache_store.enabled() if use_cache is None else use_cache
    RUN.start()
    # the warm worker is forked before we know which documents are new, while this process
    # is small: only worth it when a few are likely (a cache exists) and this process lacks
    # the models
    warm = None
    if use_cache and workers() > 1 and sys.platform.startswith("linux") and not _models_loaded() \
            and (Path(root) / CACHE_DIR / cache_store.extractor_version()).is_dir():
        warm = _WarmWorker()
    try:
        version = cache_store.extractor_version() if use_cache else None
        store = DocumentCache(root, version) if use_cache else None
        if store is not None:
            _prune(Path(root) / CACHE_DIR, keep=store.dir.parent.name)
            vectors.set_encoder_loader(encoder_loader(root))
        keys: list[Optional[str]] = []
        todo: list[int] = []
        expected: list[Optional[str]] = []
        base = Path(root).resolve()
        listing: dict = {}
        seen = {} if seen is None else seen
        for i, path in enumerate(paths):
            key = None
            if store is not None:
                try:
                    too_big = os.stat(path).st_size > decode.MAX_BYTES  # refused unread by prepare_one
                    key = None if too_big else document_key(path, root, base, listing, seen)
                except (OSError, ValueError):  # ValueError: a link out of the dossier
                    key = None  # unreadable: prepare_one reports it
            keys.append(key)
            known = seen.get(os.fspath(path)) if key is not None else None
            expected.append(known[1].hex() if known else None)
            if key is None or not store.has(key):
                todo.append(i)
    except BaseException:
        if warm is not None:
            warm.stop()
        raise
    return Pending(paths, root, store, version, keys, todo, warm, expected)
