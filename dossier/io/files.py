"""Files: digests, atomic writes and directory swaps."""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Optional

try:
    import fcntl
except ImportError:  # not POSIX
    fcntl = None  # type: ignore[assignment]


def file_digest(path: Any, seen: dict, st: Optional[os.stat_result] = None) -> bytes:
    """sha256 of a file's bytes, remembered in `seen` (by path string) while its size,
    mtime and inode stay."""
    path = os.fspath(path)
    st = st or os.stat(path)
    stamp = (st.st_size, st.st_mtime_ns, st.st_ino)
    known = seen.get(path)
    if known is None or known[0] != stamp:
        with open(path, "rb") as fh:
            known = seen[path] = (stamp, hashlib.sha256(fh.read()).digest())
    return known[1]


@contextmanager
def lock(content_dir: Path, exclusive: bool) -> Iterator[None]:
    """flock on the content folder itself (no lock file to commit): one writer, or many readers.

    Readers must hold it too: the writer's swap deletes the old tree, so a reader listing
    files just before it would otherwise find them gone."""
    if fcntl is None:  # not POSIX: no locking, single writer assumed
        yield
        return
    if not Path(content_dir).is_dir():
        yield
        return
    fd = os.open(content_dir, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def link_or_copy(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def carry(src: Path, dst: Path) -> None:
    if src.is_dir():
        shutil.copytree(src, dst, copy_function=lambda s, d: link_or_copy(Path(s), Path(d)))
    else:
        link_or_copy(src, dst)


def replace_dir(new: Path, target: Path) -> None:
    """Replace directory `target` by `new` with two renames (the old one goes to `.<name>.old-*`).

    For records a crash between the renames is undone by `_recover`; `site/` uses it too.
    """
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        old.rmdir()
        os.rename(target, old)
        os.rename(new, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(new, target)


def build_dir(prefix: str, parent: Path) -> Path:
    """A new empty folder in `parent` (unique name, for a tree built beside its target) with
    the permissions the umask gives, as `mkdir` would: a site copied to a web root stays
    readable (`tempfile.mkdtemp` alone makes it private)."""
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o777 & ~mask)
    return path


def stays_in(path: Path, folder: Path) -> bool:
    """Whether `path`, links resolved, lies inside `folder` (a link loop or an error: no)."""
    try:
        return Path(path).resolve().is_relative_to(Path(folder).resolve())
    except (OSError, RuntimeError):
        return False
