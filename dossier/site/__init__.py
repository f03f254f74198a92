"""Dossier records -> Markdown pages for the MkDocs site.

Pure functions: no disk access, no MkDocs imports (the plugin in `dossier.mkdocs.plugin`
does both). One module per page kind (`claims`, `actors`, `sources`, `citations`,
`contested`, `timeline`, `indexes`), on the shared helpers of `common` and `prepared`;
`render.pages` lists every page. The names below are what other layers call.
"""
from __future__ import annotations

from dossier.site.common import direction, page_path
from dossier.site.render import SECTION_PAGES, pages, redirects

__all__ = ["SECTION_PAGES", "direction", "page_path", "pages", "redirects"]
