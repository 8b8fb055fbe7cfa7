"""The run's compiled build (`transform/compiled_build.py`: dbt compiles every node, the
compiled SQL runs in dbt's order) builds what dbt's own build builds, and keeps dbt's
semantics: its test verdicts, its test edges, skips below a failure, and failures named by
node, never by a value.

The whole project is built both ways from one landed synthetic LA (every source, DfE
release included) and the two warehouses compared relation by relation, row by row and
comment by comment; the semantics are pinned on hand-made nodes in a real DuckDB file.
"""

from __future__ import annotations

import copy
import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import duckdb
import pytest

from dagster_project.synthetic.dfe_release import write_synthetic_release
from dagster_project.synthetic.generator import generate
from dagster_project.transform import compiled_build, compiled_cache, steps
from dagster_project.transform.compiled_build import Node
from dagster_project.transform.dbt_build import THREADS, manifest_for, parsed_manifest_path
from dagster_project.transform.dbt_cli import run_dbt

from .helpers import land

VARS: dict[str, object] = {
    "source_system": "mosaic",
    "la_code": "310",
    "period_ends": [],
    "statistical_neighbours": [],
}


def _digest(warehouse: Path) -> dict[tuple[str, str, str], tuple[Any, ...]]:
    """Every relation: (schema, name, kind) -> its row count, a hash of its rows, its
    comment, and each column's name, type and comment."""
    out: dict[tuple[str, str, str], tuple[Any, ...]] = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        relations = con.execute(
            "select schema_name, table_name, 'table', comment from duckdb_tables() "
            "union all select schema_name, view_name, 'view', comment from duckdb_views() "
            "where not internal"
        ).fetchall()
        for schema, name, kind, comment in relations:
            count, digest = con.execute(
                f'select count(*), coalesce(sum(hash(t::varchar)), 0) from "{schema}"."{name}" t'
            ).fetchone()
            columns = con.execute(
                "select column_name, data_type, comment from duckdb_columns() "
                "where schema_name = ? and table_name = ? order by column_index",
                [schema, name],
            ).fetchall()
            out[(schema, name, kind)] = (count, digest, comment, tuple(columns))
    return out


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[dict]]:
    """One landed LA built by dbt's own `dbt build` (a) and by the compiled build (b), both
    of the run's steps; the compiled build's events."""
    root = tmp_path_factory.mktemp("compiled_build")
    generate(root / "landing", children=300, years=5, seed=2044, workers=1)
    write_synthetic_release(root / "landing" / "dfe", la_code="310", seed=2044)
    landed = root / "landed" / "cla.duckdb"
    for source in ("mosaic", "ssda903", "cin", "dfe"):
        if (root / "landing" / source).is_dir():
            land(landed, source, root / "landing" / source)
    a, b = root / "a" / "cla.duckdb", root / "b" / "cla.duckdb"
    for copy_to in (a, b):
        copy_to.parent.mkdir()
        shutil.copy(landed, copy_to)
    first, second = steps.whole_run()
    for number, args in enumerate((first, second)):
        run_dbt(args, a, VARS, target=root / f"dbt-{number}")
    events: list[dict] = []
    manifest = manifest_for(b)
    # the first step as `cla run` does it: compiled and seeded ahead, before the warehouse
    # is open, and kept for the next run (the parse copied: nothing kept in the project);
    # the second compiled and seeded when built (the UI's way)
    parsed = root / "parse" / "partial_parse.msgpack"
    parsed.parent.mkdir()
    shutil.copy(parsed_manifest_path(), parsed)
    kept = compiled_cache.entry(
        parsed, compiled_cache.digest(parsed.read_bytes()), first, "cla", VARS
    )
    ahead = compiled_build.compile_ahead(first, "cla", VARS, THREADS, manifest, kept)
    assert ahead.seeds is not None and not ahead.reused
    KEPT.update(kept=kept, plan=_plan_of(ahead.compiled), seeds=_digest(ahead.seeds))
    events += compiled_build.events(
        first, b, root / "compiled-0", VARS, THREADS, manifest, ahead=ahead
    )
    assert not Path(ahead.folder.name).exists()
    events += compiled_build.events(second, b, root / "compiled-1", VARS, THREADS, manifest)
    return a, b, events


# what the fixture's first compile kept, and what it was (the test of a kept compile)
KEPT: dict[str, Any] = {}


def _plan_of(compiled: list[Any]) -> dict[str, dict[str, Any]]:
    """A compile as the build runs it: every node and seed planned, field by field."""
    nodes, seeds = compiled_build._plan(compiled)
    return {node.unique_id: vars(node) for node in (*nodes.values(), *seeds)}


def test_the_compiled_build_builds_what_dbt_builds(two_builds: tuple[Path, Path, list]) -> None:
    a, b, _ = two_builds
    by_dbt, compiled = _digest(a), _digest(b)
    assert sorted(compiled) == sorted(by_dbt)
    differing = [key for key in by_dbt if by_dbt[key] != compiled[key]]
    assert differing == []
    # the project, not a corner of it: marts with rows, and their comments written
    marts = [key for key in by_dbt if key[0] == "marts"]
    assert len(marts) > 20
    assert all(by_dbt[key][2] for key in marts)
    assert sum(by_dbt[key][0] for key in marts) > 10_000


def test_a_compile_kept_by_a_run_is_the_next_runs_compile(
    two_builds: tuple[Path, Path, list],
) -> None:
    """The next run with the same parse, selection, catalog and variables reads the kept
    compile (no dbt: no manifest given) and plans and seeds exactly what dbt compiled."""
    first, _ = steps.whole_run()
    again = compiled_build.compile_ahead(first, "cla", VARS, THREADS, None, KEPT["kept"])
    try:
        assert again.reused
        assert again.seeds is not None and again.seeds.parent == Path(again.folder.name)
        assert _plan_of(again.compiled) == KEPT["plan"]
        assert len(KEPT["plan"]) > 250
        assert _digest(again.seeds) == KEPT["seeds"]
    finally:
        again.close()


def test_its_events_are_dbts_results_for_dagster(two_builds: tuple[Path, Path, list]) -> None:
    _, _, events = two_builds
    manifest = json.loads(Path("dbt/target/manifest.json").read_text(encoding="utf-8"))
    nodes = manifest["nodes"]
    seen: dict[str, tuple[str, str]] = {}
    for event in events:
        info = event["data"]["node_info"]
        seen[info["unique_id"]] = (event["info"]["name"], event["data"]["status"])
    expected = {
        unique_id: node["resource_type"]
        for unique_id, node in nodes.items()
        if node["resource_type"] in ("model", "seed", "test")
    }
    assert set(seen) == set(expected)
    names = {"model": "LogModelResult", "seed": "LogSeedResult", "test": "LogTestResult"}
    assert all(seen[u][0] == names[kind] for u, kind in expected.items())
    assert {status for _, status in seen.values()} <= {"success", "pass", "warn"}


# --- dbt's semantics, on hand-made nodes -------------------------------------------------


def _node(unique_id: str, sql: str, parents: tuple[str, ...] = (), **config: Any) -> Node:
    kind = "test" if unique_id.startswith("test.") else "model"
    name = unique_id.split(".")[-1]
    if kind == "model":
        config.setdefault("materialized", "table")
    return Node(
        unique_id=unique_id,
        resource_type=kind,
        name=name,
        schema="main",
        alias=name,
        relation=f'"w"."main"."{name}"',
        sql=sql,
        config=config,
        parents=frozenset(parents),
    )


@pytest.fixture
def fives(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("create table five as select range + 1 as x from range(5)")
    return con


@pytest.mark.parametrize(
    ("config", "verdict"),
    [
        ({}, ("fail", 3)),  # dbt's defaults: count(*), fail if != 0, severity error
        ({"severity": "warn"}, ("warn", 3)),
        ({"error_if": "> 5", "warn_if": "> 1"}, ("warn", 3)),
        ({"error_if": "> 5", "warn_if": "> 5"}, ("pass", 0)),
        ({"limit": 2}, ("fail", 2)),
        ({"fail_calc": "sum(x)", "error_if": "> 11"}, ("fail", 12)),  # 3 + 4 + 5
        ({"fail_calc": "sum(x)", "error_if": "> 12"}, ("warn", 12)),
    ],
)
def test_a_tests_verdict_is_dbts(
    fives: duckdb.DuckDBPyConnection, config: dict[str, Any], verdict: tuple[str, int]
) -> None:
    test = _node("test.cla.over_two", "select * from five where x > 2", **config)
    assert compiled_build._run_test(fives, test) == verdict


def test_a_node_waits_for_the_tests_of_what_it_descends_from() -> None:
    a = _node("model.cla.a", "select 1")
    b = _node("model.cla.b", "select 1", ("model.cla.a",))
    c = _node("model.cla.c", "select 1", ("model.cla.a", "model.cla.b"))
    on_a = _node("test.cla.on_a", "select 1", ("model.cla.a",))
    # a relationships test reads b and a: b cannot wait for it (a cycle); c can
    b_to_a = _node("test.cla.b_to_a", "select 1", ("model.cla.b", "model.cla.a"))
    nodes = {n.unique_id: n for n in (a, b, c, on_a, b_to_a)}
    compiled_build._order(nodes)
    assert a.waits_for == set()
    assert b.waits_for == {"model.cla.a", "test.cla.on_a"}
    assert c.waits_for == {"model.cla.a", "model.cla.b", "test.cla.on_a", "test.cla.b_to_a"}
    assert b_to_a.waits_for == {"model.cla.a", "model.cla.b"}


def test_a_failure_skips_what_is_below_it_and_names_no_value(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    secret = "Jane Example 1 Acacia Road"
    warehouse = tmp_path / "w.duckdb"
    nodes = [
        _node("model.cla.people", f"select '{secret}' as name, 1 as x"),
        _node("test.cla.no_ones", "select * from people where x = 1", ("model.cla.people",)),
        _node("test.cla.warned", "select * from people", ("model.cla.people",), severity="warn"),
        _node("model.cla.below", "select * from people", ("model.cla.people",)),
        _node("model.cla.broken", f"select cast('{secret}' as integer) as n"),
        _node("model.cla.after_broken", "select * from broken", ("model.cla.broken",)),
        _node("model.cla.apart", "select 2 as y"),
    ]
    graph = {n.unique_id: n for n in nodes}
    compiled_build._order(graph)
    results = {
        e["data"]["node_info"]["unique_id"]: e["data"]["status"]
        for e in compiled_build._execute(graph, warehouse, 2, "test")
    }
    assert results == {
        "model.cla.people": "success",
        "test.cla.no_ones": "fail",
        "test.cla.warned": "warn",
        "model.cla.broken": "error",
        "model.cla.apart": "success",
    }  # below and after_broken skipped: no result, as dbt gives Dagster none
    printed = capfd.readouterr()
    assert secret not in printed.out + printed.err
    assert "model.cla.broken: ConversionException" in printed.err
    with duckdb.connect(str(warehouse), read_only=True) as con:
        built = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
    assert built == {"people", "apart"}


def test_a_seed_that_cannot_be_copied_skips_what_reads_it(tmp_path: Path) -> None:
    loaded = tmp_path / "seeded.duckdb"
    with duckdb.connect(str(loaded)) as con:
        con.execute("create schema codes")
        con.execute("create table codes.kept as select 'A' as code, 1::tinyint as n")
    seeds = [
        replace(_node("model.cla.kept", ""), unique_id="seed.cla.kept", resource_type="seed",
                schema="codes", relation='"w"."codes"."kept"', config={"materialized": "seed"}),
        replace(_node("model.cla.gone", ""), unique_id="seed.cla.gone", resource_type="seed",
                schema="codes", relation='"w"."codes"."gone"', config={"materialized": "seed"}),
    ]  # fmt: skip
    graph = {
        n.unique_id: n
        for n in (
            _node("model.cla.reads_kept", "select * from codes.kept", ("seed.cla.kept",)),
            _node("model.cla.reads_gone", "select * from codes.gone", ("seed.cla.gone",)),
        )
    }
    compiled_build._order(graph)
    warehouse = tmp_path / "w.duckdb"
    results = [
        (e["info"]["name"], e["data"]["node_info"]["unique_id"], e["data"]["status"])
        for e in compiled_build._execute(graph, warehouse, 2, "t", (loaded, seeds))
    ]
    assert results == [
        ("LogSeedResult", "seed.cla.kept", "success"),
        ("LogSeedResult", "seed.cla.gone", "error"),
        ("LogModelResult", "model.cla.reads_kept", "success"),
    ]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        copied = con.execute("select code, n, typeof(n) from codes.kept").fetchall()
        attached = con.execute("select count(*) from duckdb_databases() where not internal")
        assert attached.fetchone() == (1,)  # the seeded database detached again
    assert copied == [("A", 1, "TINYINT")]


def test_a_relation_of_the_other_kind_is_replaced_in_one_transaction(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create view was_a_view as select 1 as x")
        con.execute("create table was_a_table as select 1 as x")
    graph = {
        n.unique_id: n
        for n in (
            _node("model.cla.was_a_view", "select 2 as x"),
            _node("model.cla.was_a_table", "select 3 as x", materialized="view"),
        )
    }
    compiled_build._order(graph)
    assert {e["data"]["status"] for e in compiled_build._execute(graph, warehouse, 2, "t")} == {
        "success"
    }
    with duckdb.connect(str(warehouse), read_only=True) as con:
        kinds = dict(
            con.execute(
                "select table_name, 'table' from duckdb_tables() "
                "union all select view_name, 'view' from duckdb_views() where not internal"
            ).fetchall()
        )
        values = con.execute("select * from was_a_view union all select * from was_a_table")
        assert sorted(values.fetchall()) == [(2,), (3,)]
    assert kinds == {"was_a_view": "table", "was_a_table": "view"}


def test_what_only_dbt_builds_goes_to_dbt() -> None:
    assert compiled_build.selection(["build", "--full-refresh", "--select", "x"]) is None
    assert compiled_build.selection(["run", "--select", "x"]) is None
    assert compiled_build.selection(["build", "--exclude-resource-type", "seed"]) is None
    first = steps.whole_run()[0]
    assert compiled_build.selection(first) == [
        "--select",
        "fqn:*",
        "--exclude",
        steps.AFTER_RECORD_ERRORS,
    ]
    manifest = manifest_for(Path("cla.duckdb"))
    model = copy.deepcopy(manifest.nodes["model.cla.int_reporting_periods"])
    assert compiled_build._unsupported(model) is None
    for change, value in [
        ("materialized", "incremental"),
        ("pre_hook", [{"sql": "select 1"}]),
        ("sorted_by", ["x"]),
    ]:
        changed = copy.deepcopy(model)
        setattr(changed.config, change, value)
        assert compiled_build._unsupported(changed) is not None, change


def test_an_unknown_flag_compiles_and_writes_nothing(tmp_path: Path) -> None:
    # dbt's own build is then the caller's (the worker falls back to it)
    with pytest.raises(compiled_build.NotCompiled):
        list(
            compiled_build.events(
                ["build", "--full-refresh"], tmp_path / "cla.duckdb", tmp_path, VARS, 1, None
            )
        )
    assert list(tmp_path.iterdir()) == []
