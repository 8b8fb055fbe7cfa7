"""Great Expectations in a process of its own, for `cla run`.

Why: GE is Python from end to end. In the run's own process its import (~2.3 s) and its
validations (~2.7 s of a Harrow-sized run) took the interpreter lock from the work beside
them: Dagster storing dbt's events while dbt builds (the run's busiest stretch), and the
DfE rules during the gate (docs/benchmarks.md, tenth session). Here GE is imported by a
process started when `cla run` starts, on the core the run's imports leave idle, and
validates there while the run's process runs the rules.

The warehouse stays the run's alone (DuckDB lets one process write a file, and the gate
writes): the run reads each suite's rows from it as Arrow batches, exactly as GE's own
thread did (`gx_runner._chunks`), and sends them over a pipe (`send`: the batch's Arrow
buffers out of band, written as they are); the process answers with the failing rows as
findings. One request at a time, so one chunk is in memory at once on
either side (`gx_chunk_rows`). Nothing is written to disk; what crosses the pipe stays
between the two processes. The run's process reads every answer: if GE fails, or its
process dies (the OOM killer, a kill), the gate fails with the reason (GxProcessError),
never with fewer findings.

A run the daemon launches (or the UI, when it runs the gate) gets the process when its
resources start (`run_processes`); elsewhere (tests of the gate alone, tools) GE validates
in the caller's own process (`gx_runner.GxRunner`).
`python -m dagster_project.quality.gx_process` is the process; `keep_warm`, `current` and
`stop_warm` are the run's side.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pickle
import subprocess
import sys
import threading
from typing import IO, TYPE_CHECKING, Any

from dagster_project import process as lifecycle

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from dagster_project.quality.gx_runner import GxRunner, SuiteFile


# the request pipe's capacity: a chunk (~50 MB at 200,000 rows of a wide raw table) crosses
# in half the time of Linux's default 64 KiB, which woke the two processes 16 times as
# often (1 MiB is /proc/sys/fs/pipe-max-size's default, what a process may ask for)
PIPE_BYTES = 1 << 20


def send(message: object, stream: IO[bytes]) -> None:
    """Pickle `message` with its Arrow buffers out of band, written to `stream` as they
    are: the chunk's columns are not copied into a pickle first."""
    buffers: list[pickle.PickleBuffer] = []
    body = pickle.dumps(message, protocol=5, buffer_callback=buffers.append)
    views = [buffer.raw() for buffer in buffers]
    pickle.dump((body, [view.nbytes for view in views]), stream, protocol=5)
    for view in views:
        stream.write(view)
    stream.flush()


def receive(stream: IO[bytes]) -> Any:
    """The next message `send` wrote; EOFError at the end of the stream, or within a
    message (the writer died)."""
    body, sizes = pickle.load(stream)
    buffers = []
    for size in sizes:
        buffer = bytearray(size)
        view, filled = memoryview(buffer), 0
        while filled < size:
            read = stream.readinto(view[filled:])  # type: ignore[attr-defined]
            if not read:
                raise EOFError("the message ended early")
            filled += read
        buffers.append(buffer)
    return pickle.loads(body, buffers=buffers)


# GE's import's scheduling priority below the run's (Linux: about a tenth of a core's share
# when the three processes want both cores): the gate is minutes away, and the run's own
# process and dbt's worker come first for the cores while the run starts
NICENESS = 10


class GxProcessError(RuntimeError):
    """Great Expectations failed, or its process ended, before answering."""


class GxProcess:
    """The run's side of GE's process: `failing_rows` is a `gx_runner.Validate`."""

    def __init__(self) -> None:
        command = [sys.executable, "-m", "dagster_project.quality.gx_process"]
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        assert self.process.stdin is not None
        with contextlib.suppress(OSError):  # a smaller pipe is slower, not wrong
            fcntl.fcntl(self.process.stdin.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        self._lock = threading.Lock()
        self._asked = False
        self._copying = threading.Thread(target=self._copy_lines, name="gx-lines", daemon=True)
        self._copying.start()

    def _copy_lines(self) -> None:
        """GE's warnings to this process's stderr (the run log while a run redirects it)."""
        assert self.process.stderr is not None
        for line in self.process.stderr:
            with contextlib.suppress(ValueError, OSError):  # a closed run log: dropped
                sys.stderr.write(line.decode("utf-8", errors="replace"))

    def failing_rows(
        self,
        suite: SuiteFile,
        check: str,
        chunk: pa.RecordBatch | pd.DataFrame,
        severity_of: dict[str, str],
    ) -> list[dict[str, object]]:
        """GE's findings for one chunk of `suite`'s rows, found in GE's process."""
        assert self.process.stdin is not None and self.process.stdout is not None
        with self._lock:
            self._asked = True
            try:
                send((suite, check, chunk, severity_of), self.process.stdin)
                status, answer = receive(self.process.stdout)
            except (BrokenPipeError, EOFError, OSError, pickle.UnpicklingError):
                self.process.kill()
                code = self.process.wait()
                raise GxProcessError(
                    f"Great Expectations' process exited ({code}) while validating "
                    f"{suite.path.name}"
                ) from None
        if status != "ok":
            raise GxProcessError(f"{suite.path.name}: {answer}")
        return answer  # type: ignore[no-any-return]

    def close(self) -> None:
        """End the process: its stdin closes, it exits; killed if it does not, or at once
        if it was never asked anything (a run refused before its gate: nothing to wait for
        while GE loads)."""
        if not self._asked:
            self.process.kill()
        lifecycle.end_child(self.process, self._copying)


_warm: list[GxProcess] = []
_POOL = threading.Lock()


def keep_warm() -> bool:
    """Start GE's process now, for this run's gate (`cla run`, `run_processes`); False when
    one is kept already (whoever started it ends it)."""
    with _POOL:
        if _warm:
            return False
        _warm.append(GxProcess())
        return True


def current() -> GxProcess | None:
    """The run's GE process, if `cla run` started one."""
    with _POOL:
        return _warm[0] if _warm else None


def stop_warm() -> None:
    """End GE's process (the run is over)."""
    with _POOL:
        processes, _warm[:] = list(_warm), []
    for child in processes:
        child.close()


def _load(loaded: list[GxRunner | str]) -> None:
    """GE and its context, behind the run's own work: this thread alone is niced (Linux
    keeps a niceness per thread; threads it starts inherit it, such as jemalloc's), so the
    validations the gate asks for later run at the run's own priority, when GE is the
    gate's longest path (docs/benchmarks.md, eleventh session)."""
    os.nice(NICENESS)
    try:
        from dagster_project.quality import gx_runner

        loaded.append(gx_runner.GxRunner())
    except Exception as exc:  # reported to the run when it asks, as GE's thread would raise
        loaded.append(f"Great Expectations could not start: {type(exc).__name__}: {exc}")


def _serve(requests: IO[bytes], answers: IO[bytes]) -> None:
    """Answer each request until the run closes the pipe. GE and its context load on a
    thread from the start, while the run starts; a failure to load is the answer to every
    request."""
    loaded: list[GxRunner | str] = []
    loader = threading.Thread(target=_load, args=(loaded,), name="gx-load", daemon=True)
    loader.start()
    while True:
        try:
            suite, check, chunk, severity_of = receive(requests)
        except EOFError:
            return
        loader.join()
        runner = loaded[0]
        if isinstance(runner, str):
            answer: tuple[str, object] = ("error", runner)
        else:
            try:
                answer = ("ok", runner.failing_rows(suite, check, chunk, severity_of))
            except Exception as exc:
                answer = ("error", f"{type(exc).__name__}: {exc}")
        send(answer, answers)


def main() -> None:
    lifecycle.start()
    # the pipe to the run is this process's own stdout: anything GE prints goes to stderr
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    _serve(sys.stdin.buffer, answers)
    answers.close()
    lifecycle.end(0)


if __name__ == "__main__":
    main()
