"""dbt's debug events are built only when read (transform/dbt_events.py).

The events are dbt's own classes, fired through dbt's own event manager: what a logger or
callback receives must be exactly what dbt would have given it, and an event nobody reads
must never be built.
"""

from __future__ import annotations

from typing import Any

from dbt.adapters.events.types import SQLQuery, SQLQueryStatus
from dbt_common.events.base_types import EventLevel
from dbt_common.events.event_manager import EventManager
from dbt_common.events.logger import LoggerConfig
from dbt_common.events.types import Note

from dagster_project.transform.dbt_events import deferred_debug_events


def _sql_query() -> SQLQuery:
    return SQLQuery(conn_name="model.cla.episodes", sql="select 1", node_info={})


def _manager(level: EventLevel | None = None) -> tuple[EventManager, list[Any]]:
    manager = EventManager()
    received: list[Any] = []
    manager.add_callback(received.append)
    if level is not None:
        manager.add_logger(LoggerConfig(name="test", level=level))
    return manager, received


def test_outside_the_context_events_are_built_as_dbt_builds_them() -> None:
    with deferred_debug_events():
        pass
    event = _sql_query()
    assert "pb_msg" in event.__dict__
    assert event.sql == "select 1"


def test_a_debug_event_nobody_reads_is_never_built() -> None:
    manager, received = _manager(EventLevel.INFO)
    with deferred_debug_events():
        event = _sql_query()
        manager.fire_event(event)
    assert "pb_msg" not in event.__dict__
    assert received == []


def test_a_deferred_event_read_is_the_event_dbt_builds() -> None:
    expected = _sql_query()
    with deferred_debug_events():
        deferred = _sql_query()
    assert "pb_msg" not in deferred.__dict__
    assert deferred.to_dict() == expected.to_dict()
    assert deferred.message() == "On model.cla.episodes: select 1"
    # setting a field builds it first, then sets it as dbt does
    with deferred_debug_events():
        changed = _sql_query()
        changed.sql = "select 2"
    assert changed.sql == "select 2" and changed.conn_name == "model.cla.episodes"


def test_events_named_in_keep_and_other_levels_are_fired_as_before() -> None:
    manager, received = _manager(EventLevel.INFO)
    with deferred_debug_events(keep=frozenset({"SQLQueryStatus"})):
        manager.fire_event(SQLQueryStatus(status="OK", elapsed=0.1, query_id="q"))
        manager.fire_event(Note(msg="an info line"))
        manager.fire_event(_sql_query(), level=EventLevel.WARN)
    assert [m.info.name for m in received] == ["SQLQueryStatus", "Note", "SQLQuery"]
    assert [m.info.level for m in received] == ["debug", "info", "warn"]
    assert received[2].data.sql == "select 1"


def test_a_logger_that_takes_debug_lines_gets_every_debug_event() -> None:
    # `--log-level debug`: an engineer asking for dbt's debug lines gets them all
    manager, received = _manager(EventLevel.DEBUG)
    with deferred_debug_events():
        manager.fire_event(_sql_query())
    assert [m.info.name for m in received] == ["SQLQuery"]
    assert received[0].info.msg == "On model.cla.episodes: select 1"
