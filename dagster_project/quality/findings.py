"""Findings: one row per failing record, the same shape whatever check found it.

A caseworker filters `findings.csv` by child or rule and fixes the record in the case
system; the summary says which rules failed how often. Child IDs and values appear in
`findings.csv` only (they are how a caseworker finds the record), never in
`rule_summary.csv`, the quality page (`index.html`), Dagster metadata or logs. Every text
cell of both CSV files is neutralised against spreadsheet formulas (`formulas`).
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pandas as pd

from dagster_project.formulas import neutralise_frame
from dagster_project.quality.rule import BLOCKING_CLASSES

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


def empty() -> pd.DataFrame:
    return frame([])


def frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    """Findings with exactly the columns above, in order, whatever the rows carried."""
    df = pd.DataFrame(rows, columns=list(COLUMNS))
    return normalise(df)


def normalise(df: pd.DataFrame) -> pd.DataFrame:
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
# shows what is the same for every finding of the rule instead.
_PER_RECORD_MESSAGES = {
    "mosaic_timeline": lambda text: text.rsplit(": ", 1)[-1],  # "<type> <id>: <resolution>"
}
# (landing's messages name files, columns, lines and counts only: shown as they are)


def _rule_message(check: object, message: object) -> object:
    shorten = _PER_RECORD_MESSAGES.get(str(check))
    if shorten is None or not isinstance(message, str):
        return message
    return shorten(message)


def summary(findings: pd.DataFrame, rule_stats: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per rule: how many records failed and how many children, and whether it blocks.

    Counts, codes, the rule's own message and the fields it reads: never a child's ID or a
    value (a message that may name a record is replaced by the rule's general one).
    """
    grouped = (
        findings.groupby(["check_name", "rule_code"], dropna=False)
        .agg(
            message=("message", "first"),
            severity=("severity", "first"),
            table_name=("table_name", "first"),
            failing_rows=("rule_code", "size"),
            children=("child_id", "nunique"),
            fields=("fields", "first"),
        )
        .reset_index()
    )
    grouped["message"] = [
        _rule_message(c, m) for c, m in zip(grouped["check_name"], grouped["message"], strict=True)
    ]
    if rule_stats is not None and not rule_stats.empty:
        grouped = rule_stats.merge(
            grouped, on=["check_name", "rule_code"], how="outer", suffixes=("_rule", "")
        )
        for col in ("message", "severity", "table_name"):
            grouped[col] = grouped[col].fillna(grouped.pop(f"{col}_rule"))
        grouped["failing_rows"] = grouped["failing_rows"].fillna(0).astype(int)
        grouped["children"] = grouped["children"].fillna(0).astype(int)
        grouped["status"] = grouped["status"].fillna("ran")
    else:
        grouped["status"] = "ran"
    grouped["blocking"] = grouped["severity"].isin(BLOCKING_CLASSES) & grouped["failing_rows"].gt(0)
    columns = [
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
    ]
    return grouped[columns].sort_values(["check_name", "rule_code"]).reset_index(drop=True)


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


def write_csv(findings: pd.DataFrame, rule_summary: pd.DataFrame, folder: Path) -> None:
    """`findings.csv`, `rule_summary.csv` and the quality page `index.html`.

    Each written whole then renamed into place; text cells neutralised against formulas.
    """
    from dagster_project.quality.page import write_page

    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    for name, df in (("findings.csv", findings), ("rule_summary.csv", rule_summary)):
        tmp = folder / f".{name}.tmp"
        # CRLF (RFC 4180): a CR or LF inside a value is then quoted, never a row break
        neutralise_frame(df).to_csv(
            tmp, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n"
        )
        tmp.replace(folder / name)
    write_page(findings, rule_summary, folder)
