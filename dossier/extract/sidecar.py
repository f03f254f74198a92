"""Sidecar metadata: content/sources/<file>.meta.yml, written by the editor.

A sidecar states source metadata the document itself does not (or states wrongly); its
fields override what the document states.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from dossier.io.files import stays_in
from dossier.io.safe_yaml import load_yaml_lines
from dossier.io.validate import validate
from dossier.model import Source
from dossier.model.overlay import SIDECAR_FIELDS
from dossier.model.errors import RecordError
from dossier.text import slugify

# Files ending so are metadata, never documents (discovery skips them).
SIDECAR_SUFFIXES = (".yml", ".yaml", ".json")

SIDECAR_SUFFIX = ".meta.yml"
DOC_NAME_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")  # as ingest.DOC_SUFFIXES  # <document file name>.meta.yml, else <stem>.meta.yml


def sidecar_candidates(path: Path) -> list[Path]:
    """Where a document's sidecar may be: `<file name>.meta.yml`, else `<stem>.meta.yml`."""
    path = Path(path)
    return [path.with_name(path.name + SIDECAR_SUFFIX), path.with_name(path.stem + SIDECAR_SUFFIX)]


def sidecar_path(path: Path) -> Optional[Path]:
    """The sidecar file of the document at `path`, or None when it has none."""
    for candidate in sidecar_candidates(path):
        try:
            if candidate.is_file():
                return candidate
        except OSError:  # a name too long for the file system: no such sidecar
            continue
    return None


def read_sidecar(path: Path, root: Path) -> dict:
    """The validated sidecar fields of the document at `path` ({} without a sidecar).

    Raises RecordError naming the sidecar file and line when it is malformed.
    """
    meta = sidecar_path(path)
    if meta is None:
        return {}
    name = rel_path(meta, root)
    if not stays_in(meta, meta.parent):  # only content/ is ever read as content
        raise RecordError(name, "this sidecar is a link to a file outside its folder; it is not read",
                          hint="write the metadata into the sidecar file itself")
    if meta.stat().st_size > 1024 * 1024:
        raise RecordError(name, "a sidecar file must be small (under 1 MB)", hint="keep only the metadata fields")
    data, lines = load_yaml_lines(meta, root)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RecordError(name, "a sidecar must be a mapping of fields", line=1,
                          hint=f"write e.g. 'publisher: Name' on its own line; fields: {', '.join(SIDECAR_FIELDS)}")
    problems = validate("source-meta", data, lines)
    if problems:
        line, message = problems[0]
        raise RecordError(name, message, line=line,
                          hint=f"fields: {', '.join(SIDECAR_FIELDS)}; dates YYYY-MM-DD, YYYY-MM or YYYY; URLs http(s)")
    return data


def apply_sidecar(source: Source, meta: dict) -> None:
    """Override `source`'s metadata with the sidecar's fields (the editor's word wins)."""
    for key in SIDECAR_FIELDS:
        if key not in meta:
            continue
        setattr(source, key, source_ref(meta[key]) if key in ("derived_from", "translation_of") else meta[key])
        if key == "published":
            source.published_precision = {4: "year", 7: "month"}.get(len(meta[key]), "day")
        if key == "language" and meta[key] not in source.languages:
            source.languages = sorted(set(source.languages) | {meta[key]})


def source_ref(value: str) -> str:
    """The source id a sidecar means by a document's file name ("01 wire.txt") or its id."""
    value = str(value).strip().replace("\\", "/").rsplit("/", 1)[-1]
    stem = Path(value).stem if Path(value).suffix.lower() in DOC_NAME_SUFFIXES else value
    return slugify(stem) or value


def rel_path(path: Path, root: Path) -> str:
    """`path` relative to the dossier `root`, as messages and records name it."""
    # The link's own path first: a link pointing out of the dossier is named as the author sees it.
    for p, r in ((Path(os.path.abspath(path)), Path(os.path.abspath(root))), (path.resolve(), Path(root).resolve())):
        try:
            return p.relative_to(r).as_posix()
        except ValueError:
            continue
    return path.as_posix()
