"""W3C Web Annotation TextQuoteSelector context: the text just before and after a quote.

Offsets alone break when a document is re-saved with one character more; the prefix and
suffix let a reader (or an annotation tool) find the quote again and tell equal quotes
apart. Code-point offsets, like `start`/`end`; trimmed at the document's edges.
"""
from __future__ import annotations

from typing import Iterable, Optional

from dossier.model import Claim, Evidence

#: Code points of context kept on each side of a quote.
CONTEXT = 32


def context(text: str, start: int, end: int, width: int = CONTEXT) -> tuple[Optional[str], Optional[str]]:
    """(prefix, suffix) of `text[start:end]`: up to `width` code points each side, None at an edge."""
    prefix = text[max(0, start - width):start]
    suffix = text[end:end + width]
    return prefix or None, suffix or None


def annotate(evidence: Evidence, text: str) -> None:
    """Set `evidence.prefix` and `suffix` from the document text its offsets point into."""
    evidence.prefix, evidence.suffix = context(text, evidence.start, evidence.end)


def annotate_claims(claims: Iterable[Claim], texts: dict[str, str]) -> None:
    """Every evidence item's prefix and suffix (a source without a text is left as it is)."""
    for claim in claims:
        for ev in claim.evidence:
            if ev.source in texts:
                annotate(ev, texts[ev.source])


def matches(text: str, start: int, end: int, prefix: Optional[str], suffix: Optional[str]) -> Optional[str]:
    """Why a recorded prefix/suffix no longer fits the document, or None when it does."""
    if prefix is not None and text[max(0, start - len(prefix)):start] != prefix:
        return "prefix"
    if suffix is not None and text[end:end + len(suffix)] != suffix:
        return "suffix"
    return None


__all__ = ["CONTEXT", "annotate", "annotate_claims", "context", "matches"]
