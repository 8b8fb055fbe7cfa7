"""Which helper processes (dbt's worker, GE's process) a block of a test started."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
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
