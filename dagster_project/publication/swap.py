"""Put a finished file or folder in place in one step, so readers see old or new, never half.

A file is `os.replace`d: on Linux a rename is atomic, and a reader that already opened the
old file keeps its inode until it closes it. A folder cannot be renamed over a non-empty
one, so the new folder is exchanged with the old one by `renameat2(RENAME_EXCHANGE)` (one
atomic step); where that call does not exist the old folder is first moved aside and put
back if the second rename fails.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2


def fsync_path(path: Path) -> None:
    """Flush a file's (or a folder's entries') data to disk before it is renamed into use."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_file(new: Path, target: Path) -> None:
    fsync_path(new)
    os.replace(new, target)
    fsync_path(target.parent)


def exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths; False when the platform cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    if result != 0:
        errno = ctypes.get_errno()
        if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: filesystem cannot
            return False
        raise OSError(errno, os.strerror(errno), str(a))
    return True


def replace_folder(new: Path, target: Path) -> None:
    """Make `new` become `target`; the previous `target` is deleted only once replaced."""
    if not target.exists():
        os.replace(new, target)
        fsync_path(target.parent)
        return
    if exchange(new, target):
        fsync_path(target.parent)
        shutil.rmtree(new)  # `new` now holds the previous folder
        return
    aside = target.with_name(f".{target.name}.previous")
    shutil.rmtree(aside, ignore_errors=True)
    os.replace(target, aside)
    try:
        os.replace(new, target)
    except OSError:
        with contextlib.suppress(OSError):
            os.replace(aside, target)
        raise
    fsync_path(target.parent)
    shutil.rmtree(aside, ignore_errors=True)
