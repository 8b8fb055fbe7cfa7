"""How a `cla` process ends once its work is done: its exit handlers, then no teardown.

When `cla run` returns, its files are written and closed, its locks released and its
threads finished. What is left is the interpreter's teardown, whose last cycle collection
traverses every object the run's imports and work left behind (Dagster, dbt, Great
Expectations, pandas): ~2 s of a Harrow-sized run, and ~0.7 s more in dbt's worker, which
the run waits for (docs/benchmarks.md, eighth session). Freezing the heap instead skips the
collection but makes DuckDB's bindings report every object not freed on stderr.

`end(status)` runs what a normal exit runs that has an effect outside the process (the
`atexit` handlers: temporary folders removed, log handlers flushed and closed, file locks
released, dbt's connections closed), flushes the standard streams, then ends the process.
While a thread other than daemons is still running it exits normally instead, so nothing
that thread was doing is cut short.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import threading
from typing import NoReturn


def end(status: int) -> NoReturn:
    """End the process with `status`; see the module's docstring."""
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
