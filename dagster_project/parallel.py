"""Statements of one DuckDB database run on several connections at once.

Why: `cla validate`'s work is many small statements (seven files landed and typed, 200 rules
in batches), each mostly parsing and planning, which DuckDB does on one core. Run on two
connections of the same database, two are planned at once: on two cores the rules took
0.43 s instead of 0.64 s on a 25,000-episode return (docs/benchmarks.md). A connection sees
another's tables only outside the temporary schema, so rule work is shared only on a
database of its own (`RuleContext.workers`, `require_own_database`), never the warehouse,
whose rule objects stay temporary. Landing makes nothing temporary: its files land on
several connections of either (`land_source(workers=)`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

import duckdb

Job = Callable[[duckdb.DuckDBPyConnection], None]


def statement(sql: str) -> Job:
    """A job that runs one SQL statement."""

    def run(con: duckdb.DuckDBPyConnection) -> None:
        con.execute(sql)

    return run


def run_jobs(con: duckdb.DuckDBPyConnection, jobs: Sequence[Job], workers: int) -> None:
    """Run each job on a connection of `con`'s database, `workers` at a time (on `con`
    itself, in order, when one); the first job to fail raises its error here."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            job(con)
        return
    local = threading.local()
    opened: list[duckdb.DuckDBPyConnection] = []
    lock = threading.Lock()

    def run(job: Job) -> None:
        cursor = getattr(local, "cursor", None)
        if cursor is None:
            cursor = local.cursor = con.cursor()
            with lock:
                opened.append(cursor)
        job(cursor)

    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="rules")
    try:
        for _ in pool.map(run, jobs):
            pass
    finally:
        # after a failure the jobs not started are dropped; the running ones finish first
        pool.shutdown(wait=True, cancel_futures=True)
        for cursor in opened:
            cursor.close()


def require_own_database(con: duckdb.DuckDBPyConnection) -> None:
    """Refuse to share work on a database file (the warehouse): the objects several
    connections share are not temporary, so they would be written into it."""
    path = con.execute(
        "select path from duckdb_databases() where database_name = current_database()"
    ).fetchone()
    if path and path[0]:
        raise ValueError(
            "rule work is shared among connections only on an in-memory database: "
            "on a database file its tables would be written into the file"
        )
