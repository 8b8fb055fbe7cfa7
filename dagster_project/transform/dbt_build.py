"""`dbt build` in this process, on a manifest parsed once, streaming dbt's result events.

dagster-dbt runs dbt as a subprocess, which starts Python and dbt again and parses the
project on every run: the run's variables and warehouse path are part of dbt's
partial-parsing checks, so a nightly run never reused a parse (about 10 s of the 38 s a
Harrow-sized run took, docs/benchmarks.md). Here dbt runs in process (`dbtRunner`) on the
manifest `dbt parse` wrote beside `manifest.json` (`partial_parse.msgpack`, dbt's own
serialised manifest): nothing is parsed at run time. Vars are read when a model is
compiled, so one parse serves every LA and period. A run's builds and docs call this in
the run's dbt worker process (`dbt_worker.py`); tools and tests call it in their own.

The warehouse is named in a profile written into the run's target folder, never through
the process environment, so nothing here touches `os.environ`. The DuckDB file stays open
for the whole build (`keep_open`) instead of being reopened for every model, and is closed
when dbt is done, before the quality gate opens it.
"""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dagster_project.settings import DBT_PROJECT_DIR, MEMORY_LIMIT

# dbt threads: DuckDB is one process with one writer, but each model's SQL runs in DuckDB's
# own threads with the GIL released, so a few dbt threads overlap Python's per-node work
# (compiling, events) with another node's SQL. Measured in docs/benchmarks.md.
THREADS = 4
RESULT_EVENTS = frozenset({"LogSeedResult", "LogModelResult", "LogSnapshotResult", "LogTestResult"})
# one dbt invocation at a time per process: dbt's flags and adapters are global
LOCK = threading.Lock()


class DbtBuildError(RuntimeError):
    """dbt failed; the message names the failing nodes, never a value."""


def _parsed_manifest(path: Path) -> Any:
    """dbt's Manifest object from `partial_parse.msgpack`, read afresh for each build: a
    build compiles into its nodes, so one build's manifest is never another's."""
    return manifest_from(path.read_bytes())


def manifest_from(parse: bytes) -> Any:
    """dbt's Manifest object from the bytes of a `partial_parse.msgpack`."""
    from dbt.contracts.graph.manifest import Manifest

    return Manifest.from_msgpack(parse)


def manifest_for(warehouse: Path, parsed: Any = None) -> Any:
    """The parsed manifest, its relations pointed at `warehouse`'s catalog.

    dbt-duckdb names a file's catalog after its stem; the parse ran against a scratch file,
    so every node and source is renamed to this warehouse's catalog. `parsed`: a manifest
    already read (the dbt worker reads one while it waits for its build), else the
    project's is read now.
    """
    if parsed is None:
        parsed = _parsed_manifest(parsed_manifest_path())
    catalog = warehouse.stem
    for node in (*parsed.nodes.values(), *parsed.sources.values()):
        if node.database is not None:
            node.database = catalog
    parsed.build_flat_graph()
    return parsed


def parsed_manifest_path() -> Path:
    """The project's serialised parse (`partial_parse.msgpack`, `DBT_TARGET_PATH`-aware)."""
    # imported here: the dbt worker process never loads dagster-dbt
    from dagster_project.transform.project import target_path

    return target_path() / "partial_parse.msgpack"


def write_profile(
    folder: Path, warehouse: Path, threads: int = THREADS, read_only: bool = False
) -> Path:
    """A profiles.yml for this run only: the warehouse path as a literal (JSON is YAML).

    The memory cap is a setting of the database, given when dbt opens it (`config_options`),
    not a `SET` on each of the thousand cursors dbt opens in a build (`settings`).
    `read_only`: DuckDB opens the file read-only, so other processes may read it meanwhile."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (
        "cla:\n  target: run\n  outputs:\n    run:\n      type: duckdb\n"
        f"      path: {json.dumps(str(warehouse))}\n"
        f"      threads: {int(threads)}\n      keep_open: true\n"
        f"      config_options:\n        memory_limit: {json.dumps(MEMORY_LIMIT)}\n"
        + ("        access_mode: READ_ONLY\n" if read_only else "")
    )
    (folder / "profiles.yml").write_text(text, encoding="utf-8")
    return folder


def close_duckdb() -> None:
    """Close the DuckDB file dbt-duckdb keeps open for the process (keep_open)."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    env = DuckDBConnectionManager._ENV
    if env is not None:
        env.close()
    DuckDBConnectionManager.close_all_connections()


def _command(
    args: list[str],
    warehouse: Path,
    run_target: Path,
    dbt_vars: dict[str, object],
    threads: int,
    read_only: bool = False,
) -> list[str]:
    """dbt's command line for this warehouse: a profile of its own, the run's target."""
    return [*args, *run_options(warehouse, run_target, dbt_vars, threads, read_only)]


def run_options(
    warehouse: Path,
    run_target: Path,
    dbt_vars: dict[str, object],
    threads: int,
    read_only: bool = False,
) -> list[str]:
    """The options of every dbt command of a run: vars, project, a profile of its own
    naming `warehouse`, the run's target and log folder, threads."""
    profiles = write_profile(run_target / "profile", warehouse, threads, read_only)
    return [
        "--vars",
        json.dumps(dbt_vars),
        "--project-dir",
        str(DBT_PROJECT_DIR),
        "--profiles-dir",
        str(profiles),
        "--target-path",
        str(run_target),
        "--log-path",
        str(run_target),
        "--threads",
        str(threads),
        "--no-use-colors",
    ]


def events_in_process(
    args: list[str],
    warehouse: Path,
    run_target: Path,
    dbt_vars: dict[str, object],
    threads: int = THREADS,
    manifest: Any = None,
) -> Iterator[dict[str, Any]]:
    """Run `dbt <args>` in this process; yield each node's result event. What the dbt
    worker runs for the run's builds (`dbt_worker.build_events`). `manifest`:
    `manifest_for(warehouse, parsed)`, else the project's.

    Raises DbtBuildError after the last event when dbt failed.
    """
    from dbt.cli.main import dbtRunner
    from dbt_common.events.functions import msg_to_dict

    from dagster_project.transform.dbt_events import deferred_debug_events

    manifest = manifest if manifest is not None else manifest_for(warehouse)
    # no dbt.log: its debug lines (every query, ~12 MB a run) were a tenth of the build's
    # time; dbt's own info lines reach the run log through Dagster
    command = [
        *_command(args, warehouse, run_target, dbt_vars, threads),
        "--no-write-json",
        *("--log-level-file", "none"),
    ]
    events: queue.Queue[dict[str, Any] | None] = queue.Queue()

    def on_event(event: Any) -> None:
        if event.info.name in RESULT_EVENTS:
            events.put(msg_to_dict(event))

    outcome: dict[str, Any] = {}

    def invoke() -> None:
        try:
            outcome["result"] = dbtRunner(manifest=manifest, callbacks=[on_event]).invoke(command)
        except BaseException as exc:  # re-raised in the caller's thread
            outcome["error"] = exc
        finally:
            try:
                close_duckdb()
            finally:
                events.put(None)

    with LOCK, deferred_debug_events(RESULT_EVENTS):
        worker = threading.Thread(target=invoke, name="dbt-build", daemon=True)
        worker.start()
        while (event := events.get()) is not None:
            yield event
        worker.join()
    if "error" in outcome:
        raise DbtBuildError(f"dbt {args[0]} stopped: {type(outcome['error']).__name__}")
    result = outcome["result"]
    if not result.success:
        raise DbtBuildError(failure(args[0], result))


def invoke(
    args: list[str],
    warehouse: Path,
    run_target: Path,
    dbt_vars: dict[str, object],
    threads: int = THREADS,
) -> tuple[bool, str]:
    """`dbt <args>` in process on the prepared manifest, for the tools outside a run (tests,
    reference checks): whether it succeeded, and dbt's lines of level info and above (what
    it would have printed). Nothing is printed; run_results.json is written as usual."""
    from dbt.cli.main import dbtRunner

    from dagster_project.transform.dbt_events import deferred_debug_events

    manifest = manifest_for(warehouse)
    lines: list[str] = []

    def on_event(event: Any) -> None:
        if event.info.level in ("info", "warn", "error") and event.info.msg:
            lines.append(str(event.info.msg))

    command = [
        *_command(args, warehouse, run_target, dbt_vars, threads),
        *("--log-level", "none", "--log-level-file", "none"),
    ]
    with LOCK, deferred_debug_events():
        try:
            result = dbtRunner(manifest=manifest, callbacks=[on_event]).invoke(command)
        finally:
            close_duckdb()
    if result.exception is not None:
        lines.append(f"{type(result.exception).__name__}: {result.exception}")
    return bool(result.success), "\n".join(lines)


def static_docs(
    warehouse: Path,
    run_target: Path,
    dbt_vars: dict[str, object],
    manifest: Any,
    manifest_json: Path,
) -> Path:
    """`dbt docs generate --static` in process on the prepared manifest (`manifest_for`,
    and the parse's `manifest_json`): dbt only reads the warehouse's catalog, read-only
    (nothing parsed or compiled, nothing written), so the run may read the warehouse
    meanwhile. Returns the page's path. The dbt worker runs it (`docs_meanwhile`)."""
    from dbt.cli.main import dbtRunner

    from dagster_project.transform.dbt_events import deferred_debug_events

    run_target.mkdir(parents=True, exist_ok=True)
    # --static inlines the manifest.json it finds in the target folder: the parse's own,
    # pointed at this warehouse's catalog as `manifest_for` does
    _write_manifest_json(manifest_json, run_target, warehouse.stem)
    args = ["docs", "generate", "--static", "--no-compile"]
    command = _command(args, warehouse, run_target, dbt_vars, threads=1, read_only=True)
    with LOCK, deferred_debug_events():
        try:
            result = dbtRunner(manifest=manifest).invoke(command)
        finally:
            close_duckdb()
    if not result.success:
        raise DbtBuildError(failure("docs", result))
    return run_target / "static_index.html"


def _write_manifest_json(parsed: Path, folder: Path, catalog: str) -> None:
    """`manifest.json` of the parse into `folder`, each relation in `catalog`."""
    body = json.loads(parsed.read_text(encoding="utf-8"))
    for group in ("nodes", "sources"):
        for node in body.get(group, {}).values():
            if node.get("database") is not None:
                node["database"] = catalog
    (folder / "manifest.json").write_text(json.dumps(body), encoding="utf-8")


def failure(command: str, result: Any) -> str:
    """Which nodes failed, by name; dbt's own messages can quote a row, so not those."""
    if result.exception is not None:
        return f"dbt {command} failed: {type(result.exception).__name__}"
    failed = [
        r.node.unique_id
        for r in getattr(result.result, "results", []) or []
        if str(r.status) in ("error", "fail", "runtime error")
    ]
    return f"dbt {command} failed: {named(failed) or 'see the run log'}"


def named(unique_ids: list[str]) -> str:
    """The first ten nodes by unique id, and how many more."""
    more = len(unique_ids) - 10
    return ", ".join(unique_ids[:10]) + (f" and {more} more" if more > 0 else "")
