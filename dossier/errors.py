"""Errors a content author can act on: each names the file (and line), and says what to do."""
from __future__ import annotations

from typing import Optional


class DossierError(Exception):
    """Base class. `str(err)` is a complete, user-facing message."""

    def __init__(self, path: Optional[str], message: str, line: Optional[int] = None, hint: Optional[str] = None):
        self.path = path
        self.line = line
        self.message = message
        self.hint = hint
        super().__init__(self.render())

    def render(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        text = f"{where}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputError(DossierError):
    """A document in content/sources/ cannot be read; the other documents still build."""


class RecordError(DossierError):
    """A YAML record or curation file is malformed, refers to a missing id, or breaks a rule."""
