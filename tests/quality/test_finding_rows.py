"""A finding's columns as the batched rules write them (engine.run_rules_into: the rows
first, each rule's code, message, class and field text joined after) are those of one
rule run alone (engine.finding_sql), written out by hand here: the field text in the
rule's field order, a blank value as `(blank)`, dates as ISO text, and a rule reporting
rows of two tables naming each row's table."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dagster_project.quality.context import RuleContext, prepare_files
from dagster_project.quality.engine import ORDER, finding_sql, run_rules_into
from dagster_project.quality.rule import RECORD_ERROR, WARNING, Rule
from dagster_project.quality.rules import rules_for
from dagster_project.quality.validate_return import land_return

YEAR = 2026

TWO_FIELDS = Rule(
    code="T1",
    message="two fields, one of them blank on a row",
    table="episodes",
    fields=("DECOM", "RNE"),
    severity=RECORD_ERROR,
    sql="select CHILD, DECOM, RNE, _source_file, _row_number from {episodes} "
    "where RNE is null or DECOM is null",
)
TWO_TABLES = Rule(
    code="T2",
    message="rows of two tables",
    table="episodes",
    fields=("CHILD",),
    table_column=True,
    sql="select 'episodes' as _table, CHILD, _source_file, _row_number from {episodes} "
    "where CHILD = 'C1' union all "
    "select 'header', CHILD, _source_file, _row_number from {header} where CHILD = 'C1'",
)
NOTHING = Rule(
    code="T3",
    message="a rule that finds nothing",
    table="header",
    fields=("CHILD",),
    severity=WARNING,
    sql="select CHILD, _source_file, _row_number from {header} where false",
)

EXPECTED = [
    # (rule index, code, message, severity, table, child, fields, field_values, file, row)
    (0, "T1", TWO_FIELDS.message, "record_error", "episodes", "C1", "DECOM, RNE",
     "DECOM=2025-06-01; RNE=(blank)", "2026/episodes.csv", 1),
    (0, "T1", TWO_FIELDS.message, "record_error", "episodes", "C2", "DECOM, RNE",
     "DECOM=(blank); RNE=P", "2026/episodes.csv", 3),
    (1, "T2", "rows of two tables", "warning", "episodes", "C1", "CHILD", "CHILD=C1",
     "2026/episodes.csv", 1),
    (1, "T2", "rows of two tables", "warning", "episodes", "C1", "CHILD", "CHILD=C1",
     "2026/episodes.csv", 2),
    (1, "T2", "rows of two tables", "warning", "header", "C1", "CHILD", "CHILD=C1",
     "2026/header.csv", 1),
]  # fmt: skip


def _return(con: duckdb.DuckDBPyConnection) -> RuleContext:
    con.execute(
        """
        create table t_episodes as select * from (values
            ('C1', date '2025-06-01', null, '2026/episodes.csv', 1),
            ('C1', date '2025-07-01', 'S', '2026/episodes.csv', 2),
            ('C2', null, 'P', '2026/episodes.csv', 3)
        ) as t(CHILD, DECOM, RNE, _source_file, _row_number);
        create table t_header as select * from (values
            ('C1', '2026/header.csv', 1), ('C2', '2026/header.csv', 2)
        ) as t(CHILD, _source_file, _row_number);
        """
    )
    ctx = RuleContext.for_year(YEAR)
    ctx.tables.update({"episodes": "t_episodes", "header": "t_header"})
    return ctx


@pytest.mark.parametrize("workers", [1, 2])
def test_batched_findings_are_written_out_in_full(workers: int) -> None:
    con = duckdb.connect()
    ctx = _return(con)
    ctx.workers = workers
    stats = run_rules_into(con, ctx, (TWO_FIELDS, TWO_TABLES, NOTHING), "_found")
    found = con.execute(
        "select _rule_index, rule_code, message, severity, table_name, child_id, fields, "
        f"field_values, source_file, row_number from _found order by {ORDER}"
    ).fetchall()
    assert found == EXPECTED
    checks, years = con.execute(
        "select list(distinct check_name), list(distinct collection_year) from _found"
    ).fetchone()
    assert (checks, years) == (["dfe_903_rules"], [YEAR])
    assert [s["status"] for s in stats] == ["ran", "ran", "ran"]
    # the batches' rows table is gone; only the findings are left
    tables = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
    assert "_found_rows" not in tables


def test_a_rule_alone_writes_the_same_columns() -> None:
    con = duckdb.connect()
    ctx = _return(con)
    alone = []
    for index, rule in enumerate((TWO_FIELDS, TWO_TABLES, NOTHING)):
        rows = con.execute(
            "select rule_code, message, severity, table_name, child_id, fields, field_values, "
            f"source_file, row_number from ({finding_sql(rule, ctx, rule.severity)}) "
            "order by source_file, row_number, table_name"
        ).fetchall()
        alone += [(index, *row) for row in rows]
    assert alone == EXPECTED


def test_the_rows_table_goes_when_a_rule_breaks() -> None:
    con = duckdb.connect()
    ctx = _return(con)
    broken = Rule(
        code="T9",
        message="breaks",
        table="episodes",
        fields=("CHILD",),
        sql="select CHILD, _source_file, _row_number from {episodes} where no_such_column",
    )
    with pytest.raises(duckdb.BinderException, match="no_such_column"):
        run_rules_into(con, ctx, (TWO_FIELDS, broken), "_found")
    tables = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
    assert "_found_rows" not in tables


FAKE_RETURN = Path(__file__).parent / "fixtures" / "validator_fake_903"
COLUMNS = (
    "check_name, rule_code, message, severity, table_name, child_id, fields, field_values, "
    "source_file, row_number, collection_year"
)


def test_the_validators_fake_return_gets_the_same_findings_batched_as_rule_by_rule() -> None:
    """On the public validator's own fake return (its labels, blanks and dates), every DfE
    rule of 2025 batched gives exactly the rows each rule gives alone, in the same order."""
    con = duckdb.connect()
    land_return(con, FAKE_RETURN, 2025)
    ctx = prepare_files(con, 2025, RuleContext.for_year(2025, "E09000015"))
    rules = tuple(r for r in rules_for(2025) if r.dfe and ctx.has(r.required_tables))
    run_rules_into(con, ctx, rules, "_found")
    batched = con.execute(f"select {COLUMNS} from _found order by {ORDER}").fetchall()
    alone = []
    for index, rule in enumerate(rules):
        alone += con.execute(
            f"select {index} as _rule_index, {COLUMNS} "
            f"from ({finding_sql(rule, ctx, rule.severity)}) order by {ORDER}"
        ).fetchall()
    assert len(batched) > 1000 and len({row[1] for row in batched}) > 50
    assert batched == [row[1:] for row in alone]
