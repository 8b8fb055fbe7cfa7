"""The record errors the indicators count: the table behind dbt source `quality.record_errors`.

Record errors (spec/outputs.md v2: faults in a child's records that make that child's part
of a figure unreliable) are found by the quality checks, which run in Python (DfE rules, GX
suites). They are written here, one row per finding, before dbt builds the indicators; dbt
marks each indicator member whose child has one (`indicator_members.has_record_error`) and
counts them per figure (`indicator_values.dq_affected`). The table holds only unresolved
record errors: whoever fills it replaces its rows on every run.

Contract (more columns may be added; these are read):

- `CHILD`: the child the finding is about (a finding with no child counts against nothing).
- `rule_code`: DfE or local rule code (e.g. 388), or the GX expectation.
- `check_name`: the check that found it (e.g. dfe_903_rules, gx_raw, mosaic_timeline).
- `source_file`, `row_number`: the landed file and data row (provenance, for the reader).
- `collection_year`: the collection year (year of its 31 March) of the return the finding was
  made in: it counts against figures dated in that collection year or later (from 1 April
  of the year before), because a figure at P reads the child's history up to P. Null: a
  finding not tied to a year, counted at every date.

Also `message`, `severity`, `table_name`, `fields`, `field_values`: the finding as
`findings.csv` shows it, so the gate reuses the rows instead of running the rules again.

Filled by the asset `["quality", "record_errors"]` (quality/record_errors.py) on every
run, before dbt builds the indicators; created empty by
`landing.bootstrap.ensure_all_sources`, so dbt builds on any warehouse.
"""

from __future__ import annotations

import duckdb

SCHEMA = "quality"
TABLE = "record_errors"
COLUMNS = (
    ("CHILD", "VARCHAR"),
    ("rule_code", "VARCHAR"),
    ("check_name", "VARCHAR"),
    ("source_file", "VARCHAR"),
    ("row_number", "BIGINT"),
    ("collection_year", "INTEGER"),
    # the finding as `findings.csv` shows it (quality/findings.py), for the gate to reuse
    ("message", "VARCHAR"),
    ("severity", "VARCHAR"),
    ("table_name", "VARCHAR"),
    ("fields", "VARCHAR"),
    ("field_values", "VARCHAR"),
)
DDL = f"create schema if not exists {SCHEMA}; create table if not exists {SCHEMA}.{TABLE} (" + (
    ", ".join(f'"{name}" {kind}' for name, kind in COLUMNS) + ")"
)


def ensure_record_errors(con: duckdb.DuckDBPyConnection) -> None:
    """Create the (empty) table when absent; an existing one is left as it is."""
    con.execute(DDL)
