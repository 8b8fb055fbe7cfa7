"""Which helper processes (dbt's worker, GE's process) a block of a test started, and
whether a process has gone."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dagster_project.quality import gx_process
from dagster_project.transform import dbt_worker


@contextlib.contextmanager
def helpers_started() -> Iterator[list[Any]]:
    """The `DbtWorker`s and `GxProcess`es started within the block, in order, each started
    as it always is (recorded, not replaced)."""
    started: list[Any] = []

    def recorded(init: Callable[..., None]) -> Callable[..., None]:
        def record(self: Any) -> None:
            init(self)
            started.append(self)

        return record

    with pytest.MonkeyPatch.context() as patch:
        for kind in (dbt_worker.DbtWorker, gx_process.GxProcess):
            patch.setattr(kind, "__init__", recorded(kind.__init__))
        yield started


def gone(pid: int, seconds: float = 20.0) -> bool:
    """Whether process `pid` exits within `seconds` (a zombie not yet reaped by its new
    parent counts as gone)."""
    deadline = time.monotonic() + seconds
    stat = Path(f"/proc/{pid}/stat")
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        with contextlib.suppress(OSError):  # exited, not yet reaped by its new parent
            if stat.read_text().rsplit(")", 1)[1].split()[0] == "Z":
                return True
        time.sleep(0.1)
    return False
