"""dbt's builds in a process of their own, beside the run's.

A run's Python is one interpreter lock shared by dbt (compiling, materialising, firing
events) and Dagster (storing every event dbt's results become). In one process they took
turns on one core of two while the run used 1.1 cores (docs/benchmarks.md, sixth session).
Here dbt runs in a worker process on the same prepared manifest (`dbt_build`, nothing
parsed at run time), and sends each node's result event to the run as a line of JSON;
dagster-dbt turns it into materialisations and check results as before.

`cla run` starts the worker when the command starts (`keep_warm`), so dbt's imports and
the manifest are read while the run lands its files, and one worker serves both of the
run's dbt steps and its docs page; a run the daemon launches gets one the same way when its
resources start (`run_processes`, which a run of a few assets from the UI gets too when
it builds dbt models). Elsewhere (tools, tests of a build alone) each build starts one.
A build nothing was compiled ahead for compiles first, through the compiles earlier runs
kept (`compiled_cache`).

The protocol (stdin and stdout, one JSON object per line): the run sends
`{"build": {...}}`; the worker answers `{"event": ...}` per node, then
`{"done": {"error": null | "<message naming nodes, never values>"}}`. dbt's own lines
(what it prints) go to the worker's stderr, which the run copies into its run log, where
they went before. The worker exits when its stdin closes, at once if a build is running:
a run that dies (killed, out of memory) never leaves dbt writing the warehouse.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from dagster_project import process as lifecycle
from dagster_project import warmup
from dagster_project.transform.dbt_build import THREADS, DbtBuildError

# exit status of a worker whose run went away mid-build
ORPHANED = 70


class DbtWorker:
    """The run's side of one worker process."""

    def __init__(self) -> None:
        from dagster_project.transform.dbt_build import parsed_manifest_path

        # the worker reads the project's parsed manifest as soon as it starts
        self.parsed = parsed_manifest_path()
        command = [sys.executable, "-m", "dagster_project.transform.dbt_worker", str(self.parsed)]
        # the worker's temporary folder is this process's, wherever TMPDIR pointed since
        self.tmp = Path(tempfile.mkdtemp(prefix="cla-dbt-worker-"))
        self.process = subprocess.Popen(
            command,
            env={**os.environ, "TMPDIR": str(self.tmp)},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            bufsize=1,
        )
        self._lines_to: IO[str] = sys.stderr
        self.busy = threading.Lock()  # held by the build or docs using a kept worker
        self._copying = threading.Thread(target=self._copy_lines, name="dbt-lines", daemon=True)
        self._copying.start()

    def _copy_lines(self) -> None:
        """dbt's printed lines, into the stream of the build running (the run log)."""
        assert self.process.stderr is not None
        for line in self.process.stderr:
            with contextlib.suppress(ValueError, OSError):  # a closed run log: dropped
                self._lines_to.write(line)

    def alive(self) -> bool:
        return self.process.poll() is None

    def build(
        self,
        args: list[str],
        warehouse: Path,
        run_target: Path,
        dbt_vars: dict[str, object],
        threads: int = THREADS,
    ) -> Iterator[dict[str, Any]]:
        """One `dbt <args>`: each node's result event, then DbtBuildError if dbt failed."""
        request = {"args": args, "threads": threads}
        self._ask("build", args[0], request, warehouse, run_target, dbt_vars)
        yield from self._answer(args[0])

    def prepare(self, args: list[str], warehouse: Path, dbt_vars: dict[str, object]) -> None:
        """Ask the worker to compile `dbt build <args>` now, before the build is asked for
        (no answer: a build that finds nothing prepared compiles itself)."""
        request = {"args": args, "threads": THREADS}
        self._ask("prepare", "compile", request, warehouse, warehouse.parent, dbt_vars)

    def docs(
        self,
        warehouse: Path,
        run_target: Path,
        dbt_vars: dict[str, object],
    ) -> PendingDocs:
        """Start `dbt docs generate --static` of `warehouse` (read-only) into `run_target`;
        the page is the answer's (`PendingDocs.page`)."""
        self._ask("docs", "docs", {}, warehouse, run_target, dbt_vars)
        return PendingDocs(self)

    def _ask(
        self,
        kind: str,
        command: str,
        request: dict[str, Any],
        warehouse: Path,
        run_target: Path,
        dbt_vars: dict[str, object],
    ) -> None:
        assert self.process.stdin is not None
        self._lines_to = sys.stdout  # the run log while a run redirects it
        request = {
            **request,
            "warehouse": str(warehouse),
            "run_target": str(run_target),
            "vars": dbt_vars,
            "parsed": str(self.parsed),
        }
        try:
            self.process.stdin.write(json.dumps({kind: request}) + "\n")
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            raise DbtBuildError(f"dbt {command} stopped: the dbt worker had exited") from None

    def _answer(self, command: str) -> Iterator[dict[str, Any]]:
        """The events of the request asked, until its `done`; DbtBuildError for its error.
        Returns the `done` message."""
        assert self.process.stdout is not None
        finished = False
        try:
            for line in self.process.stdout:
                message = json.loads(line)
                if "event" in message:
                    yield message["event"]
                elif "done" in message:
                    finished = True
                    if message["done"]["error"]:
                        raise DbtBuildError(message["done"]["error"])
                    return message["done"]
        finally:
            if not finished:  # the caller stopped reading, or the worker died: never reused
                self.process.kill()
        code = self.process.wait()
        raise DbtBuildError(f"dbt {command} stopped: the dbt worker exited ({code})")

    def close(self) -> None:
        """End the worker: its stdin closes, it exits; killed if it does not."""
        lifecycle.end_child(self.process, self._copying)
        self._remove_scratch()

    def _remove_scratch(self) -> None:
        """The ended worker's temporary folder: empty unless it was killed outright."""
        shutil.rmtree(self.tmp, ignore_errors=True)


class PendingDocs:
    """dbt's docs page being written by a worker while the run does other work."""

    def __init__(self, worker: DbtWorker) -> None:
        self._worker = worker
        self._page: Path | None = None
        self._error: DbtBuildError | None = None
        self._answered = False

    def page(self) -> Path:
        """Wait for the page; DbtBuildError if dbt could not write it."""
        if not self._answered:
            self._answered = True
            try:
                done: dict[str, Any] = _result_of(self._worker._answer("docs"))
                self._page = Path(done["page"])
            except DbtBuildError as exc:
                self._error = exc
        if self._error is not None:
            raise self._error
        assert self._page is not None
        return self._page


def _result_of(answer: Iterator[dict[str, Any]]) -> Any:
    """The return value of an answer that has no events."""
    try:
        while True:
            next(answer)
    except StopIteration as stop:
        return stop.value


_warm: list[DbtWorker] = []
_POOL = threading.Lock()


def keep_warm() -> bool:
    """Start a worker now for this process's next builds (`cla run`, `run_processes`);
    False when one is kept already (whoever started it ends it)."""
    with _POOL:
        if _warm and _warm[0].alive():
            return False
        dead, _warm[:] = list(_warm), [DbtWorker()]
    for worker in dead:  # its build said why it ended; its pipes and folder go now
        worker.close()
    return True


def prepare(builds: list[list[str]], warehouse: Path, dbt_vars: dict[str, object]) -> None:
    """The kept worker compiles these builds while the run starts (`cla run`)."""
    with _POOL:
        worker = _warm[0] if _warm and _warm[0].alive() else None
    if worker is None:
        return
    for args in builds:
        with contextlib.suppress(DbtBuildError):  # a worker gone: the build will say so
            worker.prepare(args, warehouse, dbt_vars)


def stop_warm() -> None:
    """End the kept worker (the run is over)."""
    with _POOL:
        workers, _warm[:] = list(_warm), []
    for worker in workers:
        worker.close()


@contextlib.contextmanager
def _worker() -> Iterator[DbtWorker]:
    """The kept worker if there is one and no other build is using it (kept for the next
    request), else one of its own (ended after). The first request starts the run's work
    ahead (`warmup`): from now on this process mostly waits for dbt's events."""
    with _POOL:
        kept = _warm[0] if _warm and _warm[0].alive() else None
        if kept is not None and not kept.busy.acquire(blocking=False):
            kept = None  # another run of this process is using it: one of this build's own
    warmup.begin()
    worker = kept or DbtWorker()
    try:
        yield worker
    finally:
        if kept is None:
            worker.close()
        else:
            kept.busy.release()


def build_events(
    args: list[str],
    warehouse: Path,
    run_target: Path,
    dbt_vars: dict[str, object],
    threads: int = THREADS,
) -> Iterator[dict[str, Any]]:
    """`DbtWorker.build` on the run's worker."""
    with _worker() as worker:
        yield from worker.build(args, warehouse, run_target, dbt_vars, threads)


@contextlib.contextmanager
def docs_meanwhile(
    warehouse: Path, run_target: Path, dbt_vars: dict[str, object]
) -> Iterator[PendingDocs]:
    """dbt's static docs of `warehouse`, written by the run's worker while the caller
    goes on; `PendingDocs.page()` waits for it. The worker's answer is always read."""
    with _worker() as worker:
        pending = worker.docs(warehouse, run_target, dbt_vars)
        try:
            yield pending
        finally:
            with contextlib.suppress(DbtBuildError):
                pending.page()


def _compiled_mode() -> bool:
    """Builds run as compiled unless `CLA_DBT_BUILD=dbt` asks for dbt's own build (an
    engineer comparing the two)."""
    return os.environ.get("CLA_DBT_BUILD") != "dbt"


def _build(
    request: dict[str, Any],
    warehouse: Path,
    run_target: Path,
    source: Path,
    manifest: Any,
    ahead: Any,
) -> Iterator[dict[str, Any]]:
    """A run's build: compiled by dbt and run as compiled (`compiled_build`), unless the
    selection needs dbt's own build or `_compiled_mode` is off. `ahead`: what was
    compiled and seeded ahead for this request (`compiled_build.Ahead`), if anything."""
    from dagster_project.transform import compiled_build, dbt_build

    args, dbt_vars, threads = request["args"], request["vars"], request["threads"]
    if _compiled_mode():
        try:
            yield from compiled_build.events(
                args, warehouse, run_target, dbt_vars, threads, manifest, ahead
            )
            return
        except compiled_build.NotCompiled as why:
            print(f"dbt builds this selection itself ({why})", file=sys.stderr, flush=True)
            # compiling wrote into the manifest's nodes: dbt's build starts from the parse
            manifest = dbt_build.manifest_for(warehouse, dbt_build._parsed_manifest(source))
    yield from dbt_build.events_in_process(
        args, warehouse, run_target, dbt_vars, threads, manifest=manifest
    )


def _serve(protocol: IO[str], preloaded: Path) -> int:
    """The worker's loop: each build request in turn, until stdin closes."""
    import queue

    from dagster_project.transform import dbt_build

    requests: queue.Queue[dict[str, Any] | None] = queue.Queue()
    building = threading.Event()

    def read() -> None:
        for line in sys.stdin:
            requests.put(json.loads(line))
        if building.is_set():  # the run went away mid-build: stop writing its warehouse
            from dagster_project.transform.compiled_build import discard_scratch

            discard_scratch()  # no exit handlers run: nothing of a compile ahead is left
            os._exit(ORPHANED)
        requests.put(None)

    from dagster_project.transform import compiled_build, compiled_cache

    def read_parse(source: Path) -> tuple[Any, str]:
        """The parse's manifest, and the digest of the very bytes it was read from."""
        data = source.read_bytes()
        return dbt_build.manifest_from(data), compiled_cache.digest(data)

    threading.Thread(target=read, name="requests", daemon=True).start()
    ahead = None
    if preloaded.is_file():
        # read while the run lands its files; used by the first request if it names the same
        ahead = (preloaded, *read_parse(preloaded))
    for module in ("dbt.cli.main", "dbt.adapters.duckdb"):
        importlib.import_module(module)

    def send(message: dict[str, Any]) -> None:
        protocol.write(json.dumps(message) + "\n")
        protocol.flush()

    # compiled builds share one manifest per parse and warehouse (compiling a node again
    # renders it afresh); dbt's own build and docs read the parse again each time
    shared: dict[tuple[Path, str], tuple[Any, str]] = {}
    prepared: dict[str, Any] = {}  # compiled_build.Ahead by ahead_key

    def manifest_of(source: Path, warehouse: Path, fresh: bool) -> tuple[Any, str]:
        """The manifest for a build of `warehouse`, and its parse's digest."""
        nonlocal ahead
        if not fresh and (source, warehouse.stem) in shared:
            return shared[(source, warehouse.stem)]
        if ahead is not None and ahead[0] == source:
            (_, parsed, parse), ahead = ahead, None
        else:
            parsed, parse = read_parse(source)
        manifest = dbt_build.manifest_for(warehouse, parsed=parsed), parse
        if not fresh:
            shared[(source, warehouse.stem)] = manifest
        return manifest

    def compile_ahead(request: dict[str, Any], source: Path, warehouse: Path) -> Any:
        """`compiled_build.compile_ahead` of a build request, through the kept compiles
        (`compiled_cache`); None when not compiled mode or when it failed (the build then
        compiles itself and meets, and reports, the failure)."""
        if not _compiled_mode():
            return None
        with contextlib.suppress(Exception):
            manifest, parse = manifest_of(source, warehouse, fresh=False)
            args, dbt_vars = request["args"], request["vars"]
            kept = compiled_cache.entry(source, parse, args, warehouse.stem, dbt_vars)
            return compiled_build.compile_ahead(
                args, warehouse.stem, dbt_vars, request["threads"], manifest, kept
            )
        return None

    while (message := requests.get()) is not None:
        kind, request = next(iter(message.items()))
        building.set()
        warehouse, source = Path(request["warehouse"]), Path(request["parsed"])
        run_target = Path(request["run_target"])
        key = compiled_build.ahead_key(request.get("args", []), warehouse.stem, request["vars"])
        if kind == "prepare":
            # no answer: a failure here is the build's to meet and report
            if (early := compile_ahead(request, source, warehouse)) is not None:
                prepared[key] = early
            building.clear()
            continue
        done: dict[str, Any] = {"error": None}
        try:
            manifest, _ = manifest_of(
                source, warehouse, fresh=kind == "docs" or not _compiled_mode()
            )
            if kind == "docs":
                page = dbt_build.static_docs(
                    warehouse,
                    run_target,
                    request["vars"],
                    manifest,
                    source.with_name("manifest.json"),
                )
                done["page"] = str(page)
            else:
                # nothing prepared (a run the daemon or the UI launched: no `cla run` asked
                # ahead): compiled now, or read from an earlier run's kept compile
                early = prepared.pop(key, None) or compile_ahead(request, source, warehouse)
                for event in _build(request, warehouse, run_target, source, manifest, early):
                    send({"event": event})
        except DbtBuildError as exc:
            done["error"] = str(exc)
        except Exception as exc:  # named by type only: a message can quote a row
            done["error"] = f"dbt {kind} stopped: {type(exc).__name__}"
        building.clear()  # before the answer: the run may close the pipe once it has it
        send({"done": done})
    return 0


def main() -> int:
    """The worker process: the protocol on the original stdout; everything printed (dbt's
    lines) on stderr."""
    protocol = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    with contextlib.suppress(BrokenPipeError):
        return _serve(protocol, Path(sys.argv[1]))
    return ORPHANED


if __name__ == "__main__":
    lifecycle.start()
    lifecycle.end(main())
