"""Parsed and rendered record files kept by their bytes and data, under the record reader's
own version: a build reads thousands of records, and PyYAML is slow in pure Python."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Callable, Optional

from dossier.incremental.store import DocumentCache, enabled, records_version
from dossier.io.safe_yaml import dump_yaml
from dossier.io.store import NO_MEMORY, Memory, Records

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


_WRITTEN = "records"  # entry: the data of the record files as the last extraction wrote them
_OBJECTS = "records-objects"  # entry: those records as objects, with the digest of their files
_WRITTEN_SEEN: dict[str, Any] = {}  # the last `_WRITTEN` read, by its file's stamp: read once per run
_LOADED_WHOLE: dict[str, bytes] = {}  # by cache folder: the files digest of the records last read back whole


class RecordCache(Memory):
    """The record store's memory under <root>/.dossier-cache/<records version>: parsed and
    rendered files by content, and the record files as the last extraction wrote them (a file
    still holding those bytes need not be parsed again; parsing thousands of files with PyYAML
    is the slowest part of a re-extraction)."""

    def __init__(self, content_dir: Path):
        self.root = Path(content_dir).parent
        # under the record reader's version: new extraction code still finds every file read
        self.store = DocumentCache(self.root, records_version(), kind="written")

    def parse(self, path: Path, base: Path, parse: Callable[[Path, Path], Any]) -> Any:
        return parsed_yaml(path, base, parse)

    def render(self, data: Any) -> str:
        return rendered(self.root, data, dump_yaml)

    def as_written(self) -> dict[tuple[str, str], tuple[bytes, dict]]:
        try:
            st = self.store.file(_WRITTEN).stat()
            stamp = (str(self.store.dir), st.st_mtime_ns, st.st_size, st.st_ino)
        except OSError:
            return {}
        if _WRITTEN_SEEN.get("stamp") != stamp:
            _WRITTEN_SEEN.clear()
            _WRITTEN_SEEN.update(stamp=stamp, data=self.store.get(_WRITTEN, expect=dict) or {})
        return _WRITTEN_SEEN["data"]

    def records_as_written(self, files_digest: bytes) -> Optional[Records]:
        hit = self.store.get(_OBJECTS, expect=tuple)
        if hit is None or len(hit) != 2 or hit[0] != files_digest or not isinstance(hit[1], Records):
            return None
        _LOADED_WHOLE[str(self.store.dir)] = files_digest
        return hit[1]

    def remember_written(self, files: dict[tuple[str, str], bytes], data: dict[tuple[str, str], dict],
                         files_digest: bytes, records: Optional[Records]) -> None:
        if records is not None and _LOADED_WHOLE.get(str(self.store.dir)) == files_digest:
            return  # the records as the cache holds them, read back whole this run: nothing new
        _WRITTEN_SEEN.clear()
        _LOADED_WHOLE.clear()
        self.store.put(_WRITTEN, {key: (digest, data[key]) for key, digest in files.items()})
        if records is not None:  # the objects themselves, for a run that finds every file as written
            self.store.put(_OBJECTS, (files_digest, Records(sources=dict(records.sources), actors=dict(records.actors),
                                                            claims=dict(records.claims))))


def record_memory(content_dir: Path) -> Memory:
    """The record store's memory: a `RecordCache`, or none when the cache is off."""
    return RecordCache(content_dir) if enabled() else NO_MEMORY
