"""The package's lexicons (dossier/lexicons/*.yml): general word lists per language, read once."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from dossier.model.errors import RecordError
from dossier.text import load_package_yaml

LEXICON_DIR = Path(__file__).resolve().parents[1] / "lexicons"


@lru_cache(maxsize=None)
def load_lexicon(name: str) -> dict:
    """The lexicon `name` (dossier/lexicons/<name>.yml), parsed; callers only read it."""
    path = LEXICON_DIR / f"{name}.yml"
    try:
        with open(path, encoding="utf-8") as fh:
            return load_package_yaml(fh) or {}
    except yaml.MarkedYAMLError as err:
        line = err.problem_mark.line + 1 if err.problem_mark else None
        raise RecordError(str(path), f"lexicon is not valid YAML: {err.problem}", line=line) from err
