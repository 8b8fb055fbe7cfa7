"""The working warehouse: one DuckDB file, one writer at a time.

DuckDB allows a single writing process per file, and a reader opened while a writer holds
the file fails ("Conflicting lock is held"). Dagster is the only writer of the working
warehouse and runs its DuckDB steps one at a time (in-process executor); analysts read the
separately published file. Every write goes through `connect()` so that rule lives here.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
from dagster import ConfigurableResource, InitResourceContext

from dagster_project import permissions, runlock
from dagster_project.settings import MEMORY_LIMIT  # the one definition (also dbt's cap)

LOCK_RETRY_SECONDS = 30.0


@contextmanager
def connect(path: Path | str, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the warehouse, waiting briefly if another process holds the lock."""
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + LOCK_RETRY_SECONDS
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            con.execute(f"set memory_limit = '{MEMORY_LIMIT}'")
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise
            time.sleep(0.5)
    try:
        yield con
    finally:
        con.close()


class WarehouseResource(ConfigurableResource):
    """Dagster resource naming the working warehouse file.

    For the whole run that uses it, the run holds the warehouse's run lock (`runlock`), so
    a run started from the Dagster UI or schedule never interleaves with another run on the
    same file (`cla run` takes the same lock before it starts the run), and files the run
    creates are private (umask 077: `permissions`).
    """

    path: str

    @contextmanager
    def yield_for_execution(self, context: InitResourceContext) -> Iterator[WarehouseResource]:
        with (
            permissions.umask_private(),
            runlock.hold([runlock.warehouse_lock_path(self.path)], context.run_id) as notes,
        ):
            for note in notes:
                context.log.warning(note)
            yield self

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        with connect(self.path, read_only=read_only) as con:
            yield con
