"""The MkDocs plugin: records + source texts -> generated pages (the only module importing MkDocs).

Thin on purpose, like mkdocs-gen-files: it reads `content/records/` and the documents they
point at, asks `dossier.site.pages` for Markdown, and adds each page as a generated file.
Record pages stay out of the navigation (Material embeds the whole nav in every page). The
data exports are made by a second process (`dossier.exports.Background`) while MkDocs
renders the pages, and awaited before MkDocs copies static files (`on_env`).

Under `mkdocs serve` (only there) it also re-runs the extraction at the start of a build when
the documents in content/sources/ no longer match the source records, so the preview follows
the documents; `mkdocs build` stays a pure render of the committed records.

Under `mkdocs serve --dirty` (what `dossier serve` runs), a generated page whose Markdown is
the last build's is not rendered again (`Generated`), the search index keeps the entries of
the pages not rendered (`merge_search_index`) and the pages that are gone are removed: a
one-record edit renders the few pages it changes, and leaves the same site a full build would.
"""
from __future__ import annotations

import calendar
import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Optional

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
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
        # Dirty serve builds (see the module docstring): what the last complete build wrote.
        self._dirty = False
        self._built: dict[str, str] = {}  # generated file -> digest of its content
        self._outputs: dict[str, str] = {}  # generated file or page -> its path in the site
        self._search: Optional[dict[str, list]] = None  # page URL -> its search entries
        self._building: dict[str, str] = {}  # this build's digests, kept once it completes
        self._rendered: set[str] = set()  # URLs of the pages this build renders
        self._files: Optional[Files] = None
        self._read: dict = {}  # documents read again when the cache lacks them (see cache.source_texts)

    def on_startup(self, *, command, dirty) -> None:
        # Defining on_startup makes MkDocs (>= 1.4) keep this instance across serve rebuilds.
        self._serving = command == "serve"
        self._dirty = self._serving and bool(dirty)

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
        if self._dirty:  # the search entries of pages not rendered are kept here, not by the plugin
            search = config.plugins.get("material/search") or config.plugins.get("search")
            if search is not None and hasattr(search, "search_index_prev"):
                search.search_index_prev = None
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
        texts, problems, changed = source_texts(self._root, records.sources, self._read)
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
        previous, self._built, self._building = self._built, {}, {}  # kept again once this build completes
        self._rendered = set()
        # What a generated page shows besides its own Markdown: the configuration and, in the
        # nav, the hand-written pages (their titles, and which there are when the nav is not
        # spelt out). An edit to any of these renders every page again.
        setting = None
        if self._dirty:
            setting = hashlib.sha256(Path(config.config_file_path).read_bytes() if config.config_file_path else b"")
            for page in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
                setting.update(b"\0" + page.src_uri.encode("utf-8") + b"\0" + page.content_bytes)

        def add(path: str, content, inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> None:
            made = Generated.generated(config, path, content=content, inclusion=inclusion)
            if setting is not None:
                h = setting.copy()
                h.update(content.encode("utf-8") if isinstance(content, str) else content)
                self._building[path] = h.hexdigest()
                made.unchanged = previous.get(path) == self._building[path]
            files.append(made)

        for path, markdown in generated.items():
            existing = files.get_file_from_path(path)
            if existing is not None:
                # A hand-written page wins over a generated one of the same name.
                log.info(f"dossier: keeping hand-written {path} instead of the generated page")
                continue
            add(path, markdown, InclusionLevel.UNDEFINED if path in site.SECTION_PAGES else InclusionLevel.NOT_IN_NAV)
        # Exports (data/...) and redirects from former ids: static files, copied as they are.
        # The second process's exports are read from its folder when MkDocs copies them.
        for path, content in {**data, **moved}.items():
            if files.get_file_from_path(path) is None:
                add(path, content)
        if self._exports is not None:
            for path in exports.paths():
                if files.get_file_from_path(path) is None:
                    files.append(File.generated(config, path, abs_src_path=str(self._exports.dir / path)))
        return files

    def on_page_context(self, context, *, page, config, nav):
        self._rendered.add(page.url)
        return context

    def on_env(self, env, *, config, files):
        self._files = files
        # MkDocs copies static files right after this event: the data files must be there.
        if self._exports is not None:
            try:
                self._exports.wait()
            except DossierError as err:
                raise PluginError(f"dossier: {err}") from None
        return env

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config) -> None:
        self._close_exports()
        if self._dirty and self._files is not None:
            self._finish_dirty_build(config, self._files)

    def _finish_dirty_build(self, config, files: Files) -> None:
        """Complete the site a dirty build leaves: the search entries of the pages it did not
        render, and no page or file that is gone. Then its digests count for the next one."""
        outputs = {f.src_uri: f.abs_dest_path for f in files if isinstance(f, Generated)}
        for src, dest in self._outputs.items():
            if src not in outputs and os.path.isfile(dest):
                os.remove(dest)
        index = Path(config.site_dir) / "search" / "search_index.json"
        if index.is_file():
            pages = [f.url for f in files.documentation_pages()]
            try:
                text, self._search = merge_search_index(index.read_text(encoding="utf-8"), self._rendered, pages,
                                                        self._search or {})
            except ValueError as err:  # a search plugin of another kind: every page is rendered each time
                log.info(f"dossier: full rebuilds under serve: {err}")
                self._dirty = False
                return
            index.write_text(text, encoding="utf-8")
        self._outputs, self._built = outputs, self._building

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

