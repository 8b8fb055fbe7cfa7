"""Who may read what the pipeline writes: private by default, a named group for the BI team.

Everything a run creates holds children's data or is derived from it (warehouse, marts,
findings, logs, Dagster's run storage, lock files), so it is created readable by its owner
only: files 0600, folders 0700, by a process umask of 077 (`private_umask`, set by `cla` and
by the Dagster code location) and by explicit modes where the pipeline creates a file itself.
The publication may be shared with a group (`publication.group` in config/pipeline.yaml):
its files are then 0640 and folders 0750, group-owned by that group, and nothing is ever
world-readable. See docs/security.md.
"""

from __future__ import annotations

import contextlib
import grp
import os
import stat
from collections.abc import Iterator
from pathlib import Path

PRIVATE_UMASK = 0o077
PRIVATE_FILE, PRIVATE_DIR = 0o600, 0o700
GROUP_FILE, GROUP_DIR = 0o640, 0o750


def private_umask() -> int:
    """Make files this process creates private from now on; returns the previous umask."""
    return os.umask(PRIVATE_UMASK)


@contextlib.contextmanager
def umask_private() -> Iterator[None]:
    previous = os.umask(PRIVATE_UMASK)
    try:
        yield
    finally:
        os.umask(previous)


def group_id(group: str | None) -> int | None:
    """The numeric id of `group` (a name or a number); None when no group is configured."""
    if group is None or str(group).strip() == "":
        return None
    text = str(group).strip()
    if text.isdigit():
        return int(text)
    try:
        return grp.getgrnam(text).gr_gid
    except KeyError:
        raise ValueError(
            f"publication.group {text!r} is not a group on this machine (getent group {text})"
        ) from None


def modes(group: str | None) -> tuple[int, int]:
    """(file mode, folder mode) of the publication."""
    return (GROUP_FILE, GROUP_DIR) if group_id(group) is not None else (PRIVATE_FILE, PRIVATE_DIR)


def apply(path: Path, group: str | None = None) -> None:
    """Set the publication's modes (and group) on `path` and everything under it.

    Symbolic links are left alone (their own mode means nothing on Linux).
    """
    gid = group_id(group)
    file_mode, dir_mode = modes(group)
    paths = [path, *path.rglob("*")] if path.is_dir() and not path.is_symlink() else [path]
    for item in paths:
        info = item.lstat()
        if stat.S_ISLNK(info.st_mode):
            continue
        if gid is not None and info.st_gid != gid:
            os.chown(item, -1, gid, follow_symlinks=False)
        os.chmod(item, dir_mode if stat.S_ISDIR(info.st_mode) else file_mode)


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) as private folders; an existing one keeps its mode."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    return path
