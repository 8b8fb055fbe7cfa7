"""A run's `dbt build`: dbt compiles every node, the compiled SQL runs here in dbt's order.

Why: in a Harrow-sized run, dbt's runtime spent about four times the SQL's own time on each
node (its materialisation and test macros rendered, adapter calls, relation cache, events):
the 260 models and tests took 14.6 s in `dbt build` and 4 s run one after another as
compiled (docs/benchmarks.md, ninth session). dbt still owns every definition and every
line of SQL: `dbt compile` renders the nodes with the run's variables, `dbt seed` loads the
seeds (`cla run` has both done while it starts: `compile_ahead`, the seeds then copied from
a scratch database); only the statements dbt would send for each model and test are sent
from here, as dbt's own materialisations (`macros/materializations/replace_in_place.sql`)
and test macro (`default__get_test_sql`) write them:

- a model: in its own transaction, the relation of another kind dropped, then
  `create or replace table|view <relation> as (<compiled SQL>)`, then its YAML
  descriptions as comments (what the project's on-run-end macro `persist_comments` writes
  for dbt's own build: the relation's, and each described column's that it has), committed
  (written with the model, on its cursor: a `dbt run-operation` writing them all after the
  build took a second at the end of a Harrow-sized first build; docs/benchmarks.md,
  fourteenth session);
- a test: `select <fail_calc>, <fail_calc> <warn_if>, <fail_calc> <error_if> from
  (<compiled SQL> [limit n])`, passed, warned or failed by its severity as dbt does;
- dbt build's order: a node after its parents, and after every test of nodes it descends
  from (dbt's test edges: a node waits for a test when it descends from everything the
  test reads); a failed node's descendants are skipped;
- the result events dbt's callbacks would have had (`LogModelResult`, `LogTestResult`,
  `LogSeedResult` for seeds copied),
  with the fields dagster-dbt reads, so Dagster's materialisations and checks are as before.

Only what those materialisations build is run here: a selection with anything else (other
materialisations, hooks, SQL headers, stored test failures, Python models, a flag this
module does not know) is built by `dbt build` itself (`dbt_build.events_in_process`), as is
every dbt command outside a run's build. tests/transform/test_compiled_build.py builds the
project both ways and finds the same relations, rows and comments.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dagster_project.settings import MEMORY_LIMIT
from dagster_project.sql_text import literal
from dagster_project.transform import compiled_cache, dbt_build
from dagster_project.transform.dbt_build import DbtBuildError

MATERIALIZED = frozenset({"table", "view"})
# `replace_in_place_refuse_unsupported`'s configurations: a model asking for them goes to
# dbt, whose materialisation refuses it by name
REFUSED_CONFIG = ("grants", "indexes", "partitioned_by", "sorted_by")
# the build flags a run passes that this module understands; any other: dbt builds
SELECTION_FLAGS = frozenset({"--select", "-s", "--exclude", "--indirect-selection"})
# dbt_project.yml's on-run-end: what `_comment` does for the compiled build, model by model
ON_RUN_END = "{{ persist_comments(results) }}"


class NotCompiled(Exception):
    """The selection has something only `dbt build` builds; carries the reason."""


@dataclass
class Node:
    """One model or test of the build, as compiled."""

    unique_id: str
    resource_type: str
    name: str
    schema: str
    alias: str
    relation: str
    sql: str
    config: Mapping[str, Any]
    parents: frozenset[str]
    waits_for: set[str] = field(default_factory=set)
    # its YAML description, and each described column's (name as written in the YAML)
    description: str = ""
    column_docs: Mapping[str, str] = field(default_factory=dict)


def selection(args: list[str]) -> list[str] | None:
    """The selection flags of a run's `dbt build` args, for `dbt compile` and `dbt seed`;
    None when the args ask for something else (dbt builds them itself)."""
    if not args or args[0] != "build":
        return None
    chosen: list[str] = []
    rest = iter(args[1:])
    for flag in rest:
        value = next(rest, None)
        if value is None:
            return None
        if flag == "--exclude-resource-type" and value == "unit_test":
            continue  # unit tests are never run here: their nodes are left out below
        if flag not in SELECTION_FLAGS:
            return None
        chosen += [flag, value]
    return chosen


def ahead_key(args: list[str], catalog: str, dbt_vars: dict[str, object]) -> str:
    """What a compilation depends on: the build's arguments, the warehouse's catalog name
    (every relation is named in it) and the run's variables."""
    return json.dumps([args, catalog, dbt_vars], sort_keys=True)


@dataclass
class Ahead:
    """A build compiled, and its seeds loaded by `dbt seed` into a scratch database, before
    its warehouse could be opened; the scratch folder goes with `close`."""

    compiled: list[Any]
    folder: tempfile.TemporaryDirectory[str]
    seeds: Path | None = None
    reused: bool = False  # read from an earlier run's compile (`compiled_cache`)

    def close(self) -> None:
        self.folder.cleanup()
        _SCRATCH.discard(self.folder.name)


# every scratch folder of this process not yet closed (`discard_scratch`)
_SCRATCH: set[str] = set()


def discard_scratch() -> None:
    """Remove every scratch folder at once: a process about to end without its exit
    handlers (the dbt worker when its run went away) leaves nothing behind. dbt may still
    be compiling into one on another thread, making its folders again as they go: removed
    until it is gone (one removal racing dbt's writes left the folder behind)."""
    for name in list(_SCRATCH):
        for _ in range(20):
            shutil.rmtree(name, ignore_errors=True)
            if not os.path.exists(name):
                break
        _SCRATCH.discard(name)


def compile_ahead(
    args: list[str],
    catalog: str,
    dbt_vars: dict[str, object],
    threads: int,
    manifest: Any,
    kept: Path | None = None,
) -> Ahead:
    """`dbt compile` of a build, and `dbt seed` of its seeds, before its warehouse may be
    opened (the run is landing files into it): into an empty scratch database of the same
    name, so every relation is named as in the warehouse. The build copies the seeds' tables
    from there (`_copy_seeds`). No model of the project reads the database while it is
    compiled (introspection would make this wrong; the test that builds the project both
    ways would find it). NotCompiled when dbt must build the selection itself.
    `kept`: the `compiled_cache` entry of this compile: read instead of compiling when an
    earlier run kept it, else kept there for the next."""
    chosen = selection(args)
    if chosen is None:
        raise NotCompiled("flags")
    folder = tempfile.TemporaryDirectory(prefix="cla-compile-")
    _SCRATCH.add(folder.name)
    try:
        scratch = Path(folder.name) / f"{catalog}.duckdb"
        target = Path(folder.name) / "target"
        reused = compiled_cache.read(kept, scratch) if kept is not None else None
        if reused is not None:
            _, seeds = _plan(reused)
            if not seeds or scratch.is_file():
                return Ahead(reused, folder, seeds=scratch if seeds else None, reused=True)
        clock = time.perf_counter()
        compiled = _compile(chosen, scratch, target, dbt_vars, threads, manifest)
        _note(f"dbt compiled {len(compiled)} nodes", clock)
        _, seeds = _plan(compiled)
        ahead = Ahead(compiled, folder)
        if seeds:
            for _ in _seed(chosen, scratch, target, dbt_vars, threads, manifest):
                pass  # the build reports the seeds when it copies them
            ahead.seeds = scratch
        if kept is not None:
            compiled_cache.write(kept, compiled, ahead.seeds)
        return ahead
    except BaseException:
        Ahead([], folder).close()
        raise


def events(
    args: list[str],
    warehouse: Path,
    run_target: Path,
    dbt_vars: dict[str, object],
    threads: int,
    manifest: Any,
    ahead: Ahead | None = None,
) -> Iterator[dict[str, Any]]:
    """`dbt build <args>`'s result events, the build done as the module says; raises
    NotCompiled before anything is written when dbt must build it, DbtBuildError after the
    last event when a node failed (named, never a value). `ahead`: what `compile_ahead`
    did for the same key (closed here), else dbt compiles and seeds now."""
    try:
        yield from _events(args, warehouse, run_target, dbt_vars, threads, manifest, ahead)
    finally:
        if ahead is not None:
            ahead.close()


def _events(
    args: list[str],
    warehouse: Path,
    run_target: Path,
    dbt_vars: dict[str, object],
    threads: int,
    manifest: Any,
    ahead: Ahead | None,
) -> Iterator[dict[str, Any]]:
    chosen = selection(args)
    if chosen is None:
        raise NotCompiled("flags")
    clock = time.perf_counter()
    if ahead is None:
        compiled = _compile(chosen, warehouse, run_target, dbt_vars, threads, manifest)
        _note(f"dbt compiled {len(compiled)} nodes", clock)
    else:
        compiled = ahead.compiled
        when = "by an earlier run (kept)" if ahead.reused else "before the build"
        _note(f"{len(compiled)} nodes compiled {when}", clock)
    nodes, seeds = _plan(compiled)
    invocation = str(uuid.uuid4())
    seeded_ahead = ahead.seeds if ahead is not None else None
    if seeds and seeded_ahead is None:
        yield from _seed(chosen, warehouse, run_target, dbt_vars, threads, manifest)
    failed: list[str] = []
    built: list[str] = []
    copied = (seeded_ahead, seeds) if seeds and seeded_ahead is not None else None
    for event in _execute(nodes, warehouse, threads, invocation, copied):
        status = event["data"]["status"]
        unique_id = event["data"]["node_info"]["unique_id"]
        if status in ("error", "fail"):
            failed.append(unique_id)
        elif event["info"]["name"] in ("LogModelResult", "LogSeedResult"):
            built.append(unique_id)
        yield event
    _note(f"ran {len(nodes)} models and tests, {len(built)} commented", clock)
    if failed:
        raise DbtBuildError(f"dbt build failed: {dbt_build.named(failed)}")


def _seed(
    chosen: list[str],
    warehouse: Path,
    run_target: Path,
    dbt_vars: dict[str, object],
    threads: int,
    manifest: Any,
) -> Iterator[dict[str, Any]]:
    """`dbt seed` of the selection's seeds into `warehouse`: their result events."""
    seeding = [*chosen, "--exclude", "resource_type:unit_test"]
    yield from dbt_build.events_in_process(
        ["seed", *seeding], warehouse, run_target, dbt_vars, threads, manifest=manifest
    )


def _compile(
    chosen: list[str],
    warehouse: Path,
    run_target: Path,
    dbt_vars: dict[str, object],
    threads: int,
    manifest: Any,
) -> list[Any]:
    """`dbt compile` of the selection: each selected node, its SQL rendered."""
    from dbt.cli.main import dbtRunner

    from dagster_project.transform.dbt_events import deferred_debug_events

    command = [
        "compile",
        *chosen,
        *("--exclude", "resource_type:unit_test"),
        *dbt_build.run_options(warehouse, run_target, dbt_vars, threads),
        "--no-write-json",
        *("--log-level", "none", "--log-level-file", "none"),
    ]
    with dbt_build.LOCK, deferred_debug_events():
        try:
            result = dbtRunner(manifest=manifest).invoke(command)
        finally:
            dbt_build.close_duckdb()
    if not result.success:
        if result.exception is not None and type(result.exception).__name__ == "DbtUsageException":
            raise NotCompiled("flags")
        raise DbtBuildError(dbt_build.failure("compile", result))
    return [r.node for r in result.result.results]


def _unsupported(node: Any) -> str | None:
    """Why this node is for dbt's own build, or None."""
    config = node.config
    if node.resource_type == "model":
        if config.materialized not in MATERIALIZED or getattr(node, "language", "sql") != "sql":
            return f"{config.materialized} {getattr(node, 'language', 'sql')} model"
        if config.pre_hook or config.post_hook or config.get("sql_header"):
            return "hooks or a SQL header"
        contract = config.get("contract")
        docs = config.get("persist_docs") or {}
        if (
            (contract is not None and contract.enforced)
            or docs.get("relation")
            or docs.get("columns")
        ):
            return "a contract or persist_docs"
        if any(config.get(key) for key in REFUSED_CONFIG):
            return "a configuration the materialisations refuse"
    elif node.resource_type == "test":
        if config.get("store_failures") or config.get("store_failures_as"):
            return "stored failures"
    elif node.resource_type == "operation":
        # the project's on-run-end hook is `persist_comments`: `_comment`, model by model
        if node.raw_code.strip() != ON_RUN_END:
            return "an on-run-end hook other than persist_comments"
    elif node.resource_type != "seed":
        return node.resource_type
    return None


def _plan(compiled: list[Any]) -> tuple[dict[str, Node], list[Node]]:
    """The models and tests to run and the seeds to load; NotCompiled for anything else."""
    nodes: dict[str, Node] = {}
    seeds: list[Node] = []
    for node in compiled:
        reason = _unsupported(node)
        if reason is not None:
            raise NotCompiled(f"{node.unique_id}: {reason}")
        if node.resource_type == "operation":
            continue
        planned = Node(
            unique_id=node.unique_id,
            resource_type=node.resource_type,
            name=node.name,
            schema=node.schema,
            alias=node.alias,
            relation=f'"{node.database}"."{node.schema}"."{node.alias}"',
            sql=getattr(node, "compiled_code", None) or "",  # a seed read back has none
            config=node.config,
            parents=frozenset(getattr(node.depends_on, "nodes", ())),  # a seed's: macros
            description=getattr(node, "description", "") or "",
            column_docs={
                name: column.description
                for name, column in (getattr(node, "columns", None) or {}).items()
                if column.description
            },
        )
        if node.resource_type == "seed":
            seeds.append(planned)
        else:
            nodes[node.unique_id] = planned
    _order(nodes)
    return nodes, seeds


def _order(nodes: dict[str, Node]) -> None:
    """Each node waits for its selected parents, and for each selected test reading only
    nodes it descends from (dbt's test edges, `Linker.add_test_edges`)."""
    ancestors: dict[str, set[str]] = {}

    def of(unique_id: str) -> set[str]:
        if unique_id not in ancestors:
            node = nodes.get(unique_id)
            found: set[str] = set()
            for parent in node.parents if node else ():
                found |= {parent, *of(parent)}
            ancestors[unique_id] = found
        return ancestors[unique_id]

    for node in nodes.values():
        node.waits_for = {parent for parent in node.parents if parent in nodes}
    tests = [n for n in nodes.values() if n.resource_type == "test"]
    for node in nodes.values():
        if node.resource_type == "test":
            continue
        above = of(node.unique_id)
        for test in tests:
            if test.parents and test.parents <= above:
                node.waits_for.add(test.unique_id)


def _existing(con: Any) -> dict[str, str]:
    """Each relation of the warehouse's catalog: `schema.name` (lower case) -> its kind."""
    rows = con.execute(
        "select schema_name, table_name, 'table' from duckdb_tables() "
        "where database_name = current_database() "
        "union all select schema_name, view_name, 'view' from duckdb_views() "
        "where database_name = current_database() and not internal"
    ).fetchall()
    return {f"{schema}.{name}".lower(): kind for schema, name, kind in rows}


def _execute(
    nodes: dict[str, Node],
    warehouse: Path,
    threads: int,
    invocation: str,
    seeds: tuple[Path, list[Node]] | None = None,
) -> Iterator[dict[str, Any]]:
    """Run the nodes on `threads` cursors of one connection, each once its waits are done;
    yield each result event as it finishes. `seeds`: a database `dbt seed` loaded and the
    seeds to copy from it first."""
    import duckdb

    con = duckdb.connect(str(warehouse), config={"memory_limit": MEMORY_LIMIT})
    try:
        existing = _existing(con)
        models = [n for n in nodes.values() if n.resource_type == "model"]
        made = [*models, *(seeds[1] if seeds else [])]
        for schema in sorted({n.schema for n in made}):
            con.execute(f'create schema if not exists "{schema}"')
        broken: set[str] = set()
        if seeds is not None:
            for event in _copy_seeds(con, *seeds, existing, invocation):
                if event["data"]["status"] == "error":  # what reads it is skipped
                    broken.add(event["data"]["node_info"]["unique_id"])
                yield event
        done: set[str] = set()
        waiting = dict(nodes)
        total, count = len(nodes), 0
        cursors: queue.Queue[Any] = queue.Queue()
        for _ in range(max(1, threads)):
            cursors.put(con.cursor())

        def run(node: Node) -> dict[str, Any]:
            cursor = cursors.get()
            try:
                return _run_node(cursor, node, existing, invocation)
            finally:
                cursors.put(cursor)

        with ThreadPoolExecutor(max_workers=max(1, threads), thread_name_prefix="sql") as pool:
            running: dict[Future[dict[str, Any]], Node] = {}
            while waiting or running:
                for node in [n for n in waiting.values() if n.waits_for <= done]:
                    del waiting[node.unique_id]
                    if (node.waits_for | node.parents) & broken:
                        broken.add(node.unique_id)
                        done.add(node.unique_id)
                        count += 1
                        _say(count, total, node, "SKIP", 0.0)
                        continue
                    running[pool.submit(run, node)] = node
                if not running:
                    break
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    node = running.pop(future)
                    event = future.result()
                    status = event["data"]["status"]
                    if status in ("error", "fail"):
                        broken.add(node.unique_id)
                    done.add(node.unique_id)
                    count += 1
                    _say(count, total, node, status.upper(), event["data"]["execution_time"])
                    yield event
    finally:
        con.close()


def _run_node(cursor: Any, node: Node, existing: dict[str, str], invocation: str) -> dict[str, Any]:
    """Run one model or test; its result event (dbt's fields that dagster-dbt reads)."""
    started = datetime.now(UTC)
    clock = time.perf_counter()
    failures: int | None = None
    try:
        if node.resource_type == "model":
            status = _build_model(cursor, node, existing)
        else:
            status, failures = _run_test(cursor, node)
    except Exception as exc:  # named by type only: DuckDB's messages can quote a value
        status = "error"
        _line(f"{node.unique_id}: {type(exc).__name__}")
    return _result(node, status, started, time.perf_counter() - clock, invocation, failures)


def _result(
    node: Node,
    status: str,
    started: datetime,
    elapsed: float,
    invocation: str,
    failures: int | None = None,
) -> dict[str, Any]:
    """A node's result event: the fields of dbt's that dagster-dbt reads."""
    finished = datetime.now(UTC)
    name = {"model": "LogModelResult", "seed": "LogSeedResult"}.get(
        node.resource_type, "LogTestResult"
    )
    node_status = status if node.resource_type == "test" or status == "error" else "success"
    data: dict[str, Any] = {
        "node_info": {
            "unique_id": node.unique_id,
            "resource_type": node.resource_type,
            "materialized": node.config.get("materialized", node.resource_type),
            "node_status": node_status,
            "node_started_at": started.isoformat(),
            "node_finished_at": finished.isoformat(),
            "node_name": node.name,
        },
        "status": status,
        "execution_time": elapsed,
    }
    if failures is not None:
        data["num_failures"] = failures
    return {
        "info": {
            "name": name,
            "invocation_id": invocation,
            "msg": f"{node.unique_id} {status}",
            "level": "info",
            "ts": finished.isoformat(),
        },
        "data": data,
    }


def _copy_seeds(
    con: Any, loaded: Path, seeds: list[Node], existing: dict[str, str], invocation: str
) -> Iterator[dict[str, Any]]:
    """The seeds `dbt seed` loaded ahead into `loaded`, copied table by table (their types
    as dbt made them), each in its own transaction; their result events."""
    con.execute(f"attach {literal(str(loaded))} as cla_seeded_ahead (read_only)")
    try:
        for seed in seeds:
            started, clock = datetime.now(UTC), time.perf_counter()
            copy = replace(
                seed,
                config={"materialized": "table"},
                sql=f'select * from cla_seeded_ahead."{seed.schema}"."{seed.alias}"',
            )
            try:
                status = _build_model(con, copy, existing)
            except Exception as exc:  # named by type only, as a model's
                status = "error"
                _line(f"{seed.unique_id}: {type(exc).__name__}")
            event = _result(seed, status, started, time.perf_counter() - clock, invocation)
            _line(f"seed {seed.unique_id} copied [{status.upper()}]")
            yield event
    finally:
        con.execute("detach cla_seeded_ahead")


def _build_model(cursor: Any, node: Node, existing: dict[str, str]) -> str:
    """`replace_in_place`: the model's relation replaced in one transaction."""
    kind = node.config.get("materialized")
    was = existing.get(f"{node.schema}.{node.alias}".lower())
    cursor.execute("begin transaction")
    try:
        if was is not None and was != kind:
            cursor.execute(f"drop {was} if exists {node.relation}")
        cursor.execute(f"create or replace {kind} {node.relation} as (\n{node.sql}\n)")
        _comment(cursor, node, "view" if kind == "view" else "table")
        cursor.execute("commit")
    except Exception:
        cursor.execute("rollback")
        raise
    return "success"


def _comment(cursor: Any, node: Node, kind: str) -> None:
    """The relation's description and each described column's that it has, as the
    on-run-end macro `persist_comments` writes them (columns matched whatever their case,
    named as the relation has them), in one statement; none without descriptions."""
    statements = []
    if node.description:
        statements.append(f"comment on {kind} {node.relation} is {literal(node.description)}")
    if node.column_docs:
        cursor.execute(f"select * from {node.relation} limit 0")
        has = {d[0].lower(): d[0] for d in cursor.description}
        for name, doc in node.column_docs.items():
            if name.lower() in has:
                column = '"' + has[name.lower()].replace('"', '""') + '"'
                statements.append(f"comment on column {node.relation}.{column} is {literal(doc)}")
    if statements:
        cursor.execute(";\n".join(statements))


def _run_test(cursor: Any, node: Node) -> tuple[str, int]:
    """dbt's data test: `default__get_test_sql`, then `build_test_run_result`'s verdict."""
    config = node.config
    fail_calc = config.get("fail_calc") or "count(*)"
    limit = config.get("limit")
    query = (
        f"select {fail_calc} as failures,"
        f" {fail_calc} {config.get('warn_if') or '!= 0'} as should_warn,"
        f" {fail_calc} {config.get('error_if') or '!= 0'} as should_error"
        f" from (\n{node.sql}\n{f'limit {int(limit)}' if limit is not None else ''}\n)"
        " dbt_internal_test"
    )
    failures, should_warn, should_error = cursor.execute(query).fetchone()
    if str(config.get("severity") or "error").upper() == "ERROR" and should_error:
        return "fail", int(failures)
    if should_warn:
        return "warn", int(failures)
    return "pass", 0


def _note(what: str, since: float) -> None:
    """A line of the build's progress, with the seconds since it began (the run log)."""
    _line(f"{what} ({time.perf_counter() - since:.2f} s)")


def _say(count: int, total: int, node: Node, status: str, seconds: float) -> None:
    """dbt's line for a node (its name and status only)."""
    _line(f"{count} of {total} {status} {node.resource_type} {node.unique_id} [{seconds:.2f}s]")


def _line(text: str) -> None:
    """A line on stderr (the run log), stamped as dbt stamps its own."""
    print(f"{datetime.now():%H:%M:%S}  {text}", file=sys.stderr, flush=True)
