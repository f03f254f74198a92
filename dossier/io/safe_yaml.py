"""Safe YAML: deterministic, human-friendly YAML out; strictly safe YAML in (no tags, no
anchors/aliases, no duplicate keys), every error naming file and line."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Optional

import yaml
from yaml.error import MarkedYAMLError
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent

from dossier.model.errors import RecordError


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
    if _NEEDS_ESCAPE.search(value) or _HAS_INVISIBLE.search(value) or "\r" in value or "\n" in value:
        # multi-line text too: on one line with \n, as a quote's context is read (a literal
        # block's chomping and indent indicators are harder to read, and the two emitters
        # differ on them)
        style = '"'
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

# Outside this range (tabs, carriage returns, controls, surrogates; past the BMP, which
# libyaml escapes), or invisible: `_Dumper` only. A line feed is written "\n" by both.
_NOT_ONE_LINE = re.compile(f"[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd]|[{_INVISIBLE}\u2028\u2029]")


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


#: How deep a record, curation, alias or sidecar file may nest: real ones nest a few levels.
MAX_DEPTH = 64


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses tags, anchors, aliases, merge keys and duplicate keys."""

    def compose_node(self, parent, index):  # noqa: D401 - PyYAML hook
        event = self.peek_event()
        if isinstance(event, CollectionStartEvent):
            self.depth = getattr(self, "depth", 0) + 1
            if self.depth > MAX_DEPTH:  # before Python's own recursion limit is reached
                raise _UnsafeYAML(None, None, f"YAML nested more than {MAX_DEPTH} levels deep",
                                  event.start_mark)
            try:
                return self._checked_compose(parent, index, event)
            finally:
                self.depth -= 1
        return self._checked_compose(parent, index, event)

    def _checked_compose(self, parent, index, event):
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


def display_path(path: Path | str, base: Optional[Path] = None) -> str:
    """A path as the author knows it: relative to `base` (or cwd) when possible, '/'-separated."""
    p = Path(path)
    for anchor in ([base] if base is not None else []) + [Path.cwd()]:
        try:
            return p.resolve().relative_to(anchor.resolve()).as_posix()
        except (ValueError, OSError):
            continue
    return p.as_posix()


#: The largest YAML file read (characters). Files an editor writes (curation, aliases, sidecars,
#: front matter) stay small; a record extraction writes may hold a claim's evidence from many
#: sources. Past these the file is refused by name rather than parsed for minutes.
MAX_EDITED = 1_000_000
MAX_RECORD = 16_000_000


def size_limit(name: str) -> int:
    """The size cap of the YAML file shown as `name`."""
    return MAX_RECORD if "records/" in name else MAX_EDITED


def _too_big(name: str, size: int) -> None:
    limit = size_limit(name)
    if size > limit:
        raise RecordError(name, f"the file is too big to read ({size:,} characters; the limit is {limit:,})",
                          hint="split it, or remove what dossier does not need")


def _parse(text: str, name: str) -> tuple[Any, Optional[yaml.Node]]:
    """Compose + construct `text`; raises RecordError naming `name` and the line."""
    _too_big(name, len(text))
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
        _too_big(name, path.stat().st_size // 4)  # not even read when it cannot be under the cap
        raw = path.read_bytes()
    except OSError as err:
        raise RecordError(name, f"cannot read file: {err.strerror or err}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise RecordError(name, f"not valid UTF-8 (byte {err.start})", hint="save the file as UTF-8") from None


def load_yaml(path: Path | str, base: Optional[Path] = None) -> Any:
    """Safely load one YAML file; RecordError (file:line) on anything unsafe or malformed."""
    name = display_path(path, base)
    return _parse(_read_text(Path(path), name), name)[0]


def load_yaml_text(text: str, name: str) -> Any:
    """Safely load YAML held in a string (e.g. a document's front matter); RecordError naming `name`."""
    return _parse(text, name)[0]


def load_yaml_lines(path: Path | str, base: Optional[Path] = None) -> tuple[Any, dict[tuple, int]]:
    """Like load_yaml, plus a map from each item's path (keys/indices tuple) to its 1-based line."""
    name = display_path(path, base)
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
