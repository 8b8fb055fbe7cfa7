"""Run one DfE rule on hand-made rows in a scratch DuckDB shaped like the marts.

Tables have the SSDA903 marts' columns (dates typed DATE, codes upper case, provenance);
a test lists only the columns it cares about, and each row's `_row_number` is its 1-based
position, so a test asserts exactly which rows fail.
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb

from dagster_project.landing.loader import ensure_raw_schema
from dagster_project.quality.context import prepare
from dagster_project.quality.engine import run_rule
from dagster_project.quality.rules import rule
from dagster_project.reference.postcodes import DDL as POSTCODES_DDL

PROV = {"collection_year": "integer", "_source_file": "varchar", "_row_number": "bigint"}
MARTS: dict[str, dict[str, str]] = {
    "episodes": {
        **dict.fromkeys(["CHILD"], "varchar"),
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
        **dict.fromkeys(
            [
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
            ],
            "varchar",
        ),
        "YEAR": "integer",
        "source_system": "varchar",
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


def _insert(
    con: duckdb.DuckDBPyConnection,
    table: str,
    types: dict[str, str],
    rows: Iterable[dict[str, object]],
    defaults: dict[str, object],
) -> None:
    for number, row in enumerate(rows, start=1):
        values = {**defaults, "_row_number": number, **row}
        unknown = set(values) - set(types)
        assert not unknown, f"{table} has no column {unknown}"
        cols = list(values)
        casts = ", ".join(f"cast(? as {types[c]})" for c in cols)
        con.execute(
            f"insert into {table} ({', '.join(cols)}) values ({casts})",
            [values[c] for c in cols],
        )


OC3_COHORT = {
    "CHILD": "varchar",
    "DOB": "date",
    "period_end": "date",
    "birthday": "date",
    "has_status": "boolean",
}


def build(
    con: duckdb.DuckDBPyConnection,
    raw: dict[str, list[dict[str, object]]] | None = None,
    postcodes: list[tuple[str, float, float]] = (),
    oc3_cohort: list[dict[str, object]] | None = None,
    **marts: list[dict[str, object]],
) -> None:
    """Create every mart (empty unless given rows), raw 903 tables, postcodes and, when
    given, the OC3 cohort the dbt project derives (intermediate.int_oc3_statuses)."""
    if oc3_cohort is not None:
        con.execute("create schema if not exists intermediate")
        cols = ", ".join(f"{c} {t}" for c, t in OC3_COHORT.items())
        con.execute(f"create table intermediate.int_oc3_statuses ({cols})")
        for row in oc3_cohort:
            names = list(row)
            casts = ", ".join(f"cast(? as {OC3_COHORT[c]})" for c in names)
            con.execute(
                f"insert into intermediate.int_oc3_statuses ({', '.join(names)}) values ({casts})",
                [row[c] for c in names],
            )
    con.execute("create schema if not exists marts")
    for name, types in MARTS.items():
        cols = ", ".join(f"{c} {t}" for c, t in types.items())
        con.execute(f"create table marts.ssda903_{name} ({cols})")
        default_year = {"YEAR": YEAR} if "YEAR" in types else {"collection_year": YEAR}
        _insert(con, f"marts.ssda903_{name}", types, marts.get(name, []), default_year)
    if raw:
        ensure_raw_schema(con, "ssda903")  # the raw layer only when a test gives raw rows
    for name, rows in (raw or {}).items():
        table = f"raw.ssda903_{name}"
        types = {c: "varchar" for c in rows[0]} | {"_batch": "varchar", "_row_number": "bigint"}
        _insert(con, table, types, rows, {"_batch": str(YEAR)})
    if postcodes:
        con.execute(POSTCODES_DDL)
    for postcode, easting, northing in postcodes:
        con.execute(
            "insert into reference.postcodes (postcode, easting, northing) values (?, ?, ?)",
            [postcode, easting, northing],
        )


def flagged(
    code: str,
    raw: dict[str, list[dict[str, object]]] | None = None,
    postcodes: list[tuple[str, float, float]] = (),
    **marts: list[dict[str, object]],
) -> list[int] | list[tuple[str, int]]:
    """Row numbers (1-based, in the rule's table) that rule `code` reports."""
    con = duckdb.connect()
    try:
        build(con, raw, postcodes, **marts)
        ctx = prepare(con, YEAR, "ssda903")
        the_rule = rule(code)
        assert ctx.has(the_rule.tables_used), f"{code} needs {the_rule.tables_used}"
        found = run_rule(con, the_rule, ctx, the_rule.severity)
    finally:
        con.close()
    assert (found["rule_code"] == code).all()
    if the_rule.table_column:
        return sorted(zip(found["table_name"], found["row_number"], strict=True))
    assert (found["table_name"] == the_rule.table).all()
    return sorted(int(n) for n in found["row_number"])
