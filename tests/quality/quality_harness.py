"""Run one DfE rule on hand-made rows, as a landed return or as core tables derived from Mosaic.

A test lists rows as text, as a 903 file holds them (`"DECOM": "01/05/2024"`; ISO dates are
accepted input too), only the columns it cares about. Each table's rows land in
`raw.ssda903_<table>` of a scratch DuckDB, batch = the row's `collection_year` (or `YEAR`,
default the year checked), `_row_number` = its 1-based position, so a test asserts exactly
which rows fail. `build` also makes the core tables (core.ssda903_*) from the same rows
(typed as dbt types them), so a test can check the return a Mosaic extract implies
(`source="mosaic"`).
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb

from dagster_project.landing.loader import ensure_raw_schema
from dagster_project.quality.context import CORE_SCHEMA, OC3_COHORT, RuleContext, prepare
from dagster_project.quality.engine import run_rule
from dagster_project.quality.rules import rule
from dagster_project.reference.postcodes import DDL as POSTCODES_DDL

PROV = {"collection_year": "integer", "_source_file": "varchar", "_row_number": "bigint"}
OC2_ITEMS = [
    "SDQ_SCORE",
    "SDQ_REASON",
    "CONVICTED",
    "HEALTH_CHECK",
    "IMMUNISATIONS",
    "TEETH_CHECK",
    "HEALTH_ASSESSMENT",
    "SUBSTANCE_MISUSE",
    "INTERVENTION_RECEIVED",
    "INTERVENTION_OFFERED",
]
CORE: dict[str, dict[str, str]] = {
    "episodes": {
        "CHILD": "varchar",
        "DECOM": "date",
        **dict.fromkeys(["RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER"], "varchar"),
        "DEC": "date",
        **dict.fromkeys(["REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"], "varchar"),
        **PROV,
    },
    "header": {
        **dict.fromkeys(["CHILD", "SEX"], "varchar"),
        "DOB": "date",
        **dict.fromkeys(["ETHNIC", "UPN", "MOTHER"], "varchar"),
        "MC_DOB": "date",
        **PROV,
    },
    "uasc": {"CHILD": "varchar", "SEX": "varchar", "DOB": "date", "DUC": "date", **PROV},
    "oc2": {
        "CHILD": "varchar",
        "DOB": "date",
        **dict.fromkeys(OC2_ITEMS, "varchar"),
        "YEAR": "integer",
        "_source_file": "varchar",
        "_row_number": "bigint",
    },
    "oc3": {
        "CHILD": "varchar",
        "DOB": "date",
        **dict.fromkeys(["IN_TOUCH", "ACTIV", "ACCOM"], "varchar"),
        "YEAR": "integer",
        "_source_file": "varchar",
        "_row_number": "bigint",
    },
    "missing": {
        "CHILD": "varchar",
        "DOB": "date",
        "MISSING": "varchar",
        "MIS_START": "date",
        "MIS_END": "date",
        **PROV,
    },
    "reviews": {
        "CHILD": "varchar",
        "DOB": "date",
        "REVIEW": "date",
        "REVIEW_CODE": "varchar",
        **PROV,
    },
}
YEAR = 2025  # collection year 2024-25: 1 April 2024 to 31 March 2025
OC3_COHORT_TYPES = {
    "CHILD": "varchar",
    "DOB": "date",
    "period_end": "date",
    "birthday": "date",
    "has_status": "boolean",
}


def _batch(row: dict[str, object], year: int) -> str:
    for key in ("_batch", "collection_year", "YEAR"):
        if key in row:
            value = row[key]
            return str(year if value is None else value)
    return str(year)


def _land(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, object]], year: int):
    """Rows as a landed file holds them: every value text, with batch and row number."""
    numbers: dict[str, int] = {}
    for row in rows:
        batch = _batch(row, year)
        numbers[batch] = numbers.get(batch, 0) + 1
        values = {
            k: (None if v is None else str(v))
            for k, v in row.items()
            if k not in ("_batch", "collection_year", "YEAR", "source_system")
        }
        values = {"_row_number": numbers[batch], **values, "_batch": batch}
        cols = list(values)
        existing = {
            r[0]
            for r in con.execute(
                "select column_name from information_schema.columns "
                "where table_schema = 'raw' and table_name = ?",
                [f"ssda903_{table}"],
            ).fetchall()
        }
        for col in cols:
            if col not in existing:
                con.execute(f'alter table raw.ssda903_{table} add column "{col}" varchar')
        names = ", ".join('"' + c + '"' for c in cols)
        con.execute(
            f"insert into raw.ssda903_{table} ({names}) values ({', '.join('?' for _ in cols)})",
            [values[c] for c in cols],
        )


def _insert(
    con: duckdb.DuckDBPyConnection,
    table: str,
    types: dict[str, str],
    rows: Iterable[dict[str, object]],
    defaults: dict[str, object],
) -> None:
    for number, row in enumerate(rows, start=1):
        values = {**defaults, "_row_number": number, **row}
        values.pop("source_system", None)
        values = {k: v for k, v in values.items() if k in types}
        cols = list(values)
        casts = ", ".join(f"try_cast(? as {types[c]})" for c in cols)
        con.execute(
            f"insert into {table} ({', '.join(cols)}) values ({casts})",
            [values[c] for c in cols],
        )


def build(
    con: duckdb.DuckDBPyConnection,
    raw: dict[str, list[dict[str, object]]] | None = None,
    postcodes: Iterable[tuple] = (),
    oc3_cohort: list[dict[str, object]] | None = None,
    year: int = YEAR,
    **tables: list[dict[str, object]],
) -> None:
    """Land the rows as the year's 903 files (`raw` rows replace a table's rows there: text
    dbt cannot type) and make the core tables from them; postcodes (postcode without spaces,
    easting, northing and optionally the ONS district) and, when given, the OC3 cohort the
    dbt project derives (the model context.OC3_COHORT names)."""
    if oc3_cohort is not None:
        schema, model = OC3_COHORT
        con.execute(f"create schema if not exists {schema}")
        cols = ", ".join(f"{c} {t}" for c, t in OC3_COHORT_TYPES.items())
        con.execute(f"create table {schema}.{model} ({cols})")
        for row in oc3_cohort:
            names = list(row)
            casts = ", ".join(f"cast(? as {OC3_COHORT_TYPES[c]})" for c in names)
            con.execute(
                f"insert into {schema}.{model} ({', '.join(names)}) values ({casts})",
                [row[c] for c in names],
            )
    con.execute(f"create schema if not exists {CORE_SCHEMA}")
    for name, types in CORE.items():
        cols = ", ".join(f"{c} {t}" for c, t in types.items())
        con.execute(f"create table {CORE_SCHEMA}.ssda903_{name} ({cols})")
        default_year = {"YEAR": year} if "YEAR" in types else {"collection_year": year}
        _insert(con, f"{CORE_SCHEMA}.ssda903_{name}", types, tables.get(name, []), default_year)
    ensure_raw_schema(con, "ssda903")
    for name, rows in {**tables, **(raw or {})}.items():
        _land(con, name, rows, year)
    if postcodes:
        con.execute(POSTCODES_DDL)
    for postcode, easting, northing, *laua in postcodes:
        con.execute(
            "insert into reference.postcodes (postcode, easting, northing, laua) "
            "values (?, ?, ?, ?)",
            [postcode, easting, northing, laua[0] if laua else None],
        )


def flagged(
    code: str,
    raw: dict[str, list[dict[str, object]]] | None = None,
    postcodes: Iterable[tuple] = (),
    year: int = YEAR,
    source: str = "ssda903",
    la_code: str | None = None,
    **tables: list[dict[str, object]],
) -> list[int] | list[tuple[str, int]]:
    """Row numbers (1-based, in the rule's table) that rule `code` reports on the return of
    `year` (a landed 903 return, or with `source="mosaic"` the return the core tables imply), for
    the reporting LA `la_code`."""
    con = duckdb.connect()
    try:
        build(con, raw, postcodes, year=year, **tables)
        ctx: RuleContext = prepare(con, year, source, la_code)
        the_rule = rule(code, year)
        assert ctx.has(the_rule.required_tables), f"{code} needs {the_rule.required_tables}"
        found = run_rule(con, the_rule, ctx, the_rule.severity)
    finally:
        con.close()
    assert (found["rule_code"] == code).all()
    if the_rule.table_column:
        return sorted(zip(found["table_name"], found["row_number"], strict=True))
    assert (found["table_name"] == the_rule.table).all()
    return sorted(int(n) for n in found["row_number"])
