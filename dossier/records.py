"""Reading and writing the YAML fact records in `content/records/<kind>/<id>.yml`.

* `dump_yaml` / `load_yaml`: deterministic, human-friendly YAML out; strictly safe YAML in
  (no tags, no anchors/aliases, no duplicate keys), every error naming file and line.
* `load_records`: every record file, validated against `dossier/schemas/<kind>.schema.json`.
* `write_records`: the whole tree, atomically (build beside, then swap), touching only
  files whose bytes really change.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Optional

import yaml
from yaml.constructor import ConstructorError
from yaml.error import MarkedYAMLError
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent

from .errors import RecordError
from .model import RECORD_KINDS, RECORD_TYPES, from_dict, to_dict

#: What a record id may look like: also a safe file name (no dots, slashes, upper case).
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")

SCHEMA_DIR = Path(__file__).parent / "schemas"

#: Written by extraction next to the record kinds: curation decisions that no longer apply.
ORPHANS_FILE = "orphans.yml"

# Wide enough that PyYAML never folds a long quote over several lines.
_WIDTH = 1 << 30


# ---------------------------------------------------------------------------------------
# Dumping
# ---------------------------------------------------------------------------------------

# Scalars other YAML parsers (1.1 or 1.2) might read as something other than a string.
_LOOKS_TYPED = re.compile(
    r"""^(?:
        [-+]?(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][-+]?\d+)?     # numbers, 1e5, .5, 0_1
      | [-+]?0[xXoObB][0-9a-fA-F_]+                        # hex / octal / binary
      | [-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)           # special floats
      | [-+]?\d[\d_]*(?::[0-5]?\d)+(?:\.\d*)?              # sexagesimal 1:30
      | \d{4}-\d{1,2}-\d{1,2}(?:[Tt ].*)?                  # dates and timestamps
      | (?i:y|n|yes|no|true|false|on|off|null|~)
      | <<|=
    )$""",
    re.VERBOSE,
)

# Characters that YAML parsers treat as line breaks (or strip) when written raw: a string
# holding one of them must be double-quoted so it is escaped and survives a round trip.
_NEEDS_ESCAPE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")


# Invisible characters that change how text displays (bidi controls, zero-width space, word
# joiner, BOM): written as \u escapes so an editor can see them in the YAML file.
_INVISIBLE = "\u061c\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
_HAS_INVISIBLE = re.compile(f"[{_INVISIBLE}]")


class _Dumper(yaml.SafeDumper):
    """SafeDumper that never writes anchors and picks a readable, lossless style."""

    def ignore_aliases(self, data: Any) -> bool:  # records are trees: never '&id001'
        return True

    def write_double_quoted(self, text: str, split: bool = True) -> None:
        """One-line double-quoted scalar: escapes what YAML must, plus invisible characters."""
        self.write_indicator('"', True)
        out = []
        for ch in text:
            if ch in '"\\' or ch in _INVISIBLE or ch in "\x85\u2028\u2029" or not (
                "\x20" <= ch <= "\x7e" or "\xa0" <= ch <= "\ud7ff" or "\ue000" <= ch <= "\ufffd"
                or "\U00010000" <= ch <= "\U0010ffff"
            ):
                if ch in self.ESCAPE_REPLACEMENTS and ch != "\xa0":
                    out.append("\\" + self.ESCAPE_REPLACEMENTS[ch])
                elif ch <= "\xff":
                    out.append("\\x%02X" % ord(ch))
                else:
                    out.append("\\u%04X" % ord(ch))
            else:
                out.append(ch)
        data = "".join(out)
        self.column += len(data)
        self.stream.write(data.encode(self.encoding) if self.encoding else data)
        self.write_indicator('"', False)


def _represent_str(dumper: _Dumper, value: str) -> yaml.ScalarNode:
    style: Optional[str] = None
    if _NEEDS_ESCAPE.search(value) or _HAS_INVISIBLE.search(value) or "\r" in value:
        style = '"'
    elif "\n" in value:
        # Literal block for multi-line text; PyYAML falls back to quotes when it cannot.
        style = "|"
    elif _LOOKS_TYPED.match(value.strip()):
        style = "'"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


class _FastDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """`_Dumper` with libyaml's emitter (about four times faster), for data whose strings
    all fit on one line with no character either emitter would escape: for those both write
    the same bytes. The others go through `_Dumper` and its own double-quoted style."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


_FastDumper.add_representer(str, _represent_str)

# Outside this range (tabs, line breaks, controls, surrogates; past the BMP, which libyaml
# escapes), or invisible: `_Dumper` only.
_NOT_ONE_LINE = re.compile(f"[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd]|[{_INVISIBLE}\u2028\u2029]")


def _one_line_text(data: Any) -> bool:
    """Whether every string in plain data (keys included) is `_FastDumper`'s to write."""
    if isinstance(data, str):
        return _NOT_ONE_LINE.search(data) is None
    if isinstance(data, dict):  # keys: short and not empty, else PyYAML writes them as '? key'
        return all(isinstance(k, str) and 0 < len(k) < 100 and _one_line_text(k) and _one_line_text(v)
                   for k, v in data.items())
    if isinstance(data, (list, tuple)):
        return all(_one_line_text(v) for v in data)
    return True


def dump_yaml(data: Any, fast: bool = True) -> str:
    """Deterministic block-style YAML for plain data (key order kept), ending in a newline.
    (`fast`: with libyaml's emitter when it writes the same bytes, see `_FastDumper`.)"""
    text = yaml.dump(
        data,
        Dumper=_FastDumper if fast and hasattr(yaml, "CSafeDumper") and _one_line_text(data) else _Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=_WIDTH,
        indent=2,
        line_break="\n",
        explicit_start=False,
    )
    return text if text.endswith("\n") else text + "\n"


# ---------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------

class _UnsafeYAML(MarkedYAMLError):
    """A construct the record loader refuses (tags, anchors, aliases, duplicate keys)."""


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses tags, anchors, aliases, merge keys and duplicate keys."""

    def compose_node(self, parent, index):  # noqa: D401 - PyYAML hook
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise _UnsafeYAML(None, None, f"YAML alias '*{event.anchor}' is not allowed",
                              event.start_mark)
        if isinstance(event, (ScalarEvent, CollectionStartEvent)):
            if event.anchor is not None:
                raise _UnsafeYAML(None, None, f"YAML anchor '&{event.anchor}' is not allowed",
                                  event.start_mark)
            if event.tag is not None and not (isinstance(event, ScalarEvent) and event.tag == "!"):
                raise _UnsafeYAML(None, None, f"YAML tag '{event.tag}' is not allowed",
                                  event.start_mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, Any] = {}
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise _UnsafeYAML(None, None, "YAML merge key '<<' is not allowed",
                                      key_node.start_mark)
                key = self.construct_object(key_node, deep=True)
                try:
                    duplicate = key in seen
                except TypeError:
                    raise _UnsafeYAML(None, None, "a mapping key must be a plain value", key_node.start_mark)
                if duplicate:
                    raise _UnsafeYAML(None, None,
                                      f"duplicate key '{key}' (first on line {seen[key].line + 1})",
                                      key_node.start_mark)
                seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node):
        # An editor may write `published: 2025-10-01` unquoted: keep it the string it reads as.
        return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)


def _display(path: Path | str, base: Optional[Path] = None) -> str:
    """A path as the author knows it: relative to `base` (or cwd) when possible, '/'-separated."""
    p = Path(path)
    for anchor in ([base] if base is not None else []) + [Path.cwd()]:
        try:
            return p.resolve().relative_to(anchor.resolve()).as_posix()
        except (ValueError, OSError):
            continue
    return p.as_posix()


def _parse(text: str, name: str) -> tuple[Any, Optional[yaml.Node]]:
    """Compose + construct `text`; raises RecordError naming `name` and the line."""
    loader = _Loader(text)
    loader.name = name
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = err.problem or err.context or "invalid YAML"
        if "could not determine a constructor" in problem:
            problem = "unknown YAML tag: " + problem.split("tag", 1)[-1].strip(" '")
        raise RecordError(name, problem, line=line,
                          hint="dossier reads plain YAML only: no tags, anchors, aliases or duplicate keys") from None
    except yaml.YAMLError as err:  # reader errors (bad characters) carry no problem_mark
        raise RecordError(name, f"invalid YAML: {err}") from None
    finally:
        loader.dispose()
    return data, node


def _read_text(path: Path, name: str) -> str:
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise RecordError(name, f"cannot read file: {err.strerror or err}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise RecordError(name, f"not valid UTF-8 (byte {err.start})", hint="save the file as UTF-8") from None


def load_yaml(path: Path | str, base: Optional[Path] = None) -> Any:
    """Safely load one YAML file; RecordError (file:line) on anything unsafe or malformed."""
    name = _display(path, base)
    return _parse(_read_text(Path(path), name), name)[0]


def load_yaml_text(text: str, name: str) -> Any:
    """Safely load YAML held in a string (e.g. a document's front matter); RecordError naming `name`."""
    return _parse(text, name)[0]


def load_yaml_lines(path: Path | str, base: Optional[Path] = None) -> tuple[Any, dict[tuple, int]]:
    """Like load_yaml, plus a map from each item's path (keys/indices tuple) to its 1-based line."""
    name = _display(path, base)
    data, node = _parse(_read_text(Path(path), name), name)
    lines: dict[tuple, int] = {}
    if node is not None:
        _collect_lines(node, (), lines)
    return data, lines


def _collect_lines(node: yaml.Node, where: tuple, lines: dict[tuple, int]) -> None:
    lines[where] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            # The key's own line is where an author looks for "this field is wrong".
            _collect_lines(value_node, where + (key,), lines)
            lines[where + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _collect_lines(item, where + (i,), lines)


def line_of(lines: dict[tuple, int], where: tuple | list) -> Optional[int]:
    """The line of the deepest known prefix of `where` (None when nothing is known)."""
    where = tuple(where)
    while True:
        if where in lines:
            return lines[where]
        if not where:
            return None
        where = where[:-1]


# ---------------------------------------------------------------------------------------
# Schemas and validation
# ---------------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def schema(kind: str) -> dict:
    """The JSON Schema (draft 2020-12) of one record kind."""
    return json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _validator(kind: str):
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(kind))


def validate(kind: str, data: Any, lines: Optional[dict[tuple, int]] = None) -> list[tuple[Optional[int], str]]:
    """Schema problems of one record as (line, message), in document order."""
    problems = []
    for err in _validator(kind).iter_errors(data):
        where = list(err.absolute_path)
        line = line_of(lines or {}, where)
        field_name = ".".join(str(p) for p in where) or "record"
        problems.append((line, f"{field_name}: {_schema_message(err)}"))
    return sorted(problems, key=lambda p: (p[0] or 0, p[1]))


def _short_repr(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _schema_message(err) -> str:
    """jsonschema's message, made shorter where it would dump a whole record."""
    if err.validator == "additionalProperties":
        return err.message.replace("Additional properties are not allowed", "unknown field(s)")
    if err.validator == "pattern":  # the regex itself helps nobody: say what the value should be
        what = err.schema.get("description") or f"the pattern {err.validator_value}"
        return f"{_short_repr(err.instance)} does not match the required form: {what}"
    if err.validator in ("type", "enum", "required", "minimum", "const") or len(err.message) < 200:
        return err.message
    return f"fails the '{err.validator}' rule of the {err.schema_path[0] if err.schema_path else ''} schema"


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


def load_records(content_dir: Path) -> Records:
    """Load and validate every record under content_dir/records; one RecordError lists all problems."""
    with reading(content_dir):
        return _load_records(Path(content_dir))


def load_existing(content_dir: Path, seen: Optional[dict] = None) -> tuple[Records, list[str]]:
    """The valid records (for stable ids on re-extraction) and a message per broken file.

    Extraction rewrites every record, so a file edited into an invalid shape is reported
    and left out rather than stopping the run.
    """
    if not records_dir(Path(content_dir)).exists():
        return Records(), []
    with reading(content_dir):
        return _load_records(Path(content_dir), lenient=True, seen=seen)


_WRITTEN = "records"  # cache entry: the data of the record files as the last extraction wrote them


def _written_store(content_dir: Path):
    """Where the data of the record files as written is kept: under the record reader's
    version (`cache.records_version`), since it is what reading those bytes gives; new
    extraction code (a new extractor version) still finds every unchanged file read."""
    from . import cache as _cache

    return _cache.DocumentCache(content_dir.parent, _cache.records_version(), kind="written")


def _as_written(content_dir: Path) -> dict[tuple[str, str], tuple[bytes, dict]]:
    """(kind, file name) -> (sha256 of the bytes, data) of the record files the last
    extraction wrote: a file still holding those bytes need not be parsed again (parsing
    thousands of files with PyYAML is the slowest part of a re-extraction)."""
    from . import cache as _cache

    if not _cache.enabled():
        return {}
    store = _written_store(content_dir)
    try:
        st = store._file(_WRITTEN).stat()
        stamp = (str(store.dir), st.st_mtime_ns, st.st_size, st.st_ino)
    except OSError:
        return {}
    if _WRITTEN_SEEN.get("stamp") != stamp:  # read once per run, not at load and at write
        _WRITTEN_SEEN.clear()
        _WRITTEN_SEEN.update(stamp=stamp, data=store.get(_WRITTEN, expect=dict) or {})
    return _WRITTEN_SEEN["data"]


_WRITTEN_SEEN: dict[str, Any] = {}


def _remember_written(content_dir: Path, data: dict[str, dict[str, dict]], digests: dict[str, dict[str, bytes]],
                      records: Optional[Records] = None) -> None:
    from . import cache as _cache

    if _cache.enabled():
        files = {(kind, f"{record_id}.yml"): digest for kind, by_id in digests.items() for record_id, digest in by_id.items()}
        store = _written_store(content_dir)
        files_digest = _files_digest(files)
        if records is not None and _LOADED_WHOLE.get(str(store.dir)) == files_digest:
            return  # the records as the cache holds them, read back whole this run: nothing new
        _WRITTEN_SEEN.clear()
        _LOADED_WHOLE.clear()
        store.put(_WRITTEN, {key: (digest, data[key[0]][key[1][:-4]]) for key, digest in files.items()})
        if records is not None:  # the objects themselves, for a run that finds every file as written
            store.put(_OBJECTS, (files_digest, Records(sources=dict(records.sources), actors=dict(records.actors),
                                                       claims=dict(records.claims))))


_OBJECTS = "records-objects"
#: The files digest of the records `_all_as_written` last read back whole.
_LOADED_WHOLE: dict[str, bytes] = {}  # by cache folder


def _files_digest(files: dict[tuple[str, str], bytes]) -> bytes:
    h = hashlib.sha256()
    for (kind, name), digest in sorted(files.items()):
        h.update(f"{kind}/{name}\0".encode("utf-8") + digest)
    return h.digest()


def _all_as_written(content_dir: Path, written: dict, seen: Optional[dict]) -> Optional[Records]:
    """The records the last extraction wrote, when every record file is still byte for byte
    as it wrote them (no file added, edited or removed): read back whole from the cache."""
    from . import cache as _cache

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
    store = _written_store(content_dir)
    hit = store.get(_OBJECTS, expect=tuple)
    digest = _files_digest(found)
    if hit is None or len(hit) != 2 or hit[0] != digest or not isinstance(hit[1], Records):
        return None
    _LOADED_WHOLE[str(store.dir)] = digest
    return hit[1]


def _file_digest(path: Path, seen: Optional[dict]) -> Optional[bytes]:
    """sha256 of a file's bytes (None when unreadable), from `seen` (the digests this run's
    `cache.content_fingerprint` took) while the file is unchanged."""
    from . import cache as _cache

    try:
        return _cache.file_digest(path, {} if seen is None else seen)
    except OSError:
        return None


def _checked(kind: str):
    """A parser of one record file: (data, line map, schema problems)."""
    def parse(path: Path, base: Path) -> tuple[Any, dict, list]:
        data, lines = load_yaml_lines(path, base)
        return data, lines, record_problems(kind, Path(path).stem, data, lines)
    return parse


def _load_records(content_dir: Path, lenient: bool = False, seen: Optional[dict] = None):
    from . import cache as _cache

    base = content_dir.parent
    records = Records()
    problems: list[str] = []
    loaded: list[tuple[str, str, dict, Any]] = []  # kind, display name, data, lines (or how to get them)
    written = _as_written(content_dir)
    if written:
        whole = _all_as_written(content_dir, written, seen)
        if whole is not None:  # extraction's own output, consistent: nothing to check
            return (whole, []) if lenient else whole
    for kind in RECORD_KINDS:
        for path in record_files(content_dir, kind):
            name = _display(path, base)
            known = written.get((kind, path.name))
            if known is not None:
                if _file_digest(path, seen) == known[0]:  # as extraction wrote it: valid, data known
                    data = known[1]
                    records.of(kind)[data["id"]] = from_dict(RECORD_TYPES[kind], data)
                    loaded.append((kind, name, data, lambda p=path: load_yaml_lines(p, base)[1]))
                    continue
            try:  # parsed and validated once per file content (see dossier.cache)
                data, lines, found = _cache.parsed_yaml(path, base, _checked(kind))
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
    from .check import _REFERENCES, _walk  # the rules `dossier check` proves

    out = []
    for kind, name, data, lines in loaded:
        for ref_kind, path, target in _REFERENCES:
            if ref_kind != kind:
                continue
            if callable(lines) and any(v is not None and v not in records.of(target)
                                       for _w, v in _walk(data, path)):
                lines = lines()  # a file not parsed: parse it for the line numbers
            for where, value in _walk(data, path):
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
    """Finish or undo a swap a crash interrupted; drop abandoned temp trees."""
    target = records_dir(content_dir)
    if not content_dir.is_dir():
        return
    olds = sorted(p for p in content_dir.iterdir() if p.name.startswith(".records.old"))
    if not target.exists() and olds:
        # Crash between the two renames: the old tree is complete, put it back.
        olds[-1].rename(target)
        olds = olds[:-1]
    for stale in olds + sorted(p for p in content_dir.iterdir() if p.name.startswith(_tmp_prefix())):
        shutil.rmtree(stale, ignore_errors=True)


def write_records(content_dir: Path, records: Records, previous: Optional[Records] = None,
                  seen: Optional[dict] = None) -> WriteReport:
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
        return _write_tree(content_dir, records, previous or Records(), seen)


@contextmanager
def _lock(content_dir: Path, exclusive: bool) -> Iterator[None]:
    """flock on the content folder itself (no lock file to commit): one writer, or many readers.

    Readers must hold it too: the writer's swap deletes the old tree, so a reader listing
    files just before it would otherwise find them gone."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no locking, single writer assumed
        yield
        return
    if not Path(content_dir).is_dir():
        yield
        return
    fd = os.open(content_dir, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _write_lock(content_dir: Path):
    return _lock(content_dir, exclusive=True)


def reading(content_dir: Path):
    """Context manager: hold while reading record files so no writer swaps the tree meanwhile."""
    return _lock(content_dir, exclusive=False)


def _write_tree(content_dir: Path, records: Records, previous: Records, seen: Optional[dict]) -> WriteReport:
    from . import cache as _cache  # YAML text of unchanged records comes from the cache

    target = records_dir(content_dir)
    report = WriteReport()
    # kind -> id -> the YAML bytes, or None for a record whose data is what the last
    # extraction wrote (its file, if it still has those bytes, is kept without rendering)
    rendered: dict[str, dict[str, Optional[bytes]]] = {}
    as_data: dict[str, dict[str, dict]] = {}
    digests: dict[str, dict[str, bytes]] = {}
    last = _as_written(content_dir)
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
                rendered[kind][record_id] = _cache.rendered(content_dir.parent, data, dump_yaml).encode("utf-8")

    if _nothing_to_write(content_dir, target, rendered, digests, records, seen, report):
        _remember_written(content_dir, as_data, digests, records)
        return report
    tmp = Path(tempfile.mkdtemp(prefix=_tmp_prefix(), dir=content_dir))
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
                        _link_or_copy(old, new_dir / name)
                        report._add("unchanged", f"{kind}/{record_id}")
                        continue
                    # the file changed since: the record's own data, rendered
                    as_data[kind][record_id] = to_dict(records.of(kind)[record_id])
                    data = _cache.rendered(content_dir.parent, as_data[kind][record_id], dump_yaml).encode("utf-8")
                digests[kind][record_id] = hashlib.sha256(data).digest()
                if _same_bytes(old, data):
                    _link_or_copy(old, new_dir / name)
                    report._add("unchanged", f"{kind}/{record_id}")
                else:
                    _write_file(new_dir / name, data)
                    report._add("written", f"{kind}/{record_id}")
            if old_dir.is_dir():
                produced = {f"{record_id}.yml" for record_id in rendered[kind]}
                for old in sorted(old_dir.iterdir()):
                    if old.name in produced:
                        continue
                    if old.suffix == ".yml" and not _protected(content_dir, kind, old.stem):
                        report._add("removed", f"{kind}/{old.stem}")
                    else:  # not a record (.gitkeep, README) or protected: carry it over
                        _carry(old, new_dir / old.name)
        if target.is_dir():  # other things an author keeps next to the kinds: carry over
            for extra in sorted(target.iterdir()):
                if extra.name not in RECORD_KINDS and extra.name != ORPHANS_FILE:
                    _carry(extra, tmp / extra.name)
        _write_orphans(target, tmp, records, report)
        for names in (report.written_names, report.unchanged_names, report.removed_names):
            names.sort()
        if not report.written and not report.removed and target.is_dir():
            shutil.rmtree(tmp)  # nothing changed: do not even touch the directories
        else:
            replace_dir(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _remember_written(content_dir, as_data, digests, records)
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
            elif not _same_bytes(old, data):
                return False
            present.discard(f"{record_id}.yml")
        if any(not _protected(content_dir, kind, name[:-4]) for name in present):
            return False  # a record to remove
    old = target / ORPHANS_FILE
    if records.orphans:
        if not _same_bytes(old, dump_yaml(records.orphans).encode("utf-8")):
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
    if _same_bytes(old, data):
        _link_or_copy(old, tmp / ORPHANS_FILE)
        report._add("unchanged", ORPHANS_FILE)
    else:
        _write_file(tmp / ORPHANS_FILE, data)
        report._add("written", ORPHANS_FILE)


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _link_or_copy(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _carry(src: Path, dst: Path) -> None:
    if src.is_dir():
        shutil.copytree(src, dst, copy_function=lambda s, d: _link_or_copy(Path(s), Path(d)))
    else:
        _link_or_copy(src, dst)


def replace_dir(new: Path, target: Path) -> None:
    """Replace directory `target` by `new` with two renames (the old one goes to `.<name>.old-*`).

    For records a crash between the renames is undone by `_recover`; `site/` uses it too.
    """
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        old.rmdir()
        os.rename(target, old)
        os.rename(new, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(new, target)
