"""Run the DfE rules over a return: their SQL in batches, findings into one table."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

import duckdb

from dagster_project import parallel
from dagster_project.quality import findings as fnd
from dagster_project.quality.context import RuleContext
from dagster_project.quality.rule import OFF, Rule
from dagster_project.sql_text import literal

if TYPE_CHECKING:
    import pandas as pd

CHECK = "dfe_903_rules"


@dataclass
class RuleRun:
    findings: pd.DataFrame
    stats: pd.DataFrame  # check_name, rule_code, message, severity, table_name, status


def _values_sql(rule: Rule) -> str:
    """The rule's fields' values as text, in `rule.fields` order (null where blank)."""
    shown = ", ".join(f'cast("{f}" as varchar)' for f in rule.fields)
    return f"cast([{shown}] as varchar[])"


def fields_sql(names: str) -> str:
    """A finding's `fields` ("FIELD, FIELD") from the SQL list of its field names."""
    return f"array_to_string({names}, ', ')"


def field_values_sql(names: str, values: str) -> str:
    """A finding's `field_values` ("FIELD=value; ..."; a blank value reads `(blank)`) from
    the SQL lists of its field names and their values: the one definition of that text."""
    return (
        f"array_to_string(list_transform(list_zip({names}, {values}), "
        "lambda pair: pair[1] || '=' || coalesce(pair[2], '(blank)')), '; ')"
    )


def finding_sql(rule: Rule, ctx: RuleContext, severity: str, check: str = CHECK) -> str:
    """The rule's query wrapped into the findings shape (`check`: the 903 or CIN rules)."""
    names = "cast([" + ", ".join(literal(f) for f in rule.fields) + "] as varchar[])"
    return f"""
        select
            {literal(check)} as check_name,
            {literal(rule.code)} as rule_code,
            {literal(rule.message)} as message,
            {literal(severity)} as severity,
            {"_table" if rule.table_column else literal(rule.table)} as table_name,
            cast(CHILD as varchar) as child_id,
            {fields_sql(names)} as fields,
            {field_values_sql(names, _values_sql(rule))} as field_values,
            cast(_source_file as varchar) as source_file,
            cast(_row_number as bigint) as row_number,
            {ctx.year} as collection_year
        from ({rule.render(ctx.tables, ctx.params, ctx.year)}) as failing
    """


def _rows_sql(index: int, rule: Rule, ctx: RuleContext) -> str:
    """The rule's failing rows, only what differs row by row (the rule's place in the run
    stands for its code, message, class and field names): planning the constant columns
    and the field text for every rule cost a fifth of the rules' time
    (docs/benchmarks.md)."""
    return f"""
        select {index} as _rule_index,
            {"_table" if rule.table_column else literal(rule.table)} as table_name,
            cast(CHILD as varchar) as child_id, {_values_sql(rule)} as field_list,
            cast(_source_file as varchar) as source_file,
            cast(_row_number as bigint) as row_number
        from ({rule.render(ctx.tables, ctx.params, ctx.year)}) as failing
    """


def run_rule(con: duckdb.DuckDBPyConnection, rule: Rule, ctx: RuleContext, severity: str):
    return con.execute(finding_sql(rule, ctx, severity)).df()


# Rules per query. Each query costs a round trip and a plan whatever it finds (about
# 10 ms): run one by one, 300 rules would cost 3 s before reading a row. Batched, DuckDB
# plans the rules' queries together and runs them in parallel over the same temp tables
# (docs/benchmarks.md).
BATCH = 40

# The findings table `run_rules_into` fills: the findings columns of `finding_sql`, and the
# rule's place in the run, which orders the findings.
_TABLE_COLUMNS = (
    "_rule_index integer, check_name varchar, rule_code varchar, message varchar, "
    "severity varchar, table_name varchar, child_id varchar, fields varchar, "
    "field_values varchar, source_file varchar, row_number bigint, collection_year integer"
)
# What the batches insert (`_rows_sql`): the rest comes from the rules' list, joined once.
_ROWS_COLUMNS = (
    "_rule_index integer, table_name varchar, child_id varchar, field_list varchar[], "
    "source_file varchar, row_number bigint"
)
# rule order, then each rule's rows by file and row: the same order on every run. Every
# column a rule's findings can differ in is named: a rule flagging one row of the file in
# two tables (205B: the header and the UASC table, from one Mosaic person) came out in
# either order from run to run before table_name and fields were.
ORDER = "_rule_index, source_file, row_number, table_name, child_id, fields, field_values"


def _batch_job(ctx: RuleContext, batch: list[tuple[int, Rule, str]], table: str) -> parallel.Job:
    """The batch's failing rows in one query; rule by rule when the batch fails, so a rule
    whose SQL breaks raises its own error, as it would alone."""
    selects = [_rows_sql(index, rule, ctx) for index, rule, _ in batch]

    def insert(con: duckdb.DuckDBPyConnection) -> None:
        try:
            con.execute(f"insert into {table} " + "\nunion all\n".join(selects))
        except duckdb.Error:
            for select in selects:
                con.execute(f"insert into {table} {select}")

    return insert


def _findings_from_rows(
    con: duckdb.DuckDBPyConnection,
    ctx: RuleContext,
    runnable: list[tuple[int, Rule, str]],
    rows: str,
    table: str,
) -> None:
    """`table` (the findings shape) from the batches' rows and each rule's code, message,
    class and fields, passed once as lists (one statement, whatever the rules)."""
    rules = {
        "_rule_index": ("integer", [index for index, _, _ in runnable]),
        "rule_code": ("varchar", [rule.code for _, rule, _ in runnable]),
        "message": ("varchar", [rule.message for _, rule, _ in runnable]),
        "severity": ("varchar", [severity for _, _, severity in runnable]),
        "field_names": ("varchar[]", [list(rule.fields) for _, rule, _ in runnable]),
    }
    listed = ", ".join(
        f"unnest(cast(${i + 1} as {kind}[])) as {name}"
        for i, (name, (kind, _)) in enumerate(rules.items())
    )
    con.execute(
        f"""
        insert into {table}
        select r._rule_index, {literal(CHECK)}, m.rule_code, m.message, m.severity,
            r.table_name, r.child_id, {fields_sql("m.field_names")},
            {field_values_sql("m.field_names", "r.field_list")},
            r.source_file, r.row_number, {ctx.year}
        from {rows} as r join (select {listed}) as m using (_rule_index)
        """,
        [values for _, values in rules.values()],
    )


def run_rules_into(
    con: duckdb.DuckDBPyConnection,
    ctx: RuleContext,
    rules: tuple[Rule, ...],
    table: str,
    severity_of: dict[str, str] | None = None,
) -> list[dict[str, object]]:
    """Run every rule whose tables exist into the table `table` (made afresh, temporary
    unless `ctx.workers` run the batches at once; read it `order by ORDER`); return each
    rule's statistics (ran, off, or skipped for a table absent).

    `rules` should be the year's (`rules_for(ctx.year)`); `severity_of` overrides a rule's
    class by its code (config/quality.yaml)."""
    severity_of = severity_of or {}
    runnable: list[tuple[int, Rule, str]] = []
    stats: list[dict[str, object]] = []
    for rule in rules:
        severity = severity_of.get(rule.code, rule.severity)
        status = "ran"
        if severity == OFF:
            status = "off"
        elif not ctx.has(rule.required_tables):
            missing = [t for t in rule.required_tables if t not in ctx.tables]
            status = "skipped: no " + ", ".join(missing)
        else:
            runnable.append((len(runnable), rule, severity))
        stats.append(
            {
                "check_name": CHECK,
                "rule_code": rule.code,
                "message": rule.message,
                "severity": severity,
                "table_name": rule.table,
                "status": status,
            }
        )
    if ctx.workers > 1:
        parallel.require_own_database(con)
    rows = f"{table}_rows"
    con.execute(f"{ctx.create('table')} {table} ({_TABLE_COLUMNS})")
    con.execute(f"{ctx.create('table')} {rows} ({_ROWS_COLUMNS})")
    # at once, smaller batches keep every connection busy to the end
    size = BATCH if ctx.workers <= 1 else BATCH // 2
    jobs = [
        _batch_job(ctx, runnable[start : start + size], rows)
        for start in range(0, len(runnable), size)
    ]
    try:
        parallel.run_jobs(con, jobs, ctx.workers)
        _findings_from_rows(con, ctx, runnable, rows, table)
    except BaseException:
        # the rule's own error is the one to see, not a failure to tidy up after it
        with contextlib.suppress(duckdb.Error):
            con.execute(f"drop table if exists {rows}")
        raise
    con.execute(f"drop table if exists {rows}")
    return stats


def run_rules(
    con: duckdb.DuckDBPyConnection,
    ctx: RuleContext,
    rules: tuple[Rule, ...],
    severity_of: dict[str, str] | None = None,
) -> RuleRun:
    """`run_rules_into`, its findings and statistics as frames (the nightly gate's)."""
    import pandas as pd

    table = "_rule_findings"
    stats = run_rules_into(con, ctx, rules, table, severity_of)
    try:
        found = con.execute(f"select * exclude (_rule_index) from {table} order by {ORDER}").df()
    finally:
        con.execute(f"drop table if exists {table}")
    result = fnd.normalise(found) if len(found) else fnd.empty()
    return RuleRun(findings=result, stats=pd.DataFrame(stats))
