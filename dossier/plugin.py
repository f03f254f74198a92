"""The MkDocs plugin: records + source texts -> generated pages (the only module importing MkDocs).

Thin on purpose, like mkdocs-gen-files: it reads `content/records/` and the documents they
point at, asks `dossier.site.pages` for Markdown, and adds each page as a generated file.
Record pages stay out of the navigation (Material embeds the whole nav in every page).
"""
from __future__ import annotations

import calendar
import hashlib
import logging
import os
from pathlib import Path
from typing import Optional

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from . import site
from .errors import DossierError

log = logging.getLogger("mkdocs.plugins.dossier")

#: A hand-written intro for the home page, in docs_dir; not a page of its own.
INTRO_FILE = "_intro.md"


class DossierConfig(Config):
    content = c.Type(str, default="content")  # the content dir, relative to mkdocs.yml


def _load_records(content_dir: Path):
    from .records import load_records

    return load_records(content_dir)


def _read_text(root: Path, source) -> tuple[Optional[str], Optional[str]]:
    """(decoded text, problem) of a source's document, decoded exactly as extraction did."""
    path = root / source.path
    if not path.is_file():
        return None, f"{source.path}: document not found (records/sources/{source.id}.yml points at it)"
    try:
        from .ingest import load_document
    except ImportError:  # ingest not available: plain UTF-8 is what .txt documents are
        try:
            return path.read_text(encoding="utf-8"), None
        except (OSError, UnicodeDecodeError) as err:
            return None, f"{source.path}: cannot read: {err}"
    try:
        return load_document(path, root).text, None
    except DossierError as err:
        return None, str(err)


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


class DossierPlugin(BasePlugin[DossierConfig]):
    """Adds the dossier's generated pages to the MkDocs build."""

    def __init__(self) -> None:
        self._records = None
        self._root: Optional[Path] = None
        self._content: Optional[Path] = None
        self._epoch_is_ours = False

    def on_config(self, config):
        self._root = Path(config.config_file_path or ".").resolve().parent
        self._content = (self._root / self.config.content).resolve()
        if not self._content.is_dir():
            raise PluginError(f"dossier: content directory not found: {self._content} "
                              f"(set `content:` under the dossier plugin in mkdocs.yml)")
        try:
            self._records = _load_records(self._content)
        except DossierError as err:
            raise PluginError(f"dossier: {err}") from None
        # Sitemap dates and gzip headers come from SOURCE_DATE_EPOCH: pin it so two builds
        # of the same content are byte-identical (an epoch the user set is respected).
        if "SOURCE_DATE_EPOCH" not in os.environ or self._epoch_is_ours:
            os.environ["SOURCE_DATE_EPOCH"] = str(_epoch(self._records))
            self._epoch_is_ours = True
        return config

    def on_files(self, files: Files, *, config) -> Files:
        records = self._records
        assert records is not None and self._root is not None
        texts: dict[str, str] = {}
        for source_id in sorted(records.sources):
            source = records.sources[source_id]
            text, problem = _read_text(self._root, source)
            if problem:
                log.warning(f"dossier: {problem}")
            elif text is not None:
                texts[source_id] = text
                if source.sha256 and not _same_hash(self._root / source.path, source.sha256):
                    log.info(f"dossier: {source.path} changed since extraction; run `dossier extract`")
        intro = None
        intro_file = files.get_file_from_path(INTRO_FILE)
        if intro_file is not None:
            intro = Path(intro_file.abs_src_path).read_text(encoding="utf-8") if intro_file.abs_src_path \
                else intro_file.content_string
            files.remove(intro_file)
        try:
            generated = site.pages(records, texts, site_name=config.site_name, intro=intro)
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
        return files

    def on_serve(self, server, *, config, builder):
        # Editing a record or adding a document must rebuild the site.
        if self._content is not None:
            server.watch(str(self._content))
        return server


def _same_hash(path: Path, sha256: str) -> bool:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == sha256
    except OSError:
        return False
