"""Findings: one row per failing record, the same shape whatever check found it.

A caseworker filters `findings.csv` by child or rule and fixes the record in the case
system; the summary says which rules failed how often. Child IDs and values appear in
`findings.csv` only (they are how a caseworker finds the record), never in
`rule_summary.csv`, the quality page (`index.html`), Dagster metadata or logs. Every text
cell of both CSV files is neutralised against spreadsheet formulas (`formulas`).

The summary, the CSV files and the page are made by DuckDB from tables or views of
findings, whoever found them: `cla validate` keeps its findings in DuckDB from the rules to
the files (no pandas: its import alone was a fifth of a call), and the nightly gate, whose
checks hand over frames, passes them in as views (`summary`, `write_csv`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from dagster_project.formulas import neutralise_sql
from dagster_project.quality.rule import BLOCKING_CLASSES
from dagster_project.sql_text import literal

if TYPE_CHECKING:
    import pandas as pd

FINDINGS_TABLE = "marts.dq_findings"
SUMMARY_TABLE = "marts.dq_rule_summary"

COLUMNS = (
    "check_name",  # dfe_903_rules, gx_raw, gx_staging, gx_marts, landing
    "rule_code",  # DfE rule code, or the GX expectation's id
    "message",
    "severity",  # structural, record_error or warning (spec/outputs.md v2)
    "blocking",  # whether it stops publication (structural; record errors: quality/impact.py)
    "table_name",
    "child_id",
    "fields",
    "field_values",
    "source_file",
    "row_number",
    "collection_year",
)
SUMMARY_COLUMNS = (
    "check_name",
    "rule_code",
    "message",
    "severity",
    "table_name",
    "fields",
    "status",
    "failing_rows",
    "children",
    "blocking",
)
# a finding blocks publication when its class does (SQL of a row with a `severity`)
BLOCKING_SQL = "coalesce(severity in ({}), false)".format(
    ", ".join("'" + c + "'" for c in sorted(BLOCKING_CLASSES))
)


def empty() -> pd.DataFrame:
    return frame([])


def frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    """Findings with exactly the columns above, in order, whatever the rows carried."""
    import pandas as pd

    df = pd.DataFrame(rows, columns=list(COLUMNS))
    return normalise(df)


def normalise(df: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    for col in COLUMNS:
        if col not in df.columns:
            df[col] = None
    df = df[list(COLUMNS)].copy()
    df["blocking"] = df["severity"].isin(BLOCKING_CLASSES)
    df["row_number"] = pd.to_numeric(df["row_number"], errors="coerce").astype("Int64")
    df["collection_year"] = pd.to_numeric(df["collection_year"], errors="coerce").astype("Int64")
    for col in COLUMNS:
        if col not in ("blocking", "row_number", "collection_year"):
            df[col] = df[col].astype("string")
    return df


# Checks whose finding messages are per record (they may name the record): the summary
# shows what is the same for every finding of the rule instead (SQL of the `message`).
_PER_RECORD_MESSAGES = {
    "mosaic_timeline": "string_split(message, ': ')[-1]",  # "<type> <id>: <resolution>"
}
# (landing's messages name files, columns, lines and counts only: shown as they are)


def _rule_message_sql() -> str:
    cases = " ".join(
        f"when check_name = '{check}' then {sql}" for check, sql in _PER_RECORD_MESSAGES.items()
    )
    return f"case {cases} else message end"


def _first(column: str) -> str:
    """The column's first value that is not blank, in the findings' order."""
    return f"first({column} order by _n) filter (where {column} is not null)"


def create_summary(
    con: duckdb.DuckDBPyConnection, findings: str, stats: str | None, target: str
) -> None:
    """The temp table `target`: per rule, how many records failed and how many children,
    and whether it blocks, from the findings `findings` and the rules' statistics `stats`
    (check_name, rule_code, message, severity, table_name, status: every rule run,
    skipped or off, failing or not).

    Counts, codes, the rule's own message and the fields it reads: never a child's ID or a
    value (a message that may name a record is replaced by the rule's general one).
    """
    found = f"""
        select
            check_name,
            rule_code,
            {_first(_rule_message_sql())} as message,
            {_first("severity")} as severity,
            {_first("table_name")} as table_name,
            count(*) as failing_rows,
            count(distinct child_id) as children,
            {_first("fields")} as fields
        from (select *, row_number() over () as _n from {findings})
        group by check_name, rule_code
    """
    if stats is None:
        merged = f"select *, 'ran' as status from ({found})"
    else:
        merged = f"""
            select
                coalesce(f.check_name, s.check_name) as check_name,
                coalesce(f.rule_code, s.rule_code) as rule_code,
                coalesce(f.message, s.message) as message,
                coalesce(f.severity, s.severity) as severity,
                coalesce(f.table_name, s.table_name) as table_name,
                coalesce(f.failing_rows, 0) as failing_rows,
                coalesce(f.children, 0) as children,
                f.fields,
                coalesce(s.status, 'ran') as status
            from (select check_name, rule_code, message, severity, table_name, status
                  from {stats}) as s
            full outer join ({found}) as f
                on f.check_name is not distinct from s.check_name
                and f.rule_code is not distinct from s.rule_code
        """
    con.execute(
        f"""
        create or replace temp table {target} as
        select
            check_name, rule_code, message, severity, table_name, fields, status,
            failing_rows, children, {BLOCKING_SQL} and failing_rows > 0 as blocking
        from ({merged})
        order by check_name nulls last, rule_code nulls last
        """
    )


def summary(findings: pd.DataFrame, rule_stats: pd.DataFrame | None = None) -> pd.DataFrame:
    """`create_summary` of findings and rule statistics held as frames (the nightly gate)."""
    con = duckdb.connect()
    try:
        con.register("_findings", findings)
        stats = None
        if rule_stats is not None and not rule_stats.empty:
            con.register("_stats", rule_stats)
            stats = "_stats"
        create_summary(con, "_findings", stats, "_summary")
        return con.execute("select * from _summary").df()
    finally:
        con.close()


def write_warehouse(
    con: duckdb.DuckDBPyConnection, findings: pd.DataFrame, rule_summary: pd.DataFrame
) -> None:
    """Replace the run's findings and summary in the warehouse (analysts' copy: publication)."""
    con.execute("create schema if not exists marts")
    for table, df in ((FINDINGS_TABLE, findings), (SUMMARY_TABLE, rule_summary)):
        con.register("_dq_frame", df)
        try:
            con.execute(f"create or replace table {table} as select * from _dq_frame")
        finally:
            con.unregister("_dq_frame")


def _csv_select(con: duckdb.DuckDBPyConnection, relation: str) -> str:
    """The rows of `relation` as the CSV files show them: text neutralised against formulas
    (an empty text is written empty, as a missing one), True/False for booleans."""
    shown = []
    for name, kind, *_ in con.execute(f"describe select * from {relation}").fetchall():
        column = '"' + name.replace('"', '""') + '"'
        if kind == "VARCHAR":
            shown.append(f"nullif({neutralise_sql(column)}, '') as {column}")
        elif kind == "BOOLEAN":
            shown.append(
                f"case when {column} then 'True' when not {column} then 'False' end as {column}"
            )
        else:
            shown.append(column)
    return f"select {', '.join(shown)} from {relation}"


def write_files(
    con: duckdb.DuckDBPyConnection, findings: str, rule_summary: str, folder: Path
) -> None:
    """`findings.csv`, `rule_summary.csv` and the quality page `index.html` from the
    findings and summary relations of `con` (names of tables or views, read in order).

    Each written whole then renamed into place; text cells neutralised against formulas.
    """
    from dagster_project.quality.page import write_page, written_whole

    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    for name, relation in (("findings.csv", findings), ("rule_summary.csv", rule_summary)):
        with written_whole(folder / name) as tmp:
            target = literal(str(tmp))
            # CRLF (RFC 4180): a CR or LF inside a value is then quoted, never a row break
            con.execute(
                f"copy ({_csv_select(con, relation)}) to {target} "
                "(format csv, header true, delimiter ',', quote '\"', new_line '\r\n')"
            )
    write_page(con, findings, rule_summary, folder)


def write_csv(findings: pd.DataFrame, rule_summary: pd.DataFrame, folder: Path) -> None:
    """`write_files` of findings and summary held as frames (the nightly gate)."""
    con = duckdb.connect()
    try:
        con.register("_findings", findings)
        con.register("_summary", rule_summary)
        write_files(con, "_findings", "_summary", folder)
    finally:
        con.close()
