"""The MkDocs plugin: records + source texts -> generated pages (`dossier.mkdocs` is the only
package importing MkDocs).

Thin on purpose, like mkdocs-gen-files: it reads `content/records/` and the documents they
point at, asks `dossier.site.pages` for Markdown, and adds each page as a generated file.
Record pages stay out of the navigation (Material embeds the whole nav in every page). The
data exports are made by a second process (`background`) while MkDocs renders the pages, and
awaited before MkDocs copies static files (`on_env`). What it does under `mkdocs serve` only
(re-extraction, dirty builds) is in `serve`; the build dates, in `dates`.
"""
from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Any, Optional

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from dossier import exports
from dossier import site
from dossier.check import SITE_URL_MISSING, publish_gate
from dossier.incremental import record_memory, source_texts, workers
from dossier.io.store import load_records
from dossier.mkdocs import dates
from dossier.mkdocs.background import BackgroundExports
from dossier.mkdocs.config import DossierConfig
from dossier.mkdocs.serve import DirtyBuilds, Refresh
from dossier.model.errors import DossierError

log = logging.getLogger("mkdocs.plugins.dossier")

#: A hand-written intro for the home page, in docs_dir; not a page of its own.
INTRO_FILE = "_intro.md"


class DossierPlugin(BasePlugin[DossierConfig]):
    """Adds the dossier's generated pages to the MkDocs build."""

    def __init__(self) -> None:
        self._records = None
        self._root: Optional[Path] = None
        self._content: Optional[Path] = None
        self._serving = False
        self._refresh = Refresh()  # re-extraction under serve
        self._dirty = DirtyBuilds()  # enabled by on_startup under `serve --dirty`
        self._date: Optional[datetime] = None  # the build's date; None: SOURCE_DATE_EPOCH is set
        self._exports: Optional[BackgroundExports] = None  # the data files, made by a second process
        self._read: dict = {}  # documents read again when the cache lacks them (see `source_texts`)

    def on_startup(self, *, command, dirty) -> None:
        # Defining on_startup makes MkDocs (>= 1.4) keep this instance across serve rebuilds.
        self._serving = command == "serve"
        self._dirty = DirtyBuilds(enabled=self._serving and bool(dirty))

    def on_config(self, config):
        self._root = Path(config.config_file_path or ".").resolve().parent
        self._content = Path(self.config.content).resolve()
        if not self._content.is_dir():
            raise PluginError(f"dossier: content directory not found: {self._content} "
                              f"(set `content:` under the dossier plugin in mkdocs.yml)")
        try:
            self._records = load_records(self._content, record_memory(self._content))
            if self._serving and self.config.extract_on_serve and self._refresh(self._content, self._records):
                self._records = load_records(self._content, record_memory(self._content))
        except DossierError as err:
            raise PluginError(f"dossier: {err}") from None
        self._dirty.configure(config)
        if not getattr(config, "site_url", "-"):  # strict would make the warning fatal; `dossier build` reports it
            (log.info if getattr(config, "strict", False) else log.warning)(f"dossier: {SITE_URL_MISSING}")
        self._date = dates.build_date(self._records)
        return config

    def on_files(self, files: Files, *, config) -> Files:
        records = self._records
        assert records is not None and self._root is not None and self._content is not None
        self._close_exports()
        if workers() > 1:  # the data files are made on the other core while pages render here
            self._exports = BackgroundExports(self._root, self._content, site_url=config.site_url or None,
                                              directory_urls=config.use_directory_urls)
        texts, problems, changed = source_texts(self._root, records.sources, self._read)
        for problem in problems:
            log.warning(f"dossier: {problem}")
        try:  # documents changed since extraction, quotes gone: refused unless serving or forced
            notes = publish_gate(records, texts, changed, serving=self._serving)
        except DossierError as err:
            raise PluginError(f"dossier: {err}") from None
        for note in notes:
            log.info(f"dossier: {note}")
        intro = None
        intro_file = files.get_file_from_path(INTRO_FILE)
        if intro_file is not None:
            intro = Path(intro_file.abs_src_path).read_text(encoding="utf-8") if intro_file.abs_src_path \
                else intro_file.content_string
            files.remove(intro_file)
        try:
            # Page templates: <theme.custom_dir>/dossier/<name> overrides the package's own.
            generated = site.pages(records, texts, site_name=config.site_name, intro=intro,
                                   site_url=config.site_url or None, custom_dir=config.theme.custom_dir)
            data = {} if self._exports is not None else \
                exports.exports(records, texts, site_url=config.site_url or None,
                                directory_urls=config.use_directory_urls)
            moved = site.redirects(records, directory_urls=config.use_directory_urls,
                                   custom_dir=config.theme.custom_dir)
        except DossierError as err:
            raise PluginError(f"dossier: {err}") from None
        self._dirty.start(config, files)
        for path, markdown in generated.items():
            if files.get_file_from_path(path) is not None:
                # A hand-written page wins over a generated one of the same name.
                log.info(f"dossier: keeping hand-written {path} instead of the generated page")
                continue
            inclusion = InclusionLevel.UNDEFINED if path in site.SECTION_PAGES else InclusionLevel.NOT_IN_NAV
            files.append(self._dirty.generated(config, path, markdown, inclusion))
        # Exports (data/...) and redirects from former ids: static files, copied as they are.
        # The second process's exports are read from its folder when MkDocs copies them.
        for path, content in {**data, **moved}.items():
            if files.get_file_from_path(path) is None:
                files.append(self._dirty.generated(config, path, content))
        if self._exports is not None:
            for path in exports.paths():
                if files.get_file_from_path(path) is None:
                    files.append(File.generated(config, path, abs_src_path=str(self._exports.dir / path)))
        return files

    def on_page_context(self, context, *, page, config, nav):
        self._dirty.rendered.add(page.url)
        return self._dated(context)

    def on_template_context(self, context, *, template_name, config):
        return self._dated(context)

    def _dated(self, context: Any) -> Any:
        if self._date is not None:
            context["build_date_utc"] = self._date
        return context

    def on_env(self, env, *, config, files):
        self._dirty.files = files
        if self._date is not None:  # every page exists now; the sitemap and pages render next
            dates.date_pages(files, self._date)
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
        self._dirty.finish(config)

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
        # folder is watched (not records/ alone): the record store swaps records/ by renames,
        # and a watch on a folder that vanishes for an instant stops for good. Its temporary
        # .records.tmp-*/.records.old-* folders can cost one extra (no-op) rebuild.
        if self._content is not None:
            server.watch(str(self._content))
        return server
