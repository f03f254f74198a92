"""The seam through which the incremental layer lets a stage reuse earlier results.

A stage that can redo only part of its work names those parts by a key made of everything
the part reads, and asks a `Reuse` for them. The stage never knows where (or whether) results
are kept: without one (`None`) it computes everything, with the same output.
"""
from __future__ import annotations

from typing import Any, Optional, Protocol


class Reuse(Protocol):
    """Results kept across runs, by a key made of everything the result depends on."""

    def key(self, *parts: Any) -> str:
        """A key for plain data (strings, numbers, tuples, lists, dicts, dataclasses of those)."""

    def get(self, key: str) -> Optional[Any]:
        """The result kept under `key`, or None."""

    def put(self, key: str, value: Any) -> None:
        """Keep `value` under `key`."""

    def keep(self, key: str) -> None:
        """Count `key` as used by this run without reading it (a result nested in one that was)."""
