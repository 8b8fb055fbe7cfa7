"""`cla validate` shares its work among connections of its own database (parallel.py):
the findings are the same, in the same order, however many; a failure still names itself;
the nightly gate's rule objects stay temporary to its connection."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dagster_project import parallel
from dagster_project.quality.context import RuleContext, prepare_files, prepare_seen
from dagster_project.quality.engine import run_rules_into
from dagster_project.quality.rule import Rule
from dagster_project.quality.validate_return import land_return, validate_return
from dagster_project.synthetic.generator import generate


@pytest.fixture(scope="module")
def a_return(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The latest 903 return of a generated LA: 300 children, several hundred findings."""
    root = tmp_path_factory.mktemp("parallel_rules")
    generate(root / "landing", children=300, years=6, seed=77, source="ssda903", workers=1)
    years = sorted((root / "landing" / "ssda903").iterdir())
    return years[-1]


def test_findings_are_the_same_whatever_the_workers(a_return: Path, tmp_path: Path) -> None:
    one = validate_return(a_return, output=tmp_path / "one", workers=1)
    three = validate_return(a_return, output=tmp_path / "three", workers=3)
    assert one.errors == three.errors > 50  # a return with findings to order
    assert one.children == three.children
    for name in ("findings.csv", "rule_summary.csv"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "three" / name).read_bytes()
    ran = [r for r in one.summary if r["status"] == "ran"]
    assert len(ran) > 150 and len({r["rule_code"] for r in ran if r["failing_rows"]}) > 5


FAKE_RETURN = Path(__file__).parent / "fixtures" / "validator_fake_903"


@pytest.mark.parametrize("year", [2024, 2025])
def test_the_validators_fake_return_is_checked_the_same_whatever_the_workers(
    year: int, tmp_path: Path
) -> None:
    """The public validator's own fake return (cut down: fixtures/validator_fake_903), its
    twelve files landed, typed and checked on one connection and on three: the same files
    landed, and the same findings and summary, byte for byte."""
    runs = {
        workers: validate_return(
            FAKE_RETURN, year=year, output=tmp_path / str(workers), la_code="E09000015",
            workers=workers,
        )
        for workers in (1, 3)
    }  # fmt: skip
    one, three = runs[1], runs[3]
    assert len(one.files) == 12 and not one.rejected
    assert (one.files, one.rejected, one.errors, one.children) == (
        three.files,
        three.rejected,
        three.errors,
        three.children,
    )
    assert one.errors > 500 and one.children > 100
    for name in ("findings.csv", "rule_summary.csv"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "3" / name).read_bytes()


def _broken_rule() -> Rule:
    return Rule(
        code="X1",
        message="a rule whose SQL breaks",
        table="episodes",
        fields=("DECOM",),
        sql="select CHILD, DECOM, _source_file, _row_number from {episodes} "
        "where no_such_column = 1",
    )


def test_a_broken_rule_raises_its_own_error_on_any_connection(a_return: Path) -> None:
    con = duckdb.connect()
    land_return(con, a_return, int(a_return.name))
    ctx = RuleContext.for_year(int(a_return.name))
    ctx.workers = 2
    prepare_files(con, int(a_return.name), ctx)
    from dagster_project.quality.rules import rules_for

    rules = (*rules_for(ctx.year)[:30], _broken_rule())
    with pytest.raises(duckdb.BinderException, match="no_such_column"):
        run_rules_into(con, ctx, rules, "_found")
    # the rules' tables are in the database's main schema, seen by its other connections
    other = con.cursor()
    assert other.execute('select count(*) from "dq_episodes"').fetchone()[0] > 0
    con.close()


def test_the_gate_keeps_its_rule_objects_temporary(a_return: Path, tmp_path: Path) -> None:
    """One worker (the nightly gate's): nothing is left in the database for another
    connection, or the warehouse file, to see."""
    path = tmp_path / "gate.duckdb"
    con = duckdb.connect(str(path))
    land_return(con, a_return, int(a_return.name))
    ctx = prepare_files(con, int(a_return.name))
    assert ctx.workers == 1
    run_rules_into(con, ctx, (_rule_that_finds(),), "_found")
    assert con.execute("select count(*) from _found").fetchone()[0] > 0
    other = con.cursor()
    visible = {r[0] for r in other.execute("select table_name from duckdb_tables()").fetchall()}
    assert not {"dq_episodes", "_found", "dq_la_lookup"} & visible
    views = {r[0] for r in other.execute("select view_name from duckdb_views()").fetchall()}
    assert not any(v.startswith("dq_") for v in views)
    macros = other.execute(
        "select count(*) from duckdb_functions() where function_name like 'dq_%'"
    ).fetchone()[0]
    assert macros == 0
    con.close()


def _rule_that_finds() -> Rule:
    return Rule(
        code="X2",
        message="every episode",
        table="episodes",
        fields=("DECOM",),
        sql="select CHILD, DECOM, _source_file, _row_number from {episodes}",
    )


def test_a_failing_job_stops_the_rest_and_closes_its_connections() -> None:
    con = duckdb.connect()
    con.execute("create table done (i integer)")
    ran: list[int] = []

    def job(i: int) -> parallel.Job:
        def run(c: duckdb.DuckDBPyConnection) -> None:
            ran.append(i)
            c.execute("select * from no_such_table" if i == 1 else f"insert into done values ({i})")

        return run

    with pytest.raises(duckdb.CatalogException, match="no_such_table"):
        parallel.run_jobs(con, [job(i) for i in range(200)], workers=2)
    assert len(ran) < 200  # the jobs not started when it failed were dropped
    assert con.execute("select count(*) from done").fetchone()[0] == len(ran) - 1


def test_shared_work_is_refused_on_a_database_file(a_return: Path, tmp_path: Path) -> None:
    """The warehouse never gets the rules' tables: workers above 1 need a database of the
    return's own, in memory."""
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    land_return(con, a_return, int(a_return.name))
    ctx = RuleContext.for_year(int(a_return.name))
    ctx.workers = 2
    with pytest.raises(ValueError, match="in-memory"):
        prepare_files(con, int(a_return.name), ctx)
    with pytest.raises(ValueError, match="in-memory"):
        run_rules_into(con, ctx, (_rule_that_finds(),), "_found")
    seen = {"episodes": ("raw.ssda903_episodes", {"CHILD", "_source_file", "_row_number"})}
    with pytest.raises(ValueError, match="in-memory"):
        prepare_seen(con, ctx, seen)
    tables = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
    assert not {t for t in tables if t.startswith("dq_") or t == "_found"}
    con.close()
