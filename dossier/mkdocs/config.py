"""The dossier plugin's options, under `plugins: - dossier:` in mkdocs.yml."""
from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class DossierConfig(Config):
    # The content folder; a relative path starts at mkdocs.yml. Checked in on_config, whose
    # message says which setting to fix.
    content = c.Dir(default="content")
    extract_on_serve = c.Type(bool, default=True)  # re-extract under `mkdocs serve` when documents change
