"""Errors a content author can act on: each names the file (and line), and says what to do."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


def located(path: Optional[str], line: Optional[int], message: str) -> str:
    """"file:line: message", the one way a problem is shown."""
    if not path:
        return message
    return f"{path}:{line}: {message}" if line else f"{path}: {message}"


@dataclass(frozen=True, order=True)
class Problem:
    """One broken rule, located in a file (repo-relative) and line; `orphan`: an editor's
    decision that no longer applies."""
    path: str
    line: Optional[int]
    message: str
    orphan: bool = False

    def __str__(self) -> str:
        return located(self.path, self.line, ("orphaned: " if self.orphan else "") + self.message)


class DossierError(Exception):
    """Base class. `str(err)` is a complete, user-facing message."""

    def __init__(self, path: Optional[str], message: str, line: Optional[int] = None, hint: Optional[str] = None):
        self.path = path
        self.line = line
        self.message = message
        self.hint = hint
        super().__init__(self.render())

    def render(self) -> str:
        text = located(self.path, self.line, self.message)
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputError(DossierError):
    """A document in content/sources/ cannot be read; the other documents still build."""


class RecordError(DossierError):
    """A YAML record or curation file is malformed, refers to a missing id, or breaks a rule."""
