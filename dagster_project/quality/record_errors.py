"""Record errors before the indicators: the rows of `quality.record_errors`, found once per run.

The indicators count, per figure, the children with an unresolved record error
(`indicator_values.dq_affected`), so those errors must be known before dbt builds the
indicator models. Only DfE's record-error rules run here (codes outside the year's lists,
dates that do not parse, overlaps, broken X1 chains, duplicates, CLA03), on the returns
the figures read: the latest collection year and the HISTORY_YEARS before it. They are
cheap (SQL on the typed return, no GX). The gate later runs every other rule and reuses
these findings rather than running the same rules twice (`load_for_run`), when they were
found by the same Dagster run for the same collection year.

Child IDs and values go to the warehouse table only (private, like every raw table);
what is returned for Dagster metadata is counts.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import duckdb
import pandas as pd

from dagster_project.quality import findings as fnd
from dagster_project.quality.context import (
    RuleContext,
    collection_years,
    columns,
    prepare,
    reads_previous_year,
)
from dagster_project.quality.engine import RuleRun, run_rules
from dagster_project.quality.rule import RECORD_ERROR, Rule
from dagster_project.quality.rules import rules_for
from dagster_project.transform import record_errors as contract

# Earlier returns checked for record errors: the years the figures read (outputs.md: every
# 31 March of the last five years).
HISTORY_YEARS = 5
# Returns checked at once, each on a connection of its own (two cores: 2.5 s -> see
# docs/benchmarks.md, sixth session).
YEAR_WORKERS = 2
RULES_TABLE = "record_error_rules"  # per rule of the latest year: status, and the run's id
_DEDUPE = ["rule_code", "table_name", "child_id", "fields", "field_values"]
_DEDUPE += ["source_file", "row_number"]


def is_record_error(rule: Rule, severity_of: dict[str, str]) -> bool:
    return severity_of.get(rule.code, rule.severity) == RECORD_ERROR


def checked_year(
    con: duckdb.DuckDBPyConnection,
    source_system: str,
    configured: int | None,
    landed: bool = False,
) -> tuple[int | None, list[int]]:
    """The collection year the gate checks (config, or the latest the data covers), and all.

    `landed`: the years of the landed 903 files, not dbt's `int_collection_years` (before
    dbt has run, that table is an earlier run's)."""
    years = collection_years(con, source_system, landed=landed)
    return configured or (years[-1] if years else None), years


def find(
    con: duckdb.DuckDBPyConnection,
    source_system: str,
    year: int,
    years: list[int],
    severity_of: dict[str, str],
    ctx: RuleContext | None = None,
) -> RuleRun:
    """The record-error rules of `year` and of each of the HISTORY_YEARS returns before it.

    A row a rule flags in several returns (a Mosaic row open over years; the same 903 row
    is never in two years' files) is reported once, for its latest year. `stats` are the
    latest year's rules only (the rule summary is per rule of the year checked).
    """
    earlier = [y for y in years if year - HISTORY_YEARS <= y < year]

    def latest_year() -> RuleRun:
        rules = tuple(r for r in rules_for(year) if is_record_error(r, severity_of))
        context = ctx or prepare(con, year, source_system, previous_year=reads_previous_year(rules))
        return run_rules(con, context, rules, severity_of)

    def earlier_year(checked: int) -> pd.DataFrame:
        # a connection of its own: the year's views and findings are temporary objects of
        # its own connection, so nothing is shared and nothing is written to the file
        with con.cursor() as cursor:
            history = tuple(r for r in rules_for(checked) if is_record_error(r, severity_of))
            # no record-error rule compares two returns: the year before is not typed
            # (half of this step's typing, docs/benchmarks.md)
            context = prepare(
                cursor, checked, source_system, previous_year=reads_previous_year(history)
            )
            return run_rules(cursor, context, history, severity_of).findings

    # the years at once, YEAR_WORKERS at a time (DuckDB plans and runs each year's SQL
    # with the interpreter lock released); the frames in the same order as one at a time
    with ThreadPoolExecutor(max_workers=YEAR_WORKERS, thread_name_prefix="years") as pool:
        latest_run = pool.submit(latest_year)
        history_runs = [pool.submit(earlier_year, y) for y in earlier]
        latest = latest_run.result()
        frames = [latest.findings, *(run.result() for run in history_runs)]
    found = [f for f in frames if not f.empty]
    if len(found) > 1:
        combined = pd.concat(found, ignore_index=True)
        combined = combined.sort_values("collection_year", ascending=False, kind="stable")
        latest.findings = fnd.normalise(combined.drop_duplicates(_DEDUPE).reset_index(drop=True))
    elif found:
        latest.findings = found[0]
    return latest


def store(
    con: duckdb.DuckDBPyConnection, run: RuleRun, year: int | None, run_id: str | None
) -> None:
    """Replace `quality.record_errors` (the dbt source's contract, plus the finding's
    columns) and the per-rule status the gate reuses."""
    table = f"{contract.SCHEMA}.{contract.TABLE}"
    con.execute(f"create schema if not exists {contract.SCHEMA}")
    rows = run.findings.rename(columns={"child_id": "CHILD"}).drop(columns=["blocking"])
    stats = run.stats.copy() if not run.stats.empty else _empty_stats()
    stats["collection_year"] = year
    stats["run_id"] = run_id
    con.register("_record_errors", rows)
    con.register("_record_error_rules", stats)
    try:
        con.execute("begin")
        con.execute(f"create or replace table {table} as {_typed_select('_record_errors')}")
        con.execute(
            f"create or replace table {contract.SCHEMA}.{RULES_TABLE} as "
            "select * from _record_error_rules"
        )
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    finally:
        con.unregister("_record_errors")
        con.unregister("_record_error_rules")


def _typed_select(relation: str) -> str:
    typed = ", ".join(f'cast("{name}" as {kind}) as "{name}"' for name, kind in contract.COLUMNS)
    return f"select {typed} from {relation}"


def nothing() -> RuleRun:
    """No record errors (no return landed: no collection year to check)."""
    return RuleRun(findings=fnd.empty(), stats=_empty_stats())


def _empty_stats() -> pd.DataFrame:
    return pd.DataFrame(
        columns=["check_name", "rule_code", "message", "severity", "table_name", "status"]
    )


def load_for_run(con: duckdb.DuckDBPyConnection, run_id: str, year: int) -> RuleRun | None:
    """This run's stored record errors for `year`, as the gate's findings; None when they
    were stored by another run or for another year (the gate then runs the rules itself)."""
    if not run_id or not columns(con, contract.SCHEMA, RULES_TABLE):
        return None
    stats = con.execute(
        f"select * from {contract.SCHEMA}.{RULES_TABLE} where run_id = ? and collection_year = ?",
        [run_id, year],
    ).df()
    if stats.empty:
        return None
    have = set(columns(con, contract.SCHEMA, contract.TABLE))
    if not {name for name, _ in contract.COLUMNS} <= have:
        return None
    found = con.execute(
        "select "
        + ", ".join(
            '"CHILD" as child_id' if c == "child_id" else f'"{c}"'
            for c in fnd.COLUMNS
            if c != "blocking"
        )
        + f" from {contract.SCHEMA}.{contract.TABLE}"
    ).df()
    stats = stats.drop(columns=["collection_year", "run_id"])
    return RuleRun(findings=fnd.normalise(found), stats=stats)
