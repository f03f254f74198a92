"""Where the incremental layer keeps results: pickled entries under <root>/.dossier-cache.

Entries live under a version folder: `extractor_version()` for what the stages compute (a hash
of the code of the layers they live in, `EXTRACTION_CODE`), `records_version()` for parsed and
rendered record files. A change to that code starts a fresh folder, so an entry is never
stale. Writes are atomic (temporary file + rename); an unreadable entry is ignored and rebuilt.
`DOSSIER_CACHE=0` turns the cache off.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import pickle
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from dossier.extract.document import Prepared

CACHE_DIR = ".dossier-cache"


_PACKAGE = Path(__file__).resolve().parents[1]


#: What the cached results depend on: the layers the stages live in and may import (the import
#: contract keeps them from importing anything above), their data, this layer itself, and the
#: order the pipeline runs the stages in (a run replayed must be the run the code would make).
#: Keyed by package, not by file name: moving code between modules changes nothing here, and
#: pages, exports and commands (above this layer) never invalidate extraction results.
EXTRACTION_CODE = ("model", "text", "io", "extract", "incremental", "pipeline.py", "lexicons")


#: What reading and writing a record file depends on: its parsed data and rendered YAML are
#: cached under their own version, so a change to extraction code does not make the next run
#: parse every record file again.
RECORD_CODE = ("model", "io", "incremental")


def _hash_code(h, package: Path, parts: tuple[str, ...]) -> None:
    for part in parts:
        top = package / part
        for path in sorted(top.rglob("*")) if top.is_dir() else [top]:
            if path.suffix in (".py", ".yml", ".yaml", ".json", ".txt") and "__pycache__" not in path.parts \
                    and path.is_file():
                h.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0")
                h.update(path.read_bytes() + b"\0")


def code_version(package: Path) -> str:
    """A hash of the code and data in `EXTRACTION_CODE` and the Python version."""
    h = hashlib.sha256(f"{sys.version_info[:2]}".encode())
    _hash_code(h, package, EXTRACTION_CODE)
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """The version of this package's extraction code (`code_version` of the package)."""
    return code_version(_PACKAGE)


def records_code_version(package: Path) -> str:
    """A hash of what reads and writes record files (`RECORD_CODE`) and the versions of
    Python, PyYAML and jsonschema ("records-<hash>", a folder of the cache)."""
    from importlib.metadata import PackageNotFoundError, version  # deferred: needed only here

    h = hashlib.sha256(f"{sys.version_info[:2]}".encode())
    for dist in ("PyYAML", "jsonschema"):
        try:
            h.update(f"|{dist}={version(dist)}".encode())
        except PackageNotFoundError:
            h.update(f"|{dist}=?".encode())
    _hash_code(h, package, RECORD_CODE)
    return "records-" + h.hexdigest()[:16]


@lru_cache(maxsize=1)
def records_version() -> str:
    """The version of this package's record reader and writer (`records_code_version`)."""
    return records_code_version(_PACKAGE)


def enabled() -> bool:
    return os.environ.get("DOSSIER_CACHE", "1") not in ("0", "false", "no", "off")


#: Cache kinds whose entries a run reads again in the next run (the memos of the cross-document
#: steps): the entries a run used are listed at its end, and the next run reads them ahead
#: (`read_ahead`) while it waits for a new document to be read.
#: (`stated`: the clause readings and stated facts of grouping; `copies`: the documents' signatures.)
READ_AHEAD_KINDS = frozenset({"evidence", "actors", "stated", "copies"})


class RunLog:
    """What this process's run did with the memo entries of `READ_AHEAD_KINDS`."""

    def __init__(self) -> None:
        self.ahead: dict[str, Any] = {}  # entry path -> its value, read ahead: taken by the next `get`
        self.used: dict[str, None] = {}  # entry paths read or written by this run, in order
        self.spared: dict[str, None] = {}  # entry paths kept without reading them (`DocumentCache.keep`)

    def start(self) -> None:
        self.used.clear()
        self.spared.clear()


RUN = RunLog()


class DocumentCache:
    """Pickled results by key, one file each, under the versioned cache dir (`kind`: a subdir)."""

    def __init__(self, root: Path, version: Optional[str] = None, kind: str = "docs"):
        self.dir = Path(root) / CACHE_DIR / (version or extractor_version()) / kind
        self._dir = str(self.dir)  # plain strings below: thousands of lookups per run
        self._track = kind in READ_AHEAD_KINDS

    def _path(self, key: str) -> str:
        return os.path.join(self._dir, key[:2], key + ".pickle")

    def file(self, key: str) -> Path:
        return Path(self._path(key))

    def has(self, key: str) -> bool:
        return os.path.isfile(self._path(key))

    def get(self, key: str, expect: type = None) -> Optional[Any]:
        """The stored result, or None when missing or unreadable (then it is removed)."""
        expect = expect or Prepared
        path = self._path(key)
        if self._track and path in RUN.ahead:
            value = RUN.ahead.pop(path)
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
            RUN.used[path] = None
        return value if isinstance(value, expect) else None

    def put(self, key: str, value: Any) -> None:
        path = self._path(key)
        if self._track:
            RUN.ahead.pop(path, None)
            RUN.used[path] = None
        write_pickle(path, value)

    def keep(self, key: str) -> None:
        """Count the entry as used by this run without reading it (see `forget_unused`)."""
        if self._track:
            RUN.spared[self._path(key)] = None


@lru_cache(maxsize=8)
def store_for(root: str, version: str, kind: str) -> DocumentCache:
    """The `DocumentCache` of a kind (made once: per-document steps look it up a thousand times)."""
    return DocumentCache(Path(root), version, kind)


def write_pickle(path: str, value: Any) -> None:
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

    `key(*parts)` hashes plain data (strings, numbers, tuples, lists, dicts in a fixed order)
    as `marshal` writes it, and anything else (dataclasses) by its `repr`: equal content gives
    an equal key in any process, which `pickle` does not promise. Used by grouping
    (`grouping.group`) and name propagation (`propagation.propagate`) so that a run only
    redoes the parts a changed document touches."""

    def __init__(self, root: Path, kind: str):
        self.store = DocumentCache(root, kind=kind)

    @staticmethod
    def key(*parts: Any) -> str:
        # marshal's format 2 writes no references to objects met before, so its bytes follow
        # the content alone (not which strings are shared or interned); a few times quicker
        # than repr, and every document is keyed several times a run. The prefixes keep the
        # two encodings apart.
        try:
            data = b"m" + marshal.dumps(parts, 2)
        except ValueError:  # an object marshal does not write (a dataclass): its repr
            data = b"r" + repr(parts).encode("utf-8", "surrogatepass")
        return hashlib.sha256(data).hexdigest()

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
