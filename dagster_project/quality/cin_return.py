"""One CIN census return as submitted, typed: what the CIN census rules read.

As for the 903 return (quality/typed_return.py), the rules check the census as the LA sent
it, never the staged models: each `raw.cin_*` table of one census year (`_batch`) becomes a
temporary view where blank is null, codes are upper-cased and trimmed, the child's ID
(`LAchildID`) is trimmed and also given as `CHILD` (the findings' child), and every date is
parsed by the one date definition (`date_forms`, as dbt staging parses it) with the text
kept beside it as `<element>_text`, so a rule sees a date that does not parse. Every row
keeps `_source_file` and `_row_number` (the element's line in the file). A plan's own line
is its identity (`CPPID` for child protection plans, `CINPlanID` for CIN plans), as the
public validator gives plans an ID; rows under a referral carry its line
(`cin_details_row`), which is the referral's `_row_number`.
"""

from __future__ import annotations

import datetime as dt

import duckdb

from dagster_project.date_forms import parse_date_sql
from dagster_project.landing.cin_census import census_contracts
from dagster_project.quality.context import RuleContext, columns

RAW_SCHEMA = "raw"
# The census elements that are dates (DfE's CIN census specification).
DATES = frozenset(
    {
        "ReferenceDate",
        "PersonBirthDate",
        "ExpectedPersonBirthDate",
        "PersonDeathDate",
        "CINreferralDate",
        "CINclosureDate",
        "DateOfInitialCPC",
        "AssessmentActualStartDate",
        "AssessmentInternalReviewDate",
        "AssessmentAuthorisationDate",
        "CINPlanStartDate",
        "CINPlanEndDate",
        "S47ActualStartDate",
        "InitialCPCtarget",
        "CPPstartDate",
        "CPPendDate",
        "CPPreviewDate",
    }
)
# Kept as given (trimmed): identifiers and numbers.
AS_GIVEN = frozenset(
    {"LAchildID", "UPN", "FormerUPN", "NumberOfPreviousCPP", "cin_details_row", "cpp_row"}
)
# Every table's extra columns: the child, and a plan's identity (its line).
IDENTITIES = {
    "child_protection_plans": "CPPID",
    "cin_plans": "CINPlanID",
    "section47": "S47ID",
    "assessments": "AssessmentID",
}


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def typed_select(table: str, relation: str, present: set[str]) -> str:
    """The census table `table` from `relation` (text columns, provenance), typed."""
    contract = census_contracts()[table]
    select: list[str] = []
    for column in contract.columns:
        raw = f"r.{q(column)}" if column in present else "cast(null as varchar)"
        if column in DATES:
            text = f"nullif(trim({raw}), '')"
            select.append(f"{parse_date_sql(text)} as {q(column)}")
            select.append(f"{text} as {q(column + '_text')}")
        elif column in AS_GIVEN:
            select.append(f"nullif(trim({raw}), '') as {q(column)}")
        else:
            select.append(f"nullif(upper(trim({raw})), '') as {q(column)}")
    if "LAchildID" in contract.columns:
        select.append("nullif(trim(r.\"LAchildID\"), '') as CHILD")
    else:  # the header: no child
        select.append("cast(null as varchar) as CHILD")
    if "cin_details_row" in contract.columns:
        select.append('try_cast(r."cin_details_row" as bigint) as cin_details_id')
    if table == "cin_details":
        select.append("r._row_number as cin_details_id")
    if table in IDENTITIES:
        select.append(f"r._row_number as {IDENTITIES[table]}")
    select += ["r._source_file", "cast(r._row_number as bigint) as _row_number"]
    return f"select {', '.join(select)} from {relation} as r"


def census_years(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Census years landed (the years of their 31 March), oldest first."""
    if not columns(con, RAW_SCHEMA, "cin_cin_details"):
        return []
    rows = con.execute(
        f"select distinct try_cast(_batch as integer) as y from {RAW_SCHEMA}.cin_cin_details "
        "where y is not null order by y"
    ).fetchall()
    return [int(r[0]) for r in rows]


def prepare_census(con: duckdb.DuckDBPyConnection, year: int) -> RuleContext:
    """Temporary typed views of the census of `year` (this connection only)."""
    ctx = RuleContext.for_year(year)
    for table, contract in census_contracts().items():
        present = set(columns(con, RAW_SCHEMA, contract.table))
        if not present:
            continue
        relation = f"(select * from {RAW_SCHEMA}.{q(contract.table)} where _batch = '{int(year)}') "
        view = f"dq_cin_{table}"
        con.execute(
            f"create or replace temp view {q(view)} as " + typed_select(table, relation, present)
        )
        ctx.tables[f"cin_{table}"] = view
    return ctx


def prepare_census_seen(
    con: duckdb.DuckDBPyConnection, year: int, seen: dict[str, tuple[str, set[str]]]
) -> RuleContext:
    """Typed views from relations a caller made (tests): `table` -> (relation, columns)."""
    ctx = RuleContext.for_year(year)
    for table, (relation, present) in seen.items():
        view = f"dq_cin_{table}"
        con.execute(
            f"create or replace temp view {q(view)} as " + typed_select(table, relation, present)
        )
        ctx.tables[f"cin_{table}"] = view
    return ctx


def census_period(year: int) -> tuple[dt.date, dt.date]:
    """The census year: 1 April to 31 March (DfE's `make_census_period`)."""
    return dt.date(year - 1, 4, 1), dt.date(year, 3, 31)
