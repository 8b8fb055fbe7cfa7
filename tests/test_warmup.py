"""The run's work ahead (dagster_project/warmup.py): started once, at `begin`; waited for
by whoever needs it; its failure reported by the caller's own call, not swallowed twice."""

from __future__ import annotations

import threading
import time

from dagster_project import warmup


def test_a_task_starts_at_begin_runs_once_and_is_waited_for() -> None:
    ran: list[str] = []
    started = threading.Event()

    def slow() -> None:
        started.set()
        time.sleep(0.3)
        ran.append(threading.current_thread().name)

    warmup.later("test-slow", slow)
    assert not started.wait(0.1)  # registered, not started
    warmup.begin()
    warmup.begin()  # a second build of the run starts nothing again
    assert started.wait(5)
    warmup.ready("test-slow")  # waits: the work is done when it returns
    assert ran == ["warmup-test-slow"]
    warmup.ready("test-slow")
    warmup.ready("never-registered")  # nothing to wait for


def test_a_task_may_call_what_waits_for_it() -> None:
    """`all_rules()` waits for the task `rules`, and the task is `all_rules`."""
    done = threading.Event()

    def task() -> None:
        warmup.ready("test-self")  # must not wait for itself
        done.set()

    warmup.later("test-self", task)
    warmup.begin()
    warmup.ready("test-self")
    assert done.is_set()


def test_a_failing_task_leaves_the_work_to_the_caller() -> None:
    def broken() -> None:
        raise RuntimeError("boom")

    warmup.later("test-broken", broken)
    warmup.begin()
    warmup.ready("test-broken")  # no error here: the caller's own call reports it


def test_forget_drops_what_has_not_started() -> None:
    ran: list[int] = []
    warmup.later("test-forgotten", lambda: ran.append(1))
    warmup.forget()
    warmup.begin()
    warmup.ready("test-forgotten")
    assert ran == []
