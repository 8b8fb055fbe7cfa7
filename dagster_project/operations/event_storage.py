"""Dagster's SQLite event log, with each database's connection kept open between events.

Why: a run of this pipeline records about 1,400 events (a materialisation or check result
per dbt node, each planned first). Dagster's own `SqliteEventLogStorage` creates a
SQLAlchemy engine, opens a SQLite connection, commits and closes it for every event, and
again for the cross-run index of every asset and check event: about 8,300 connections a
run. Closing the last connection of a WAL database checkpoints it to disk, so each event
paid for file syncs as well; on a small run that was about a quarter of the wall time
(docs/benchmarks.md, "Dagster's event storage").

This class stores exactly what Dagster's does, in the same files (the same schema and
layout: `<DAGSTER_HOME>/history/runs/<run_id>.db` and `index.db`, so the UI, the daemon and
runs recorded before read and write them alike). What differs is only how it connects:

- one engine per database file, kept for the process (the most recently used
  `KEPT_ENGINES`; older ones are closed), whose pooled connection stays open: Dagster
  already serialises every use of the storage with a lock, so one is in use at a time;
- `PRAGMA synchronous = NORMAL` on each connection: in WAL mode a commit is durable
  against a crash of the process, and the database cannot be corrupted; the last events
  before a power cut may be lost. Run history, not the data, is at stake (the
  publication's own files are written and synced by the publication step);
- whether the tables exist, and whether the asset key table has Dagster's index columns,
  is looked up once per process, not at every event (SQLAlchemy's reflection of a table
  was a second of a Harrow-sized run's Python, docs/benchmarks.md, sixth session);
- a batch of events Dagster hands over at once (`store_event_batch`: the ~400 events a
  run's creation plans, one per asset and check) is written in one transaction per file
  (the run's and the index), not one each: a run's creation 0.62 -> 0.44 s
  (docs/benchmarks.md, fourteenth session). Dagster hands batches over only when
  `DAGSTER_EVENT_BATCH_SIZE` is above 0, so this storage sets it (BATCH_SIZE) in any
  process that opens it, unless the environment already does (0 turns batches off). A
  write that fails rolls the batch back in both files, and Dagster then stores its events
  one by one, as without batches (only a failure between the two files' commits, a disk
  failing at that instant, could leave the run's file with the batch twice).

Configured in deploy/dagster.yaml (`event_log_storage`); `base_dir` is the instance folder
(written into the instance's copy by `operations.instance`), and the events go to its
`history/runs` folder, where Dagster's default storage puts them.

It overrides private methods of Dagster's class (`_connect`, `has_table`,
`_has_asset_key_col_on_connection`), so it is tied
to the Dagster version constraints.txt pins: tests/operations/test_event_storage.py (the
same files read by Dagster's own class, two writers, a killed writer, open files) fails on
an upgrade that changes them. Deleting the `event_log_storage` block returns to Dagster's
own class on the same files.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import sqlalchemy as db
from dagster._config import StringSource
from dagster._core.events.log import EventLogEntry
from dagster._core.storage.event_log import SqliteEventLogStorage
from dagster._core.storage.sqlite import SQLITE_BUSY_TIMEOUT_SECONDS
from dagster._serdes import ConfigurableClassData
from sqlalchemy.engine import Connection, Engine

# Engines kept open at once: the index and the runs in progress in this process (the daemon
# and the webserver live for months and see a run a night).
KEPT_ENGINES = 8

# Events Dagster gathers before handing them over as one batch (only events it sends as a
# batch: a run's planned materialisations and checks); its value of DAGSTER_EVENT_BATCH_SIZE
BATCH_SIZE = 1000


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    """WAL (Dagster sets it when it creates a file) with NORMAL syncing: see the module."""
    dbapi_connection.execute("PRAGMA synchronous = NORMAL")


class KeptOpenSqliteEventLogStorage(SqliteEventLogStorage):
    """Dagster's run-sharded SQLite event log, connecting once per database file."""

    def __init__(self, base_dir: str, inst_data: ConfigurableClassData | None = None) -> None:
        self._engines: OrderedDict[str, Engine] = OrderedDict()
        self._tables_seen: set[str] = set()
        self._asset_key_columns_seen: set[str] = set()
        # the thread writing a batch, and its connection to each file (store_event_batch)
        self._batch: tuple[int, dict[str, Connection]] | None = None
        super().__init__(base_dir, inst_data=inst_data)
        # Dagster reads it at each event: from now on it hands its batches to this storage
        os.environ.setdefault("DAGSTER_EVENT_BATCH_SIZE", str(BATCH_SIZE))

    @classmethod
    def config_type(cls) -> dict[str, Any]:
        return {"base_dir": StringSource}

    @classmethod
    def from_config_value(  # type: ignore[override]
        cls, inst_data: ConfigurableClassData | None, config_value: dict[str, Any]
    ) -> KeptOpenSqliteEventLogStorage:
        """`base_dir` is the instance folder; events live in its `history/runs`."""
        base_dir = os.path.join(config_value["base_dir"], "history", "runs", "")
        return cls(base_dir, inst_data=inst_data)

    def _engine(self, shard: str) -> Engine:
        engine = self._engines.get(shard)
        if engine is not None:
            self._engines.move_to_end(shard)
            return engine
        engine = db.create_engine(
            self.conn_string_for_shard(shard),
            # SQLAlchemy's default pool: a connection is opened when first needed and kept
            # (one, as Dagster's lock serialises every use); the watcher threads share it
            # under that lock
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS, "check_same_thread": False},
        )
        db.event.listen(engine, "connect", _on_connect)
        if shard not in self._initialized_dbs:
            self._initdb(engine)
            self._initialized_dbs.add(shard)
            engine.dispose()  # the second connection creating the tables took: one stays
        self._engines[shard] = engine
        while len(self._engines) > KEPT_ENGINES:
            _, oldest = self._engines.popitem(last=False)
            oldest.dispose()
        return engine

    @contextmanager
    def _connect(self, shard: str) -> Iterator[Connection]:
        batch = self._batch
        if batch is not None and batch[0] == threading.get_ident():
            # within store_event_batch, which holds the lock: the batch's transaction
            conn = batch[1].get(shard)
            if conn is None:
                conn = batch[1][shard] = self._engine(shard).connect()
                conn.begin()
            yield conn
            return
        with self._db_lock, self._engine(shard).connect() as conn, conn.begin():
            yield conn

    def store_event_batch(self, events: Sequence[EventLogEntry]) -> None:
        """Every event as `store_event` writes it, in one transaction per file: on an error
        before the commits, none is written (Dagster then stores them one by one)."""
        with self._db_lock:
            held: dict[str, Connection] = {}
            self._batch = (threading.get_ident(), held)
            try:
                for event in events:
                    self.store_event(event)
                for conn in held.values():
                    conn.commit()
            except BaseException:
                for conn in held.values():
                    conn.rollback()
                raise
            finally:
                self._batch = None
                for conn in held.values():
                    conn.close()

    def has_table(self, table_name: str) -> bool:
        """A table, once there, stays: ask SQLite once per process."""
        if table_name in self._tables_seen:
            return True
        found = super().has_table(table_name)
        if found:
            self._tables_seen.add(table_name)
        return found

    def _has_asset_key_col_on_connection(self, conn: Connection, column_name: str) -> bool:
        """A column of the asset key table, once there, stays (a migration only adds):
        reflected once per process, not for every asset event."""
        if column_name in self._asset_key_columns_seen:
            return True
        found = super()._has_asset_key_col_on_connection(conn, column_name)
        if found:
            self._asset_key_columns_seen.add(column_name)
        return found

    def _close_engines(self) -> None:
        with self._db_lock:
            while self._engines:
                _, engine = self._engines.popitem()
                engine.dispose()

    def wipe(self) -> None:
        self._close_engines()  # before Dagster deletes the run files under them
        self._tables_seen.clear()
        self._asset_key_columns_seen.clear()
        super().wipe()

    def upgrade(self) -> None:
        self._close_engines()
        self._tables_seen.clear()
        self._asset_key_columns_seen.clear()
        super().upgrade()

    def dispose(self) -> None:
        super().dispose()
        self._close_engines()
