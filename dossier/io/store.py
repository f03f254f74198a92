"""The record store: the YAML fact records in `content/records/<kind>/<id>.yml`.

* `load_records`: every record file, validated against the JSON Schema of its kind
  (generated from the model, `dossier.model.schema`).
* `write_records`: the whole tree, atomically (build beside, then swap), touching only
  files whose bytes really change.

It keeps nothing between runs itself: a `Memory` (the incremental layer's) may remember
parsed and rendered files; the records are the same either way.
"""
from __future__ import annotations

import hashlib
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

from dossier.io.files import (build_dir, carry, discard, file_digest, leftovers, link_or_copy, lock, recover,
                              replace_dir, same_bytes, write_file)
from dossier.io.safe_yaml import display_path, dump_yaml, line_of, load_yaml_lines
from dossier.model.errors import RecordError
from dossier.model import RECORD_KINDS, RECORD_TYPES, from_dict, to_dict
from dossier.model.references import REFERENCES, walk
from dossier.io.validate import ID_PATTERN, validate

#: Written by extraction next to the record kinds: curation decisions that no longer apply.
ORPHANS_FILE = "orphans.yml"

# ---------------------------------------------------------------------------------------
# Records on disk
# ---------------------------------------------------------------------------------------

@dataclass
class Records:
    """Every record, per kind, keyed by id."""
    sources: dict[str, Any] = field(default_factory=dict)
    actors: dict[str, Any] = field(default_factory=dict)
    claims: dict[str, Any] = field(default_factory=dict)
    #: Curation decisions that no longer apply (plain dicts: file, line, message); written
    #: to records/orphans.yml by write_records, absent while empty.
    orphans: list[dict] = field(default_factory=list)

    def of(self, kind: str) -> dict[str, Any]:
        """The id -> record dict of `kind` ('sources', 'actors' or 'claims')."""
        return getattr(self, kind)

    def count(self) -> int:
        """How many records there are, all kinds together."""
        return sum(len(self.of(kind)) for kind in RECORD_KINDS)


@dataclass
class WriteReport:
    """What write_records did: counts, plus the sorted 'kind/id' names behind them."""
    written: int = 0  # new or changed files
    unchanged: int = 0  # identical bytes: file left alone (mtime kept)
    removed: int = 0  # stale files of ids no longer produced
    written_names: list[str] = field(default_factory=list)
    unchanged_names: list[str] = field(default_factory=list)
    removed_names: list[str] = field(default_factory=list)

    def _add(self, what: str, name: str) -> None:
        getattr(self, f"{what}_names").append(name)
        setattr(self, what, getattr(self, what) + 1)


def records_dir(content_dir: Path) -> Path:
    """Where the records live: content_dir/records."""
    return Path(content_dir) / "records"


def curation_dir(content_dir: Path) -> Path:
    """Where the editors' decisions live: content_dir/curation (see dossier/curation.py).

    Extraction re-applies the overlay on every run, so write_records' `_protected` hook
    never needs to keep a stale record alive.
    """
    return Path(content_dir) / "curation"


def _protected(content_dir: Path, kind: str, record_id: str) -> bool:
    """Whether a stale record must survive. Never: curation is re-applied, not kept in records."""
    return False


def _readable_dir(content_dir: Path) -> Path:
    """The records tree to read: content/records, or, while a writer is between its two
    renames (or crashed there), the complete old tree it moved aside. Never modifies anything,
    so readers (the live-reload plugin) can run while `dossier extract` writes."""
    target = records_dir(content_dir)
    if target.is_dir() or not Path(content_dir).is_dir():
        return target
    olds = sorted(p for p in Path(content_dir).iterdir() if p.name.startswith(".records.old") and p.is_dir())
    return olds[-1] if olds else target


def record_files(content_dir: Path, kind: str) -> list[Path]:
    """The record files of one kind, sorted by name."""
    directory = _readable_dir(Path(content_dir)) / kind
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix == ".yml" and p.is_file())


class Memory:
    """What a record store remembers of the files it read and wrote: nothing, here.

    The incremental layer's `RecordCache` keeps parsed and rendered files and the records as
    extraction wrote them; the records read and written are the same either way."""

    def parse(self, path: Path, base: Path, parse: Callable[[Path, Path], Any]) -> Any:
        return parse(path, base)

    def render(self, data: Any) -> str:
        return dump_yaml(data)

    def as_written(self) -> dict[tuple[str, str], tuple[bytes, dict]]:
        """(kind, file name) -> (sha256, data) of the files the last extraction wrote."""
        return {}

    def records_as_written(self, files_digest: bytes) -> Optional[Records]:
        """The records the last extraction wrote, if its files had `files_digest`."""
        return None

    def remember_written(self, files: dict[tuple[str, str], bytes], data: dict[tuple[str, str], dict],
                         files_digest: bytes, records: Optional[Records]) -> None:
        return None


NO_MEMORY = Memory()


def load_records(content_dir: Path, memory: Memory = NO_MEMORY) -> Records:
    """Load and validate every record under content_dir/records; one RecordError lists all problems."""
    with reading(content_dir):
        return _load_records(Path(content_dir), memory=memory)


def load_existing(content_dir: Path, seen: Optional[dict] = None, memory: Memory = NO_MEMORY
                  ) -> tuple[Records, list[str]]:
    """The valid records (for stable ids on re-extraction) and a message per broken file.

    Extraction rewrites every record, so a file edited into an invalid shape is reported
    and left out rather than stopping the run.
    """
    if not records_dir(Path(content_dir)).exists():
        return Records(), []
    with reading(content_dir):
        return _load_records(Path(content_dir), lenient=True, seen=seen, memory=memory)



def _all_as_written(content_dir: Path, written: dict, seen: Optional[dict], memory: Memory) -> Optional[Records]:
    """The records the last extraction wrote, when every record file is still byte for byte
    as it wrote them (no file added, edited or removed)."""
    found: dict[tuple[str, str], bytes] = {}
    for kind in RECORD_KINDS:
        for path in record_files(content_dir, kind):
            key = (kind, path.name)
            known = written.get(key)
            if known is None or _file_digest(path, seen) != known[0]:
                return None
            found[key] = known[0]
    if len(found) != len(written):
        return None
    return memory.records_as_written(_files_digest(found))


def _remember_written(memory: Memory, data: dict[str, dict[str, dict]], digests: dict[str, dict[str, bytes]],
                      records: Optional[Records] = None) -> None:
    files = {(kind, f"{record_id}.yml"): digest for kind, by_id in digests.items() for record_id, digest in by_id.items()}
    memory.remember_written(files, {key: data[key[0]][key[1][:-4]] for key in files}, _files_digest(files), records)


def _files_digest(files: dict[tuple[str, str], bytes]) -> bytes:
    h = hashlib.sha256()
    for (kind, name), digest in sorted(files.items()):
        h.update(f"{kind}/{name}\0".encode("utf-8") + digest)
    return h.digest()


def _file_digest(path: Path, seen: Optional[dict]) -> Optional[bytes]:
    """sha256 of a file's bytes (None when unreadable), from `seen` while the file is unchanged."""
    try:
        return file_digest(path, {} if seen is None else seen)
    except OSError:
        return None


def _checked(kind: str):
    """A parser of one record file: (data, line map, schema problems)."""
    def parse(path: Path, base: Path) -> tuple[Any, dict, list]:
        data, lines = load_yaml_lines(path, base)
        return data, lines, record_problems(kind, Path(path).stem, data, lines)
    return parse


def _load_records(content_dir: Path, lenient: bool = False, seen: Optional[dict] = None,
                  memory: Memory = NO_MEMORY):
    base = content_dir.parent
    records = Records()
    problems: list[str] = []
    loaded: list[tuple[str, str, dict, Any]] = []  # kind, display name, data, lines (or how to get them)
    written = memory.as_written()
    if written:
        whole = _all_as_written(content_dir, written, seen, memory)
        if whole is not None:  # extraction's own output, consistent: nothing to check
            return (whole, []) if lenient else whole
    for kind in RECORD_KINDS:
        for path in record_files(content_dir, kind):
            name = display_path(path, base)
            known = written.get((kind, path.name))
            if known is not None:
                if _file_digest(path, seen) == known[0]:  # as extraction wrote it: valid, data known
                    data = known[1]
                    records.of(kind)[data["id"]] = from_dict(RECORD_TYPES[kind], data)
                    loaded.append((kind, name, data, lambda p=path: load_yaml_lines(p, base)[1]))
                    continue
            try:  # parsed and validated once per file content (see dossier.incremental.cache)
                data, lines, found = memory.parse(path, base, _checked(kind))
            except RecordError as err:
                problems.append(str(err))
                continue
            if found:
                problems.extend(f"{name}:{line or 1}: {msg}" for line, msg in found)
                continue
            records.of(kind)[data["id"]] = from_dict(RECORD_TYPES[kind], data)
            loaded.append((kind, name, data, lines))
    if lenient:
        problems += _dangling(records, loaded)
        hint = "extraction regenerates this file; editor decisions belong in content/curation/"
        return records, [f"{p} ({hint})" for p in problems]
    if problems:
        err = RecordError(None, f"{len(problems)} problem(s) in the records:\n" + "\n".join(problems),
                          hint="fix the files named above, or run `dossier extract` to regenerate them")
        err.problems = problems  # type: ignore[attr-defined]
        raise err
    return records


def _dangling(records: Records, loaded: list[tuple[str, str, dict, Any]]) -> list[str]:
    """'file:line: ...' for each reference to an id no record has (a hand-edited record)."""
    out = []
    for kind, name, data, lines in loaded:
        for ref_kind, path, target in REFERENCES:
            if ref_kind != kind:
                continue
            if callable(lines) and any(v is not None and v not in records.of(target)
                                       for _w, v in walk(data, path)):
                lines = lines()  # a file not parsed: parse it for the line numbers
            for where, value in walk(data, path):
                if value is not None and value not in records.of(target):
                    out.append(f"{name}:{line_of(lines, where) or 1}: {'.'.join(map(str, where))}: "
                               f"no {target[:-1]} with id '{value}'")
    return out


def record_problems(kind: str, stem: str, data: Any, lines: dict[tuple, int]) -> list[tuple[Optional[int], str]]:
    """Schema, id-pattern and id == file-name problems of one loaded record."""
    if not isinstance(data, dict):
        what = "empty" if data is None else f"a {type(data).__name__}"
        return [(1, f"a record must be a mapping of fields, this file is {what}")]
    problems = validate(kind, data, lines)
    record_id = data.get("id")
    if isinstance(record_id, str):
        if not ID_PATTERN.match(record_id):
            pass  # the schema's pattern already reports it
        elif record_id != stem:
            problems.append((line_of(lines, ("id",)),
                             f"id '{record_id}' does not match the file name '{stem}.yml' (rename one of them)"))
    if not ID_PATTERN.match(stem):
        problems.append((1, f"file name '{stem}.yml' is not a valid id (lowercase a-z, 0-9 and '-')"))
    return problems


def _tmp_prefix() -> str:
    return ".records.tmp-"


def _recover(content_dir: Path) -> None:
    """Finish or undo a swap a crash interrupted; drop abandoned temp trees (hold the lock)."""
    if content_dir.is_dir():
        recover(records_dir(content_dir))


def write_records(content_dir: Path, records: Records, previous: Optional[Records] = None,
                  seen: Optional[dict] = None, memory: Memory = NO_MEMORY) -> WriteReport:
    """Write every record to content_dir/records/<kind>/<id>.yml, atomically and deterministically.

    The new tree is built in content_dir/.records.tmp-*, unchanged files are hard-linked
    (mtime kept), then the directories are swapped. Stale record files are removed.
    `previous`: the records as `load_existing` read them (a record equal to its previous
    self is not even converted, when its file is still as the last extraction wrote it);
    `seen`: file digests already taken this run (see `cache.content_fingerprint`).
    """
    content_dir = Path(content_dir)
    content_dir.mkdir(parents=True, exist_ok=True)
    with _write_lock(content_dir):
        _recover(content_dir)
        return _write_tree(content_dir, records, previous or Records(), seen, memory)


def _write_lock(content_dir: Path):
    return lock(content_dir, exclusive=True)


@contextmanager
def reading(content_dir: Path) -> Iterator[None]:
    """Hold while reading record files so no writer swaps the tree meanwhile. What a killed
    writer left (no records/ after a cut swap, temp trees) is repaired first, when no other
    run holds the folder: a run that only reads (nothing changed) cleans up too."""
    content_dir = Path(content_dir)
    if leftovers(records_dir(content_dir)):
        with lock(content_dir, exclusive=True, wait=False) as alone:
            if alone:
                _recover(content_dir)
    with lock(content_dir, exclusive=False):
        yield


def _render(records: Records, previous: Records, memory: Memory) -> tuple[dict, dict, dict]:
    """kind -> id -> the YAML bytes, or None for a record whose data is what the last
    extraction wrote (its file, if it still has those bytes, is kept without rendering);
    with each record's data and the digests known so far."""
    rendered: dict[str, dict[str, Optional[bytes]]] = {}
    as_data: dict[str, dict[str, dict]] = {}
    digests: dict[str, dict[str, bytes]] = {}
    last = memory.as_written()
    for kind in RECORD_KINDS:
        rendered[kind] = {}
        as_data[kind] = {}
        digests[kind] = {}
        for key, record in sorted(records.of(kind).items()):
            record_id = getattr(record, "id", None)
            if not isinstance(record_id, str) or not ID_PATTERN.match(record_id) or record_id != key:
                raise RecordError(f"{kind}/{record_id}", f"cannot write record with id {record_id!r} "
                                  f"(key {key!r}): ids are lowercase a-z, 0-9 and '-'")
            known = last.get((kind, f"{record_id}.yml"))
            # equal to the record read from its file: that file's data, if it still holds
            # what the last extraction wrote (checked below, else converted after all)
            same = known is not None and previous.of(kind).get(record_id) == record
            data = as_data[kind][record_id] = known[1] if same else to_dict(record)
            if known is not None and known[1] == data:
                rendered[kind][record_id], digests[kind][record_id] = None, known[0]
            else:
                rendered[kind][record_id] = memory.render(data).encode("utf-8")
    return rendered, as_data, digests


def _write_tree(content_dir: Path, records: Records, previous: Records, seen: Optional[dict],
                memory: Memory) -> WriteReport:
    target = records_dir(content_dir)
    report = WriteReport()
    rendered, as_data, digests = _render(records, previous, memory)
    if _nothing_to_write(content_dir, target, rendered, digests, records, seen, report):
        _remember_written(memory, as_data, digests, records)
        return report
    tmp = build_dir(_tmp_prefix(), content_dir)
    try:
        for kind in RECORD_KINDS:
            new_dir = tmp / kind
            new_dir.mkdir()
            old_dir = target / kind
            for record_id, data in rendered[kind].items():
                name = f"{record_id}.yml"
                old = old_dir / name
                if data is None:
                    if _file_digest(old, seen) == digests[kind][record_id]:
                        link_or_copy(old, new_dir / name)
                        report._add("unchanged", f"{kind}/{record_id}")
                        continue
                    # the file changed since: the record's own data, rendered
                    as_data[kind][record_id] = to_dict(records.of(kind)[record_id])
                    data = memory.render(as_data[kind][record_id]).encode("utf-8")
                digests[kind][record_id] = hashlib.sha256(data).digest()
                if same_bytes(old, data):
                    link_or_copy(old, new_dir / name)
                    report._add("unchanged", f"{kind}/{record_id}")
                else:
                    write_file(new_dir / name, data)
                    report._add("written", f"{kind}/{record_id}")
            if old_dir.is_dir():
                produced = {f"{record_id}.yml" for record_id in rendered[kind]}
                for old in sorted(old_dir.iterdir()):
                    if old.name in produced:
                        continue
                    if old.suffix == ".yml" and not _protected(content_dir, kind, old.stem):
                        report._add("removed", f"{kind}/{old.stem}")
                    else:  # not a record (.gitkeep, README) or protected: carry it over
                        carry(old, new_dir / old.name)
        if target.is_dir():  # other things an author keeps next to the kinds: carry over
            for extra in sorted(target.iterdir()):
                if extra.name not in RECORD_KINDS and extra.name != ORPHANS_FILE:
                    carry(extra, tmp / extra.name)
        _write_orphans(target, tmp, records, report)
        for names in (report.written_names, report.unchanged_names, report.removed_names):
            names.sort()
        if not report.written and not report.removed and target.is_dir():
            discard(tmp)  # nothing changed: do not even touch the directories
        else:
            replace_dir(tmp, target)
    except BaseException:
        discard(tmp)
        raise
    _remember_written(memory, as_data, digests, records)
    return report


def _nothing_to_write(content_dir: Path, target: Path, rendered: dict, digests: dict, records: Records,
                      seen: Optional[dict], report: WriteReport) -> bool:
    """Whether every record file already holds its bytes and no file is to be removed (then
    `report` lists them all as unchanged and the records folder is not touched at all)."""
    if not target.is_dir():
        return False
    for kind in RECORD_KINDS:
        old_dir = target / kind
        try:
            present = {name for name in os.listdir(old_dir) if name.endswith(".yml")}
        except OSError:
            return False
        for record_id, data in rendered[kind].items():
            old = old_dir / f"{record_id}.yml"
            if data is None:
                if _file_digest(old, seen) != digests[kind][record_id]:
                    return False
            elif not same_bytes(old, data):
                return False
            present.discard(f"{record_id}.yml")
        if any(not _protected(content_dir, kind, name[:-4]) for name in present):
            return False  # a record to remove
    old = target / ORPHANS_FILE
    if records.orphans:
        if not same_bytes(old, dump_yaml(records.orphans).encode("utf-8")):
            return False
    elif old.is_file():
        return False
    for kind in RECORD_KINDS:
        for record_id, data in rendered[kind].items():
            if data is not None:
                digests[kind][record_id] = hashlib.sha256(data).digest()
            report._add("unchanged", f"{kind}/{record_id}")
    if records.orphans:
        report._add("unchanged", ORPHANS_FILE)
    report.unchanged_names.sort()
    return True


def _write_orphans(target: Path, tmp: Path, records: Records, report: WriteReport) -> None:
    """records/orphans.yml: the curation decisions that no longer apply; absent when none."""
    old = target / ORPHANS_FILE
    if not records.orphans:
        if old.is_file():
            report._add("removed", ORPHANS_FILE)
        return
    data = dump_yaml(records.orphans).encode("utf-8")
    if same_bytes(old, data):
        link_or_copy(old, tmp / ORPHANS_FILE)
        report._add("unchanged", ORPHANS_FILE)
    else:
        write_file(tmp / ORPHANS_FILE, data)
        report._add("written", ORPHANS_FILE)


