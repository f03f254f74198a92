"""Per-document results, cached by content hash and computed in parallel.

What one document yields on its own (decoded, segmented `Document`, its actor mention
candidates and the sentence vectors of its quotes) does not depend on any other document, so it is

* **cached** under `<root>/.dossier-cache/<version>/docs/`, keyed by the sha256 of the file's
  bytes, its sidecar files and its path, and by `EXTRACTOR_VERSION`, a hash of this package's
  source files and lexicons: any change to extraction code starts a fresh cache, so an entry
  can never be stale;
* **computed in parallel** on every core when several documents are new or changed
  (`concurrent.futures.ProcessPoolExecutor`; results come back in document order).

Writes are atomic (temporary file + rename); an unreadable entry is ignored and rebuilt.
Under `runs/`, the data of the record files the last extraction wrote (so they are not parsed
again, see `records.load_existing`) and that run's report, keyed by a hash of everything under
content/ as it left it (`content_fingerprint`): nothing changed, nothing to redo.
The evidence found in a document (which needs the actors its names resolved to) is cached
the same way, keyed by the document and those actors (`find_evidence`).
`DOSSIER_CACHE=0` turns the cache off, `DOSSIER_WORKERS=N` sets the number of processes.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Optional

from . import actors as actors_stage
from . import claims, ingest, segment
from .errors import InputError
from .model import Document, EvidenceCandidate, MentionCandidate

CACHE_DIR = ".dossier-cache"
#: Below this many documents to process, forking workers costs more than it saves.
PARALLEL_MIN = 8
_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A hash of every source file and lexicon of the package, and the Python version."""
    h = hashlib.sha256(f"{sys.version_info[:2]}".encode())
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in (".py", ".yml", ".yaml", ".json", ".txt") and "__pycache__" not in path.parts:
            h.update(path.relative_to(_PACKAGE).as_posix().encode("utf-8") + b"\0")
            h.update(path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def enabled() -> bool:
    return os.environ.get("DOSSIER_CACHE", "1") not in ("0", "false", "no", "off")


def workers() -> int:
    """How many processes extract documents: DOSSIER_WORKERS, else the usable cores."""
    env = os.environ.get("DOSSIER_WORKERS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class Prepared:
    """One document's own results, or the reason it could not be read."""
    path: Path
    document: Optional[Document] = None
    mentions: Optional[list[MentionCandidate]] = None
    vectors: Optional[dict] = None  # (start, end) -> sentence vector of a quote (claims.quote_vectors)
    error: Optional[str] = None
    cached: bool = False


class DocumentCache:
    """Pickled results by key, one file each, under the versioned cache dir (`kind`: a subdir)."""

    def __init__(self, root: Path, version: Optional[str] = None, kind: str = "docs"):
        self.dir = Path(root) / CACHE_DIR / (version or extractor_version()) / kind

    def _file(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.pickle"

    def get(self, key: str, expect: type = None) -> Optional[Any]:
        """The stored result, or None when missing or unreadable (then it is removed)."""
        expect = expect or Prepared
        path = self._file(key)
        try:
            with open(path, "rb") as fh:
                value = pickle.load(fh)
        except FileNotFoundError:
            return None
        except Exception:  # truncated or foreign bytes: rebuild it
            path.unlink(missing_ok=True)
            return None
        return value if isinstance(value, expect) else None

    def put(self, key: str, value: Any) -> None:
        path = self._file(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only or full disk only costs speed


def document_key(path: Path, root: Path) -> str:
    """sha256 of the document's path, bytes and sidecar files (which supply metadata)."""
    h = hashlib.sha256(Path(path).resolve().relative_to(Path(root).resolve()).as_posix().encode("utf-8"))
    h.update(b"\0" + Path(path).read_bytes())
    for suffix in ingest.SIDECAR_SUFFIXES:
        # ingest.sidecar_candidates: the editor's <file>.meta.yml / <stem>.meta.yml
        for side in (path.with_name(path.name + suffix), path.with_suffix(suffix), *ingest.sidecar_candidates(path)):
            if side != path and side.is_file():
                h.update(b"\0" + side.name.encode("utf-8") + b"\0" + side.read_bytes())
    return h.hexdigest()


def cached_document(path: Path, root: Path) -> Optional[Document]:
    """The cached decoded document for `path` as it is now, or None (not cached, cache off)."""
    if not enabled():
        return None
    try:
        hit = DocumentCache(root).get(document_key(Path(path), Path(root)))
    except (OSError, ValueError):
        return None
    return hit.document if hit is not None else None


def find_evidence(doc: Document, mentions: list[tuple[MentionCandidate, str]], root: Path
                  ) -> list[EvidenceCandidate]:
    """`claims.find_evidence`, cached by everything it reads: the document and its named actors.

    Adding a document rarely changes which actor an existing document's names resolve to,
    so most documents' evidence comes back from the cache on the next run, with what
    grouping detects in each quote (`claims.quote_features`).
    """
    return evidence(doc, mentions, root)[0]


def evidence(doc: Document, mentions: list[tuple[MentionCandidate, str]], root: Path
             ) -> tuple[list[EvidenceCandidate], list[str]]:
    """`find_evidence` and the document's `claims.date_notes` on that evidence, cached together."""
    if not enabled():
        found = claims.find_evidence(doc, mentions)
        return found, claims.date_notes(doc, found)
    key = hashlib.sha256(pickle.dumps((doc.source, doc.text, doc.sentences, mentions),
                                      protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()
    store = DocumentCache(root, kind="evidence")
    hit = store.get(key, expect=tuple)
    if hit is not None and len(hit) == 3:
        found, features, notes = hit
        claims.QUOTE_FEATURES.update(features)  # grouping's regex work on these quotes, done
        return found, notes
    found = claims.find_evidence(doc, mentions)
    notes = claims.date_notes(doc, found)
    store.put(key, (found, dict(claims.quote_features(c) for c in found), notes))
    return found, notes


def parsed_yaml(path: Path, base: Path, parse: Callable[[Path, Path], Any]) -> Any:
    """`parse(path, base)` of a YAML record, cached by the file's bytes (parsing is slow in
    pure Python; a dossier of thousands of records is read on every build)."""
    if not enabled():
        return parse(path, base)
    try:
        raw = Path(path).read_bytes()
    except OSError:
        return parse(path, base)  # it reports the problem
    key = hashlib.sha256(str(path).encode("utf-8") + b"\0" + str(base).encode("utf-8") + b"\0" + raw).hexdigest()
    store = DocumentCache(Path(base), kind="yaml")
    hit = store.get(key, expect=tuple)
    if hit is not None:
        return hit
    value = parse(path, base)
    store.put(key, value)
    return value


def rendered(root: Path, data: Any, dump: Callable[[Any], str]) -> str:
    """`dump(data)`, cached by the data's exact JSON form (PyYAML's emitter is slow)."""
    if not enabled():
        return dump(data)
    import json

    def strict(value: Any) -> Any:
        raise TypeError(type(value).__name__)

    try:
        key = hashlib.sha256(json.dumps(data, ensure_ascii=False, default=strict).encode("utf-8")).hexdigest()
    except (TypeError, ValueError):
        return dump(data)
    store = DocumentCache(Path(root), kind="yaml-out")
    hit = store.get(key, expect=str)
    if hit is not None:
        return hit
    text = dump(data)
    store.put(key, text)
    return text


def content_fingerprint(root: Path) -> Optional[str]:
    """sha256 of every file under <root>/content (path and bytes) and the extractor version:
    everything an extraction reads. None when the cache is off."""
    if not enabled():
        return None
    content = Path(root) / "content"
    h = hashlib.sha256(extractor_version().encode("ascii"))
    for dirpath, dirnames, filenames in os.walk(content):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            h.update(b"\0" + path.relative_to(content).as_posix().encode("utf-8", "surrogateescape") + b"\0")
            try:
                st = path.stat()
                if st.st_size > ingest.MAX_BYTES:  # refused unread by extraction: do not read it either
                    h.update(f"big:{st.st_size}:{st.st_mtime_ns}".encode("ascii"))
                else:
                    h.update(hashlib.sha256(path.read_bytes()).digest())
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


def remember_run(root: Path, report: Any) -> None:
    """Store `report` under the fingerprint of <root>/content as the extraction left it."""
    fingerprint = content_fingerprint(root)
    if fingerprint is not None:
        DocumentCache(root, kind="runs").put(_LAST_RUN, (fingerprint, report))


def prepare_one(path: Path, root: Path) -> Prepared:
    """Decode, segment, find actor mentions and encode the quotes of one document (no cache)."""
    try:
        doc = ingest.load_document(path, root)
        segment.segment(doc)
    except InputError as err:
        return Prepared(path=path, error=str(err))
    mentions = actors_stage.find_mentions(doc)
    return Prepared(path=path, document=doc, mentions=mentions, vectors=claims.quote_vectors(doc))


def _work(item: tuple[Path, Path, Optional[str], Optional[str]]) -> Prepared:
    path, root, key, version = item
    result = prepare_one(path, root)
    if key is not None:
        DocumentCache(root, version).put(key, result)
    return result


def _prune(cache_dir: Path, keep: str) -> None:
    """Remove the entries of earlier extractor versions: they can never be read again."""
    import shutil

    if cache_dir.is_dir():
        for old in cache_dir.iterdir():
            if old.is_dir() and old.name != keep:
                shutil.rmtree(old, ignore_errors=True)


def prepare(paths: list[Path], root: Path, progress: Optional[Callable[[str, int, int], None]] = None,
            use_cache: Optional[bool] = None) -> list[Prepared]:
    """Each document's own results, in the order of `paths`: from the cache or computed."""
    use_cache = enabled() if use_cache is None else use_cache
    version = extractor_version() if use_cache else None
    store = DocumentCache(root, version) if use_cache else None
    if store is not None:
        _prune(Path(root) / CACHE_DIR, keep=store.dir.parent.name)
    results: list[Optional[Prepared]] = [None] * len(paths)
    todo: list[tuple[int, tuple]] = []
    for i, path in enumerate(paths):
        key = None
        if store is not None:
            try:
                too_big = path.stat().st_size > ingest.MAX_BYTES  # refused unread by prepare_one
                key = None if too_big else document_key(path, root)
            except (OSError, ValueError):  # ValueError: a link out of the dossier
                key = None  # unreadable: prepare_one reports it
            hit = store.get(key) if key else None
            if hit is not None:
                hit.path, hit.cached = path, True
                results[i] = hit
                continue
        todo.append((i, (path, root, key, version)))
    done = len(paths) - len(todo)
    if progress:
        progress(f"{done} documents unchanged", done, len(paths))
    n_workers = min(workers(), len(todo))
    if n_workers > 1 and len(todo) >= PARALLEL_MIN:
        import multiprocessing

        chunk = max(1, min(16, len(todo) // (n_workers * 4)))
        ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        with ProcessPoolExecutor(max_workers=n_workers, mp_context=ctx) as pool:
            for (i, item), result in zip(todo, pool.map(_work, [t for _i, t in todo], chunksize=chunk)):
                results[i] = result
                done += 1
                if progress:
                    progress(f"reading {item[0].name}", done, len(paths))
    else:
        for i, item in todo:
            if progress:
                progress(f"reading {item[0].name}", done, len(paths))
            results[i] = _work(item)
            done += 1
    return [r for r in results if r is not None]


__all__ = ["CACHE_DIR", "DocumentCache", "Prepared", "cached_document", "content_fingerprint", "document_key",
           "evidence", "extractor_version", "find_evidence", "last_run", "prepare", "prepare_one", "remember_run", "workers"]
