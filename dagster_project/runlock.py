"""One run at a time per warehouse and per publication folder.

DuckDB locks its file per connection, and a run opens and closes many: two runs on the same
warehouse would interleave their steps (one run's dbt reading the other's landing), and two
runs on one publication folder would swap in each other's files. So a run holds, for its
whole length, a lock file beside the warehouse (`cla.duckdb.lock`) and one in the
publication folder (`.cla-run.lock`).

The lock is a `flock` on the file, which the kernel drops when the holding process dies
(killed, crashed, machine rebooted), so a dead holder never blocks the next run. The file
also holds who has it (run id, pid, host, start time, never anything from the data) so a
refused run can say which run holds it; a file still holding a holder when its lock is free
was left by a run that died, and is taken over with a message.

A lock is re-entrant within one process for the same run id: `cla run` takes both locks
before it starts the Dagster run, and the run's own resources (which also lock when the
run is started from the Dagster UI or schedule) find them already held for that run.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import json
import os
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PUBLISH_LOCK_NAME = ".cla-run.lock"
POLL_SECONDS = 1.0


def warehouse_lock_path(warehouse: Path | str) -> Path:
    path = Path(warehouse).resolve()
    return path.with_name(path.name + ".lock")


def publish_lock_path(publish_dir: Path | str) -> Path:
    return Path(publish_dir).resolve() / PUBLISH_LOCK_NAME


@dataclass(frozen=True)
class Holder:
    run_id: str
    pid: int
    host: str
    started_at: str

    def describe(self) -> str:
        return f"run {self.run_id} (pid {self.pid} on {self.host}, since {self.started_at})"

    @classmethod
    def parse(cls, text: str) -> Holder | None:
        try:
            raw = json.loads(text)
            return cls(
                str(raw["run_id"]), int(raw["pid"]), str(raw["host"]), str(raw["started_at"])
            )
        except (ValueError, KeyError, TypeError):
            return None


class LockHeldError(RuntimeError):
    """Another run holds the lock: this run must not start."""

    def __init__(self, path: Path, holder: Holder | None) -> None:
        self.path = path
        self.holder = holder
        who = holder.describe() if holder else "another run (holder unknown)"
        super().__init__(
            f"{path} is held by {who}: only one run at a time may use this "
            "warehouse or publication folder. This run was refused and changed nothing; "
            "run it again when that run has finished."
        )


def _read(fd: int) -> str:
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while chunk := os.read(fd, 4096):
        chunks.append(chunk)
        if sum(len(c) for c in chunks) > 65536:
            break
    return b"".join(chunks).decode("utf-8", errors="replace")


def _holder_of(fd: int) -> Holder | None:
    """The holder named in a lock file another process has locked. A run that has just
    taken the lock writes its name a moment later (after emptying what a dead holder left),
    so a name that is missing, or of a process no longer alive here, is read again for up
    to a second before the refusal says "holder unknown"."""
    holder = None
    for _ in range(50):
        holder = Holder.parse(_read(fd))
        if holder is not None and (holder.host != socket.gethostname() or _alive(holder.pid)):
            return holder
        time.sleep(0.02)
    return holder


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class RunLock:
    """A held lock file; `release()` removes it."""

    def __init__(self, path: Path, run_id: str, fd: int, recovered: Holder | None) -> None:
        self.path = path
        self.run_id = run_id
        self._fd = fd
        self.recovered = recovered  # the dead holder whose lock this run took over
        self.count = 1

    @property
    def message(self) -> str | None:
        if self.recovered is None:
            return None
        return (
            f"recovered a stale lock {self.path}: {self.recovered.describe()} is no longer "
            "running (it died without finishing)"
        )

    def release(self) -> None:
        self.count -= 1
        if self.count > 0 or self._fd < 0:
            return
        # Unlink while still holding the lock: a run that opened the old file retries on
        # the new one (it checks the path still names the file it locked).
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)
        os.close(self._fd)
        self._fd = -1
        _HELD.pop(str(self.path), None)


_HELD: dict[str, RunLock] = {}


def _try_lock(path: Path, run_id: str) -> RunLock:
    """Take the lock once, or raise LockHeldError naming the holder."""
    held = _HELD.get(str(path))
    if held is not None:
        if held.run_id == run_id:
            held.count += 1
            return held
        raise LockHeldError(path, Holder.parse(_read(held._fd)))
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                holder = _holder_of(fd)
                os.close(fd)
                raise LockHeldError(path, holder) from None
            os.close(fd)
            raise
        try:
            same = os.stat(path, follow_symlinks=False)
        except FileNotFoundError:
            os.close(fd)
            continue
        mine = os.fstat(fd)
        if (same.st_dev, same.st_ino) != (mine.st_dev, mine.st_ino):
            os.close(fd)  # the previous holder removed it as we opened it: lock the new one
            continue
        previous = _read(fd)
        recovered = Holder.parse(previous) if previous.strip() else None
        holder = {
            "run_id": run_id,
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, (json.dumps(holder) + "\n").encode())
        os.fsync(fd)
        os.fchmod(fd, 0o600)
        lock = RunLock(path, run_id, fd, recovered)
        _HELD[str(path)] = lock
        return lock


def acquire(path: Path, run_id: str, wait_seconds: float = 0.0) -> RunLock:
    """Take the lock at `path` for `run_id`, waiting up to `wait_seconds` for a holder."""
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return _try_lock(path, run_id)
        except LockHeldError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(POLL_SECONDS)


@contextlib.contextmanager
def hold(paths: list[Path], run_id: str, wait_seconds: float = 0.0) -> Iterator[list[str]]:
    """Hold every lock in `paths` (in that order) for the block; yields stale-lock messages.

    Nothing is held when this raises: locks already taken are released first.
    """
    taken: list[RunLock] = []
    try:
        for path in paths:
            taken.append(acquire(path, run_id, wait_seconds))
        yield [lock.message for lock in taken if lock.message and lock.count == 1]
    finally:
        for lock in reversed(taken):
            lock.release()


def run_lock_paths(warehouse: Path | str, publish_dir: Path | str | None) -> list[Path]:
    """The locks of a run, always in this order (warehouse, then publication folder)."""
    paths = [warehouse_lock_path(warehouse)]
    if publish_dir:
        paths.append(publish_lock_path(publish_dir))
    return paths
