"""Files: digests, atomic writes and directory swaps."""
from __future__ import annotations

import errno
import hashlib
import os
import re
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
def lock(content_dir: Path, exclusive: bool, wait: bool = True) -> Iterator[bool]:
    """flock on the content folder itself (no lock file to commit): one writer, or many readers.

    Readers must hold it too: the writer's swap deletes the old tree, so a reader listing
    files just before it would otherwise find them gone. With `wait` False it yields False
    at once when another holds it."""
    if fcntl is None:  # not POSIX: no locking, single writer assumed
        yield True
        return
    if not Path(content_dir).is_dir():
        yield True
        return
    fd = os.open(content_dir, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)  # closing releases the lock


def same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def write_file(path: Path, data: bytes) -> None:
    try:
        with open(path, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as err:  # a full disk's error names no file: say which
        err.filename = err.filename or os.fspath(path)
        raise


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

    A run killed between the renames leaves no `target`: `recover` puts the old one back.
    Callers hold a lock that `recover` also takes (the records' or `swap_lock`).
    """
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        old.rmdir()
        os.rename(target, old)
        os.rename(new, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(new, target)
    discard(target, remove=False)


#: Folders this process is building (path -> an open descriptor holding a shared flock on
#: it): `recover` in another run leaves them alone; a killed run's lock goes with it.
_LIVE: dict[str, int] = {}


def build_dir(prefix: str, parent: Path) -> Path:
    """A new empty folder in `parent` (unique name, for a tree built beside its target) with
    the permissions the umask gives, as `mkdir` would: a site copied to a web root stays
    readable (`tempfile.mkdtemp` alone makes it private). It is marked live until
    `replace_dir` or `discard`."""
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o777 & ~mask)
    if fcntl is not None:
        fd = os.open(path, os.O_RDONLY)
        fcntl.flock(fd, fcntl.LOCK_SH)
        _LIVE[os.fspath(path)] = fd
    return path


def discard(path: Path, remove: bool = True) -> None:
    """Done with a folder `build_dir` made: unmark it, and remove it (unless `remove` is False)."""
    for key in [k for k, fd in _LIVE.items() if k == os.fspath(path) or _same_dir(fd, path)]:
        os.close(_LIVE.pop(key))
    if remove and Path(path).exists():
        shutil.rmtree(path, ignore_errors=True)


def _same_dir(fd: int, path: Path) -> bool:
    try:
        a, b = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _abandoned(folder: Path) -> bool:
    """Whether no live run is building `folder` (its builder's flock is gone with it)."""
    if fcntl is None:
        return True
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def leftovers(target: Path) -> list[Path]:
    """What swaps of `target` left beside it: `.<name>.old-*` and `.<name>.tmp-*` folders."""
    parent = Path(target).parent
    try:
        names = sorted(os.listdir(parent))
    except OSError:
        return []
    marks = (f".{target.name}.old-", f".{target.name}.tmp-")
    return [parent / n for n in names if n.startswith(marks)]


def recover(target: Path) -> None:
    """Undo what a killed run left of a swap of `target` (hold the lock `replace_dir`'s caller
    holds): no `target` but an old one put back (the newest), stale old and temp folders
    removed; a temp folder a live run is still building is left alone."""
    found = leftovers(target)
    olds = sorted((p for p in found if p.name.startswith(f".{target.name}.old-")),
                  key=lambda p: (p.stat().st_mtime_ns, p.name))
    if not target.exists() and olds:
        os.rename(olds.pop(), target)
    temps = [p for p in found if p.name.startswith(f".{target.name}.tmp-")]
    for stale in olds + [p for p in temps if _abandoned(p)]:
        shutil.rmtree(stale, ignore_errors=True)


@contextmanager
def swap_lock(target: Path) -> Iterator[None]:
    """Hold while recovering or swapping `target`: flock on its parent folder, so a run's
    recovery never undoes another run's swap half-way."""
    with lock(Path(target).parent, exclusive=True):
        yield


def recover_now(target: Path) -> None:
    """`recover` under `swap_lock`: what a run does before it builds `target` again."""
    with swap_lock(target):
        recover(target)


def swap_in(new: Path, target: Path) -> None:
    """`replace_dir` under `swap_lock`."""
    with swap_lock(target):
        replace_dir(new, target)


_SWAP_TEMP = re.compile(r"\.([^/]+)\.(?:tmp|old)-[^/]*(?:/.*)?$")
_FIXES = {
    errno.ENOSPC: ("the disk is full", "free some space, then run the command again"),
    errno.EDQUOT: ("the disk quota is used up", "free some space, then run the command again"),
    errno.EROFS: ("the file system is read-only", "make it writable, or copy the dossier to a writable folder"),
    errno.EACCES: ("permission denied", "make the folder writable for you (chmod u+w), then run again"),
    errno.EPERM: ("permission denied", "make the folder writable for you (chmod u+w), then run again"),
    errno.EBUSY: ("it is in use or a mount point", "stop what uses it, or build into a folder that is not a "
                                                  "mount point, then run again"),
}


def os_problem(err: OSError, root: Path) -> str:
    """One line for a failed file operation: the folder (relative to `root`), what went wrong,
    and what to do; nothing was half-written (every write goes to a temp folder first)."""
    where = "the dossier folder"
    if err.filename:
        try:
            where = Path(os.path.relpath(os.path.abspath(err.filename), os.path.abspath(root))).as_posix()
        except ValueError:
            where = os.fspath(err.filename)
        swap = _SWAP_TEMP.search(where)  # inside a tree built beside its target: name the target
        where = where[:swap.start()] + swap.group(1) + "/" if swap else where
        where += "/" if not where.endswith("/") and os.path.isdir(err.filename) else ""
    what, fix = _FIXES.get(err.errno, (err.strerror or str(err), "check the folder, then run again"))
    return f"{where}: cannot write: {what} ({fix}); the records and the site stay as they were"


def stays_in(path: Path, folder: Path) -> bool:
    """Whether `path`, links resolved, lies inside `folder` (a link loop or an error: no)."""
    try:
        return Path(path).resolve().is_relative_to(Path(folder).resolve())
    except (OSError, RuntimeError):
        return False
