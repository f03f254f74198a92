"""The package's lexicons (dossier/lexicons/*.yml): general word lists per language, read once."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional

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


@lru_cache(maxsize=None)
def lexicon_words(name: str, key: str, folding: Callable[[str], str],
                  languages: Optional[tuple[str, ...]] = None) -> frozenset[str]:
    """The words of one per-language list of a lexicon (`key` in <name>.yml), folded: of
    every language, or of `languages` only."""
    lists = load_lexicon(name).get(key) or {}
    return frozenset(folding(str(w)) for lang, words in lists.items() if languages is None or lang in languages
                     for w in words or [])
