"""What the plugin does under `mkdocs serve` only.

Re-extraction (`Refresh`): at the start of a build, when the documents in content/sources/
(or the editor's files) no longer match the source records, the extraction runs again, so
the preview follows the documents; `mkdocs build` stays a pure render of the committed records.

Dirty builds (`DirtyBuilds`, under `mkdocs serve --dirty`, what `dossier serve` runs): a
generated page whose Markdown is the last build's is not rendered again (`Generated`), the
search index keeps the entries of the pages not rendered (`merge_search_index`) and the
pages that are gone are removed: a one-record edit renders the few pages it changes, and
leaves the same site a full build would.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Any, Optional

from mkdocs.structure.files import File, Files, InclusionLevel

from dossier import pipeline
from dossier.extract.ingest import discover
from dossier.extract.sidecar import SIDECAR_SUFFIXES
from dossier.io.files import file_digest
from dossier.model.errors import DossierError

log = logging.getLogger("mkdocs.plugins.dossier")

Fingerprint = tuple[tuple[str, str], ...]  # sorted (document path, sha256) pairs


# ---------------------------------------------------------------------------------------
# Re-extraction
# ---------------------------------------------------------------------------------------

class DocumentHashes:
    """(path, sha256) of the documents under content/sources/ (and of the editor's files),
    re-hashing only files whose size or mtime changed since the last call (serve rebuilds
    call it on every build)."""

    def __init__(self) -> None:
        self._seen: dict = {}  # see `file_digest`

    def _hashes(self, root: Path, paths: list[Path], missing: Optional[str]) -> Fingerprint:
        """Sorted (path relative to `root`, sha256) pairs; an unreadable file gets `missing`
        as its hash, or is left out when `missing` is None."""
        found: list[tuple[str, str]] = []
        for path in paths:
            try:
                digest = file_digest(path, self._seen).hex()
            except OSError:  # vanished or unreadable mid-listing: extraction will say so
                if missing is None:
                    continue
                digest = missing
            found.append((path.relative_to(root).as_posix(), digest))
        return tuple(sorted(found))

    def fingerprint(self, root: Path) -> Fingerprint:
        """The documents extraction would read, as paths relative to `root` with their hashes."""
        return self._hashes(root, discover(root / "content" / "sources"), "")

    def editor_inputs(self, root: Path) -> Fingerprint:
        """The editor's files extraction reads besides the documents: content/aliases.yml,
        content/predicates.yml, the decisions under content/curation/ and the documents' sidecar files."""
        content = root / "content"
        paths = [content / "aliases.yml", content / "predicates.yml"]  # absent files are left out
        curation = content / "curation"
        if curation.is_dir():
            paths += [p for p in curation.rglob("*") if p.suffix in (".yml", ".yaml")]
        sources = content / "sources"
        if sources.is_dir():
            paths += [p for p in sources.rglob("*") if p.name.lower().endswith(SIDECAR_SUFFIXES)]
        return self._hashes(root, paths, None)


def recorded_fingerprint(records: Any) -> Fingerprint:
    """The same pairs as the source records state them."""
    return tuple(sorted((s.path, s.sha256 or "") for s in records.sources.values()))


def describe_change(documents: Fingerprint, recorded: Fingerprint) -> str:
    """'2 added, 1 changed, 0 removed' between the records and the documents on disk."""
    now, before = dict(documents), dict(recorded)
    added = sum(1 for p in now if p not in before)
    removed = sum(1 for p in before if p not in now)
    changed = sum(1 for p in now if p in before and now[p] != before[p])
    return f"{added} added, {changed} changed, {removed} removed"


class Refresh:
    """Re-extraction under serve, kept across the rebuilds of one session."""

    def __init__(self) -> None:
        self._hashes = DocumentHashes()
        # The documents the last serve-time extraction read: a document extraction cannot
        # read never gets a record, and must not make every rebuild extract again.
        self._extracted_from: Optional[Fingerprint] = None
        self._inputs_seen: Optional[Fingerprint] = None  # editor's files (see DocumentHashes.editor_inputs)
        self._warned_layout = False

    def __call__(self, content: Path, records: Any) -> bool:
        """Re-extract if the documents no longer match the source records; True if it ran.

        Its records trigger one more rebuild, which finds the documents matching (or
        identical to what was last extracted) and does nothing.
        """
        if content.name != "content":
            # pipeline.extract(root) works on root/content; other layouts are not extracted.
            if not self._warned_layout:
                log.info(f"dossier: not re-extracting on serve: {content} is not a folder "
                         f"named 'content' (run `dossier extract` yourself)")
                self._warned_layout = True
            return False
        root = content.parent
        documents = self._hashes.fingerprint(root)
        recorded = recorded_fingerprint(records)
        # the editor's files as the records were made from them: as found on the first build
        inputs = self._hashes.editor_inputs(root)
        if self._inputs_seen is None:
            self._inputs_seen = inputs
        documents_changed = documents != recorded and documents != self._extracted_from
        if not documents_changed and inputs == self._inputs_seen:
            return False
        if documents_changed:
            log.info(f"dossier: documents changed ({describe_change(documents, recorded)}), re-extracting ...")
        else:
            log.info(f"dossier: the editor's files changed ({describe_change(inputs, self._inputs_seen)}: "
                     f"curation, sidecars or aliases), re-extracting ...")
        self._extracted_from = documents
        self._inputs_seen = inputs
        return _extract(root)


def _extract(root: Path) -> bool:
    """`pipeline.extract(root)`, its report logged; False (the old records stay) if it fails."""
    try:
        report = pipeline.extract(root)
    except DossierError as err:
        log.warning(f"dossier: extraction failed, showing the previous records: {err}")
        return False
    except Exception as err:  # a preview keeps serving the old records over a bug
        log.warning(f"dossier: extraction failed, showing the previous records: "
                    f"{type(err).__name__}: {err}", exc_info=log.isEnabledFor(logging.DEBUG))
        return False
    for warning in report.warnings:
        log.warning(f"dossier: {warning}")
    log.info(f"dossier: extracted {report.documents} documents: {report.actors} actors, "
             f"{report.claims} claims ({report.contested} contested); records: "
             f"{report.written} written, {report.unchanged} unchanged, {report.removed} removed")
    return True


# ---------------------------------------------------------------------------------------
# Dirty builds
# ---------------------------------------------------------------------------------------

class Generated(File):
    """A generated page or file. Under a dirty serve build, one whose content is what the
    last build wrote (`unchanged`) counts as not modified, so MkDocs keeps its output."""
    unchanged = False

    def is_modified(self) -> bool:
        if self.unchanged and os.path.isfile(self.abs_dest_path):
            return False
        return super().is_modified()


def _page_of(location: str) -> str:
    return location.split("#", 1)[0]


def merge_search_index(text: str, rendered: set[str], pages: list[str],
                       kept: dict[str, list]) -> tuple[str, dict[str, list]]:
    """The search index of a whole site, from the one a dirty build wrote (`text`: entries of
    the `rendered` pages only) and the entries `kept` by page from the build before.

    Entries follow `pages` (page URLs in build order), as a full build lists them, and the
    JSON is written as the search plugin wrote it (ValueError if that cannot be told), so
    the result is the file a full build would write. Returns it and the entries by page."""
    data = json.loads(text)
    styles = [dict(separators=(",", ":"), default=str), dict(sort_keys=True, separators=(",", ":"), default=str)]
    style = next((s for s in styles if json.dumps(data, **s) == text), None)
    if style is None or not isinstance(data, dict) or not isinstance(data.get("docs"), list):
        raise ValueError("search index in an unknown form")
    fresh: dict[str, list] = {}
    for entry in data["docs"]:
        fresh.setdefault(_page_of(str(entry.get("location", ""))), []).append(entry)
    by_page = {url: fresh.get(url, []) if url in rendered else kept.get(url, []) for url in pages}
    data["docs"] = [entry for url in pages for entry in by_page[url]]
    return json.dumps(data, **style), by_page


class DirtyBuilds:
    """What the last complete build wrote, for the next dirty one (see the module); with
    `enabled` False (not a dirty serve), `generated` makes plain generated files."""

    def __init__(self, enabled: bool = False) -> None:
        self.enabled = enabled
        self.rendered: set[str] = set()  # URLs of the pages this build renders
        self.files: Optional[Files] = None  # this build's files, once MkDocs has them all
        self._built: dict[str, str] = {}  # generated file -> digest of its content
        self._outputs: dict[str, str] = {}  # generated file or page -> its path in the site
        self._search: Optional[dict[str, list]] = None  # page URL -> its search entries
        self._previous: dict[str, str] = {}  # the last complete build's digests
        self._building: dict[str, str] = {}  # this build's digests, kept once it completes
        self._setting: Optional[Any] = None  # hash of what every generated page shows besides its Markdown

    def configure(self, config: Any) -> None:
        """The search entries of pages not rendered are kept here, not by the search plugin."""
        if self.enabled:
            search = config.plugins.get("material/search") or config.plugins.get("search")
            if search is not None and hasattr(search, "search_index_prev"):
                search.search_index_prev = None

    def start(self, config: Any, files: Files) -> None:
        """A new build: forget its digests until it completes."""
        self._previous, self._built, self._building = self._built, {}, {}
        self.rendered = set()
        # What a generated page shows besides its own Markdown: the configuration and, in the
        # nav, the hand-written pages (their titles, and which there are when the nav is not
        # spelt out). An edit to any of these renders every page again.
        self._setting = None
        if self.enabled:
            setting = hashlib.sha256(Path(config.config_file_path).read_bytes() if config.config_file_path else b"")
            for page in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
                setting.update(b"\0" + page.src_uri.encode("utf-8") + b"\0" + page.content_bytes)
            self._setting = setting

    def generated(self, config: Any, path: str, content: Any,
                  inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> Generated:
        """A generated file of this build; not rendered again if the last build wrote the same."""
        made = Generated.generated(config, path, content=content, inclusion=inclusion)
        if self._setting is not None:
            h = self._setting.copy()
            h.update(content.encode("utf-8") if isinstance(content, str) else content)
            self._building[path] = h.hexdigest()
            made.unchanged = self._previous.get(path) == self._building[path]
        return made

    def finish(self, config: Any) -> None:
        """Complete the site a dirty build leaves: the search entries of the pages it did not
        render, and no page or file that is gone. Then its digests count for the next one."""
        if not self.enabled or self.files is None:
            return
        files = self.files
        outputs = {f.src_uri: f.abs_dest_path for f in files if isinstance(f, Generated)}
        for src, dest in self._outputs.items():
            if src not in outputs and os.path.isfile(dest):
                os.remove(dest)
        index = Path(config.site_dir) / "search" / "search_index.json"
        if index.is_file():
            pages = [f.url for f in files.documentation_pages()]
            try:
                text, self._search = merge_search_index(index.read_text(encoding="utf-8"), self.rendered, pages,
                                                        self._search or {})
            except ValueError as err:  # a search plugin of another kind: every page is rendered each time
                log.info(f"dossier: full rebuilds under serve: {err}")
                self.enabled = False
                return
            index.write_text(text, encoding="utf-8")
        self._outputs, self._built = outputs, self._building
