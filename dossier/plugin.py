"""The MkDocs plugin: records + source texts -> generated pages (the only module importing MkDocs).

Thin on purpose, like mkdocs-gen-files: it reads `content/records/` and the documents they
point at, asks `dossier.site.pages` for Markdown, and adds each page as a generated file.
Record pages stay out of the navigation (Material embeds the whole nav in every page). The
data exports are made by a second process (`dossier.exports.Background`) while MkDocs
renders the pages, and awaited before MkDocs copies static files (`on_env`).

Under `mkdocs serve` (only there) it also re-runs the extraction at the start of a build when
the documents in content/sources/ no longer match the source records, so the preview follows
the documents; `mkdocs build` stays a pure render of the committed records.
"""
from __future__ import annotations

import calendar
import logging
import os
from pathlib import Path
from typing import Optional

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from . import exports, site
from .errors import DossierError

log = logging.getLogger("mkdocs.plugins.dossier")

#: A hand-written intro for the home page, in docs_dir; not a page of its own.
INTRO_FILE = "_intro.md"


class DossierConfig(Config):
    content = c.Type(str, default="content")  # the content dir, relative to mkdocs.yml
    extract_on_serve = c.Type(bool, default=True)  # re-extract under `mkdocs serve` when documents change


def _load_records(content_dir: Path):
    from .records import load_records

    return load_records(content_dir)


def _epoch(records) -> int:
    """A reproducible build date: midnight UTC of the newest source's published date, else 0."""
    dates = sorted(s.published for s in records.sources.values() if s.published)
    if not dates:
        return 0
    parts = (dates[-1].split("-") + ["01", "01"])[:3]
    try:
        year, month, day = (int(p) for p in parts)
        return calendar.timegm((year, month, day, 0, 0, 0))
    except (ValueError, OverflowError):
        return 0


Fingerprint = tuple[tuple[str, str], ...]  # sorted (document path, sha256) pairs


class DocumentHashes:
    """(path, sha256) of the documents under content/sources/ (and of the editor's files),
    re-hashing only files whose size or mtime changed since the last call (serve rebuilds
    call it on every build)."""

    def __init__(self) -> None:
        self._seen: dict = {}  # see `cache.file_digest`

    def _hash(self, path: Path) -> str:
        """sha256 of `path` (OSError when unreadable), reused while the file is unchanged."""
        from .cache import file_digest

        return file_digest(path, self._seen).hex()

    def _hashes(self, root: Path, paths: list[Path], missing: Optional[str]) -> Fingerprint:
        """Sorted (path relative to `root`, sha256) pairs; an unreadable file gets `missing`
        as its hash, or is left out when `missing` is None."""
        found: list[tuple[str, str]] = []
        for path in paths:
            try:
                digest = self._hash(path)
            except OSError:  # vanished or unreadable mid-listing: extraction will say so
                if missing is None:
                    continue
                digest = missing
            found.append((path.relative_to(root).as_posix(), digest))
        return tuple(sorted(found))

    def fingerprint(self, root: Path) -> Fingerprint:
        """The documents extraction would read, as paths relative to `root` with their hashes."""
        from .ingest import discover

        return self._hashes(root, discover(root / "content" / "sources"), "")

    def editor_inputs(self, root: Path) -> Fingerprint:
        """The editor's files extraction reads besides the documents: content/aliases.yml,
        the decisions under content/curation/ and the documents' sidecar files."""
        from .ingest import SIDECAR_SUFFIXES

        content = root / "content"
        paths = [content / "aliases.yml"]  # absent files are left out
        curation = content / "curation"
        if curation.is_dir():
            paths += [p for p in curation.rglob("*") if p.suffix in (".yml", ".yaml")]
        sources = content / "sources"
        if sources.is_dir():
            paths += [p for p in sources.rglob("*") if p.name.lower().endswith(SIDECAR_SUFFIXES)]
        return self._hashes(root, paths, None)


def recorded_fingerprint(records) -> Fingerprint:
    """The same pairs as the source records state them."""
    return tuple(sorted((s.path, s.sha256 or "") for s in records.sources.values()))


def describe_change(documents: Fingerprint, recorded: Fingerprint) -> str:
    """'2 added, 1 changed, 0 removed' between the records and the documents on disk."""
    now, before = dict(documents), dict(recorded)
    added = sum(1 for p in now if p not in before)
    removed = sum(1 for p in before if p not in now)
    changed = sum(1 for p in now if p in before and now[p] != before[p])
    return f"{added} added, {changed} changed, {removed} removed"


class DossierPlugin(BasePlugin[DossierConfig]):
    """Adds the dossier's generated pages to the MkDocs build."""

    def __init__(self) -> None:
        self._records = None
        self._root: Optional[Path] = None
        self._content: Optional[Path] = None
        self._epoch_is_ours = False
        self._serving = False
        self._hashes = DocumentHashes()
        # The documents the last serve-time extraction read: a document extraction cannot
        # read never gets a record, and must not make every rebuild extract again.
        self._extracted_from: Optional[Fingerprint] = None
        self._inputs_seen: Optional[Fingerprint] = None  # editor's files (see DocumentHashes.editor_inputs)
        self._warned_layout = False
        self._exports: Optional[exports.Background] = None  # the data files, made by a second process

    def on_startup(self, *, command, dirty) -> None:
        # Defining on_startup makes MkDocs (>= 1.4) keep this instance across serve rebuilds.
        self._serving = command == "serve"

    def on_config(self, config):
        self._root = Path(config.config_file_path or ".").resolve().parent
        self._content = (self._root / self.config.content).resolve()
        if not self._content.is_dir():
            raise PluginError(f"dossier: content directory not found: {self._content} "
                              f"(set `content:` under the dossier plugin in mkdocs.yml)")
        try:
            self._records = _load_records(self._content)
            if self._serving and self.config.extract_on_serve and self._refresh():
                self._records = _load_records(self._content)
        except DossierError as err:
            raise PluginError(f"dossier: {err}") from None
        # Sitemap dates and gzip headers come from SOURCE_DATE_EPOCH: pin it so two builds
        # of the same content are byte-identical (an epoch the user set is respected).
        if "SOURCE_DATE_EPOCH" not in os.environ or self._epoch_is_ours:
            os.environ["SOURCE_DATE_EPOCH"] = str(_epoch(self._records))
            self._epoch_is_ours = True
        return config

    def _refresh(self) -> bool:
        """Under serve: re-extract if the documents no longer match the source records.

        True if an extraction ran. Its records trigger one more rebuild, which finds the
        documents matching (or identical to what was last extracted) and does nothing.
        """
        assert self._content is not None and self._records is not None
        if self._content.name != "content":
            # pipeline.extract(root) works on root/content; other layouts are not extracted.
            if not self._warned_layout:
                log.info(f"dossier: not re-extracting on serve: {self._content} is not a folder "
                         f"named 'content' (run `dossier extract` yourself)")
                self._warned_layout = True
            return False
        root = self._content.parent
        documents = self._hashes.fingerprint(root)
        recorded = recorded_fingerprint(self._records)
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
        from .pipeline import extract

        try:
            report = extract(root)
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

    def on_files(self, files: Files, *, config) -> Files:
        records = self._records
        assert records is not None and self._root is not None
        from .cache import source_texts, workers

        self._close_exports()
        if workers() > 1:  # the data files are made on the other core while pages render here
            self._exports = exports.Background(self._root, self._content, site_url=config.site_url or None,
                                               directory_urls=config.use_directory_urls)
        texts, problems, changed = source_texts(self._root, records.sources)
        for problem in problems:
            log.warning(f"dossier: {problem}")
        for path in changed:
            log.info(f"dossier: {path} changed since extraction; run `dossier extract`")
        intro = None
        intro_file = files.get_file_from_path(INTRO_FILE)
        if intro_file is not None:
            intro = Path(intro_file.abs_src_path).read_text(encoding="utf-8") if intro_file.abs_src_path \
                else intro_file.content_string
            files.remove(intro_file)
        try:
            generated = site.pages(records, texts, site_name=config.site_name, intro=intro,
                                   site_url=config.site_url or None)
            data = {} if self._exports is not None else \
                exports.exports(records, texts, site_url=config.site_url or None,
                                directory_urls=config.use_directory_urls)
            moved = site.redirects(records, directory_urls=config.use_directory_urls)
        except DossierError as err:
            raise PluginError(f"dossier: {err}") from None
        for path, markdown in generated.items():
            existing = files.get_file_from_path(path)
            if existing is not None:
                # A hand-written page wins over a generated one of the same name.
                log.info(f"dossier: keeping hand-written {path} instead of the generated page")
                continue
            inclusion = InclusionLevel.UNDEFINED if path in site.SECTION_PAGES else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, path, content=markdown, inclusion=inclusion))
        # Exports (data/...) and redirects from former ids: static files, copied as they are.
        # The second process's exports are read from its folder when MkDocs copies them.
        static = [(path, {"content": content}) for path, content in {**data, **moved}.items()]
        if self._exports is not None:
            static += [(path, {"abs_src_path": str(self._exports.dir / path)}) for path in exports.paths()]
        for path, source in static:
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, **source))
        return files

    def on_env(self, env, *, config, files):
        # MkDocs copies static files right after this event: the data files must be there.
        if self._exports is not None:
            try:
                self._exports.wait()
            except DossierError as err:
                raise PluginError(f"dossier: {err}") from None
        return env

    def on_post_build(self, *, config) -> None:
        self._close_exports()

    def on_build_error(self, *, error) -> None:
        self._close_exports()

    def on_shutdown(self) -> None:
        self._close_exports()

    def _close_exports(self) -> None:
        if self._exports is not None:
            self._exports.close()
            self._exports = None

    def on_serve(self, server, *, config, builder):
        # Editing a record or adding a document must rebuild the site. The whole content
        # folder is watched (not records/ alone): records.py swaps records/ by renames, and a
        # watch on a folder that vanishes for an instant stops for good. Its temporary
        # .records.tmp-*/.records.old-* folders can cost one extra (no-op) rebuild.
        if self._content is not None:
            server.watch(str(self._content))
        return server

