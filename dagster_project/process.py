"""How a `cla` process (and dbt's worker) runs its collector and ends.

Both processes hold a large heap that lives as long as they do: the imported packages
(Dagster, dbt, Great Expectations, pandas), the job's definitions, dbt's manifest.

`start()`: CPython's default collector thresholds (700, 10, 10) made a Harrow-sized run
collect ~3,400 times, 20 of them full traversals of that heap: 5.8 s of CPU over the two
processes. At (50,000, 20, 100) it collects 48 times, none of them full: 2.3 s
(docs/benchmarks.md, eighth session). Cyclic garbage is still collected with the young
generations, where nearly all of a run's garbage is made and dies; only cycles among
objects that survived two collections wait longer.

`end(status)`: when `cla run` returns, its files are written and closed, its locks released
and its threads finished. What is left is the interpreter's teardown, whose last
collection traverses the whole heap: ~2 s of a Harrow-sized run, and ~0.7 s more in dbt's
worker, which the run waits for. Freezing the heap instead skips that collection but makes
DuckDB's bindings report every object not freed on stderr. So `end` runs what a normal exit
runs that has an effect outside the process (the `atexit` handlers: temporary folders
removed, log handlers flushed and closed, file locks released, dbt's connections closed),
flushes the standard streams, then ends the process. While a thread other than daemons
is still running it exits normally instead, so nothing that thread was doing is cut short.

Only the processes' entry points call these: code run inside a test session or the Dagster
UI's processes collects and exits as Python does by default.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import os
import subprocess
import sys
import threading
from typing import NoReturn

# young collections every 50,000 net allocations; full ones only after 2,000 young ones
THRESHOLDS = (50_000, 20, 100)


def start() -> None:
    """Set the collector's thresholds for a whole process (see the module's docstring)."""
    gc.set_threshold(*THRESHOLDS)


def end(status: int) -> NoReturn:
    """End the process with `status` (see the module's docstring)."""
    others = [
        thread
        for thread in threading.enumerate()
        if thread is not threading.main_thread() and not thread.daemon
    ]
    if others:
        sys.exit(status)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # a closed or broken stream has nothing to say
            stream.flush()
    os._exit(status)


def end_child(child: subprocess.Popen, copying: threading.Thread) -> None:
    """End a worker process of the run (dbt's, GE's) whose stdin is the run: close its
    stdin, wait for it to exit (killed after 30 s), then its line-copying thread and pipes."""
    with contextlib.suppress(OSError):
        if child.stdin is not None:
            child.stdin.close()
    try:
        child.wait(timeout=30)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
    copying.join(timeout=5)
    for stream in (child.stdout, child.stderr):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()
