"""Work a run does ahead, on a thread, while its interpreter would otherwise wait.

While dbt builds in its worker process (`transform/dbt_worker.py`), the run's own process
only stores the events dbt sends. `cla run` uses that time to load what the quality gate
needs next: the ~350 DfE rule modules, and the modules of the record errors, the gate and
the report with pandas and openpyxl (`run_processes.load_while_dbt_builds`; Great
Expectations loads in a process of its own,
`quality/gx_process.py`: it took the interpreter from those events). A task
registered with `later` starts when dbt's first build starts (`begin`; `cla validate`
begins its own at once: the rules load while DuckDB reads the files); whoever needs its
result calls `ready` first, which waits for the task if it is running, so the work is
never done twice nor raced. A task that fails is ignored here: the caller's own call
(an import, `all_rules()`) then does the work and reports the error where it belongs.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

_later: dict[str, Callable[[], object]] = {}
_running: dict[str, threading.Thread] = {}
_LOCK = threading.Lock()


def later(name: str, task: Callable[[], object]) -> None:
    """Register `task` to run on a thread of its own at `begin`."""
    with _LOCK:
        if name not in _running:
            _later[name] = task


def forget() -> None:
    """Drop the tasks not started (the run is over)."""
    with _LOCK:
        _later.clear()


def begin() -> None:
    """Start every registered task (once each)."""
    with _LOCK:
        for name, task in _later.items():
            _running[name] = threading.Thread(
                target=_quietly, args=(task,), name=f"warmup-{name}", daemon=True
            )
            _running[name].start()
        _later.clear()


def ready(name: str) -> None:
    """Wait for the task `name` if it was started (not from within the task itself)."""
    thread = _running.get(name)
    if thread is not None and thread is not threading.current_thread():
        thread.join()


def _quietly(task: Callable[[], object]) -> None:
    with contextlib.suppress(Exception):
        task()
