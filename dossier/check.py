"""`dossier check`: prove the records are consistent with their schemas, each other and the documents."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from dossier.extract.curation import check as check_overlay
from dossier.extract.ingest import in_sources, load_document
from dossier.extract.selectors import matches as selector_mismatch
from dossier.incremental import source_texts
from dossier.model.errors import DossierError, Problem, RecordError
from dossier.model import RECORD_KINDS
from dossier.model.references import REFERENCES, walk
from dossier.io.safe_yaml import display_path, line_of, load_yaml_lines
from dossier.io.store import reading, record_files, record_problems, records_dir


@dataclass
class _Loaded:
    kind: str
    name: str  # display path
    data: dict
    lines: dict[tuple, int]

    def line(self, *where: Any) -> Optional[int]:
        return line_of(self.lines, where)


def check(root: Path, content_dir: Optional[Path] = None) -> list[Problem]:
    """Every problem in the records under `content_dir` (default root/content), sorted."""
    root = Path(root)
    content_dir = Path(content_dir) if content_dir is not None else root / "content"
    problems: list[Problem] = []
    with reading(content_dir):
        loaded = _load_all(root, content_dir, problems)
    ids = _check_ids(loaded, problems)
    _check_references(loaded, ids, problems)
    texts = _check_sources(root, loaded["sources"], problems)
    _check_offsets(loaded, texts, problems)
    _check_curation(root, content_dir, loaded, problems)
    return sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.message))


def count_records(content_dir: Path) -> int:
    """How many record files there are (what `dossier check` reports as checked)."""
    return sum(len(record_files(Path(content_dir), kind)) for kind in RECORD_KINDS)


def _load_all(root: Path, content_dir: Path, problems: list[Problem]) -> dict[str, list[_Loaded]]:
    loaded: dict[str, list[_Loaded]] = {kind: [] for kind in RECORD_KINDS}
    for kind in RECORD_KINDS:
        # id -> files holding it; stems are unique, ids inside may not be. The file named
        # after the id owns it; the others are reported as duplicates.
        holders: dict[str, list[tuple[bool, str, Optional[int]]]] = {}
        kind_dir = records_dir(content_dir) / kind
        if kind_dir.is_dir():
            for odd in sorted(kind_dir.iterdir()):
                if odd.suffix in (".yaml", ".YML", ".YAML"):
                    problems.append(Problem(display_path(odd, root), None,
                                            "ignored: record files must end in .yml"))
        for path in record_files(content_dir, kind):
            name = display_path(path, root)
            try:
                data, lines = load_yaml_lines(path, root)
            except RecordError as err:
                problems.append(Problem(name, err.line, err.message))
                continue
            found = record_problems(kind, path.stem, data, lines)
            record_id = data.get("id") if isinstance(data, dict) else None
            if isinstance(record_id, str):
                holders.setdefault(record_id, []).append((path.stem != record_id, name, line_of(lines, ("id",))))
            problems.extend(Problem(name, line, msg) for line, msg in found)
            if not found:  # only well-formed records take part in the cross checks
                loaded[kind].append(_Loaded(kind, name, data, lines))
        for record_id, files in sorted(holders.items()):
            files.sort()  # the owner (stem == id, False) first
            for misnamed, name, line in files[1:]:
                problems.append(Problem(name, line, f"duplicate {kind[:-1]} id '{record_id}' (also in {files[0][1]})"))
    return loaded


def _check_ids(loaded: dict[str, list[_Loaded]], problems: list[Problem]) -> dict[str, set[str]]:
    ids: dict[str, set[str]] = {}
    for kind, items in loaded.items():
        seen: dict[str, str] = {}
        for item in items:
            record_id = item.data["id"]
            if record_id in seen:
                problems.append(Problem(item.name, item.line("id"),
                                        f"duplicate {kind[:-1]} id '{record_id}' (also in {seen[record_id]})"))
            else:
                seen[record_id] = item.name
        ids[kind] = set(seen)
    return ids


def _check_references(loaded: dict[str, list[_Loaded]], ids: dict[str, set[str]], problems: list[Problem]) -> None:
    for kind, path, target in REFERENCES:
        for item in loaded[kind]:
            for where, value in walk(item.data, path):
                if value is not None and value not in ids[target]:
                    field_name = ".".join(str(p) for p in where)
                    problems.append(Problem(item.name, item.line(*where),
                                            f"{field_name}: no {target[:-1]} with id '{value}' "
                                            f"(expected content/records/{target}/{value}.yml)"))


def _document_text(root: Path, rel: str) -> str:
    """The decoded text offsets point into, as extraction decoded it."""
    return load_document(root / rel, root).text


def _check_sources(root: Path, sources: list[_Loaded], problems: list[Problem]) -> dict[str, str]:
    """sha256 and path of every source; returns the document text of each readable source."""
    texts: dict[str, str] = {}
    for item in sources:
        rel = item.data["path"]
        doc = root / rel
        if not in_sources(root, rel):  # only content/ is ever read as content
            problems.append(Problem(item.name, item.line("path"), f"path '{rel}' points outside content/sources/"))
            continue
        if not doc.is_file():
            problems.append(Problem(item.name, item.line("path"),
                                    f"path '{rel}': no such document (was it moved or deleted? run `dossier extract`)"))
            continue
        digest = hashlib.sha256(doc.read_bytes()).hexdigest()
        if digest != item.data["sha256"]:
            problems.append(Problem(item.name, item.line("sha256"),
                                    f"sha256 does not match the bytes of '{rel}' (the document changed: run `dossier extract`)"))
        try:
            texts[item.data["id"]] = _document_text(root, rel)
        except Exception as err:  # noqa: BLE001 - any unreadable document is a problem to report, not a crash
            problems.append(Problem(item.name, item.line("path"), f"cannot read '{rel}': {err}"))
        else:
            for where, span in walk(item.data, ("boilerplate", "*")):
                _check_span(item, where, span["start"], span["end"], None, texts[item.data["id"]], problems)
    return texts


def _check_offsets(loaded: dict[str, list[_Loaded]], texts: dict[str, str], problems: list[Problem]) -> None:
    for item in loaded["claims"]:
        for where, ev in walk(item.data, ("evidence", "*")):
            if ev["source"] in texts:
                _check_span(item, where, ev["start"], ev["end"], ("quote", ev["quote"]), texts[ev["source"]], problems)
                _check_context(item, where, ev, texts[ev["source"]], problems)
            elif ev["start"] >= ev["end"]:
                _check_span(item, where, ev["start"], ev["end"], None, "", problems)
    for item in loaded["actors"]:
        for where, mention in walk(item.data, ("mentions", "*")):
            if mention["source"] in texts:
                _check_span(item, where, mention["start"], mention["end"], ("text", mention["text"]),
                            texts[mention["source"]], problems)
            elif mention["start"] >= mention["end"]:
                _check_span(item, where, mention["start"], mention["end"], None, "", problems)


def _check_span(item: _Loaded, where: tuple, start: int, end: int, expected: Optional[tuple[str, str]],
                text: str, problems: list[Problem]) -> None:
    label = ".".join(str(p) for p in where)
    line = item.line(*where)
    if start >= end:
        problems.append(Problem(item.name, line, f"{label}: start ({start}) must be before end ({end})"))
        return
    if expected is None:
        if text and end > len(text):
            problems.append(Problem(item.name, line, f"{label}: end ({end}) is past the end of the document ({len(text)})"))
        return
    key, value = expected
    if end > len(text):
        problems.append(Problem(item.name, line, f"{label}: end ({end}) is past the end of the document ({len(text)})"))
    elif text[start:end] != value:
        problems.append(Problem(item.name, item.line(*where, key),
                                f"{label}.{key} does not match the document at {start}:{end}, "
                                f"which reads {_short(text[start:end])!r}"))


def _check_context(item: _Loaded, where: tuple, ev: dict, text: str, problems: list[Problem]) -> None:
    """The TextQuoteSelector prefix/suffix still surround the quote."""
    wrong = selector_mismatch(text, ev["start"], ev["end"], ev.get("prefix"), ev.get("suffix"))
    if wrong is not None and ev["end"] <= len(text):
        label = ".".join(str(p) for p in where)
        problems.append(Problem(item.name, item.line(*where, wrong),
                                f"{label}.{wrong} does not match the document text around the quote "
                                "(the document changed: run `dossier extract`)"))


def _check_curation(root: Path, content_dir: Path, loaded: dict[str, list[_Loaded]], problems: list[Problem]) -> None:
    """The editor's overlay: malformed files, orphaned decisions, decisions not yet applied."""
    by_id = {kind: {item.data["id"]: item.data for item in items} for kind, items in loaded.items()}
    for issue in check_overlay(root, content_dir, by_id["claims"], by_id["actors"], by_id["sources"]):
        message = issue.message
        if issue.orphan:
            message = f"orphaned curation: {message}"
        problems.append(Problem(issue.path, issue.line, message))


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------------------------------
# Before publishing
# ---------------------------------------------------------------------------------------

#: Set (to 1) to publish although the records no longer match the documents (`dossier build --force`).
FORCE_ENV = "DOSSIER_FORCE"

#: The warning when mkdocs.yml has no site_url.
SITE_URL_MISSING = ("site_url is not set in mkdocs.yml: the JSON-LD and the ClaimReview feed cannot give "
                    "absolute addresses (set site_url: https://… to the address the site is published at)")


class PublishError(DossierError):
    """The records no longer match their documents: publishing them would misquote a source."""


def unpublishable(records: Any, texts: dict[str, str], changed: list[str]) -> list[Problem]:
    """Why the records must not be published as they are: documents changed or gone since
    extraction, and evidence quotes their documents no longer hold at the recorded offsets."""
    out = [Problem(path, None, "changed since extraction (its sha256 no longer matches its source record)")
           for path in sorted(set(changed))]
    for source_id in sorted(records.sources):
        if source_id not in texts:
            out.append(Problem(records.sources[source_id].path, None, "missing or unreadable, but its records are published"))
    for claim_id in sorted(records.claims):
        for ev in records.claims[claim_id].evidence:
            text = texts.get(ev.source)
            if text is not None and text[ev.start:ev.end] != ev.quote:
                path = records.sources[ev.source].path if ev.source in records.sources else ev.source
                out.append(Problem(f"content/records/claims/{claim_id}.yml", None,
                                   f"quote {_short(ev.quote, 40)!r} is no longer in {path} at {ev.start}:{ev.end}"))
    return out


def forced() -> bool:
    """Whether the editor asked to publish anyway (`--force`, or DOSSIER_FORCE=1)."""
    return os.environ.get(FORCE_ENV, "") not in ("", "0")


def publish_gate(records: Any, texts: dict[str, str], changed: list[str], *, serving: bool = False,
                 force: Optional[bool] = None) -> list[str]:
    """Raise PublishError naming every file when the records no longer match their documents;
    under `serve` (a preview) or when forced, return the same as messages to show instead."""
    found = unpublishable(records, texts, changed)
    if not found:
        return []
    force = forced() if force is None else force
    if serving:
        return [f"{p} (preview only: run `dossier extract`)" for p in found]
    if force:
        return [f"published anyway (--force): {p}" for p in found]
    listed = "\n".join(f"  {p}" for p in found)
    raise PublishError(None, f"not published: the records no longer match {len(found)} document(s) or quote(s):\n"
                       f"{listed}",
                       hint="run `dossier extract` (or `dossier build` without --no-extract) to re-read the "
                            "documents, check the claims that changed, then build again; `--force` publishes anyway")


def publishing(root: Path, records: Any) -> tuple[dict[str, str], list[Problem]]:
    """The documents' texts and what stops publishing the records as they are (see `unpublishable`)."""
    texts, _problems, changed = source_texts(Path(root), records.sources)
    return texts, unpublishable(records, texts, changed)
