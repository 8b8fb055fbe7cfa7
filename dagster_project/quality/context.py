"""The tables the DfE rules read, prepared once per run as temporary views.

The 903 rules are written for one collection year's return. The marts hold a child's whole
history (several years, one source or the other), so each run narrows them to the rows a
return for the collection year would carry, and keeps the full history beside them for
chain checks. Views are temporary (this connection only): nothing is written to the
warehouse, and a test can point the same rules at tables it made itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import duckdb

from dagster_project.quality.sql import create_macros, oc2_cohort_sql, ordered_episodes_sql

PROVENANCE = ("_source_file", "_row_number")
MART_SCHEMA = "marts"

# placeholder -> (mart table, rows of the collection year when the table has no year column)
# A 903 source's rows carry `collection_year` (the return they came from): the year's rows
# are exactly that return. Rows derived from Mosaic have none: the year's rows are those
# a return would carry (open at some time in the year).
MARTS: dict[str, tuple[str, str | None]] = {
    "episodes_all": ("ssda903_episodes", None),
    "episodes": (
        "ssda903_episodes",
        "(DECOM is null or DECOM <= {end}) and (DEC is null or DEC >= {start})",
    ),
    "uasc": ("ssda903_uasc", None),
    "oc2": ("ssda903_oc2", "false"),
    "oc3": ("ssda903_oc3", "false"),
    "missing": (
        "ssda903_missing",
        "(MIS_START is null or MIS_START <= {end}) and (MIS_END is null or MIS_END >= {start})",
    ),
    "reviews": ("ssda903_reviews", "(REVIEW is null or REVIEW between {start} and {end})"),
    # a year's header lists the children of that year's episodes and care leavers
    "header": ("ssda903_header", "CHILD in (select CHILD from {year_children})"),
}
COLLECTION_YEARS = ("intermediate", "int_collection_years")
# The OC3 cohort as the dbt project derives it (indicators.md), one row per care leaver.
OC3_COHORT = ("intermediate", "int_oc3_statuses")
# A Mosaic-derived row has no return: the year's return would show what was known at 31
# March, so an end after the year end is blank there (the episode was open).
AS_AT_YEAR_END = {
    "episodes": {
        "DEC": "case when {derived} and DEC > {end} then null else DEC end",
        "REC": "case when {derived} and DEC > {end} then null else REC end",
        "REASON_PLACE_CHANGE": (
            "case when {derived} and DEC > {end} then null else REASON_PLACE_CHANGE end"
        ),
    },
    "missing": {"MIS_END": "case when {derived} and MIS_END > {end} then null else MIS_END end"},
}
RAW = {
    "raw_episodes": "ssda903_episodes",
    "raw_header": "ssda903_header",
    "raw_uasc": "ssda903_uasc",
    "raw_missing": "ssda903_missing",
    "raw_reviews": "ssda903_reviews",
}


@dataclass
class RuleContext:
    """What one run's rules read: the collection year and a view per placeholder."""

    collection_year: int
    tables: dict[str, str] = field(default_factory=dict)

    @property
    def start(self) -> dt.date:
        return dt.date(self.collection_year - 1, 4, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.collection_year, 3, 31)

    @property
    def params(self) -> dict[str, object]:
        return {
            "collection_year": self.collection_year,
            "collection_start": f"DATE '{self.start.isoformat()}'",
            "collection_end": f"DATE '{self.end.isoformat()}'",
        }

    def has(self, placeholders: tuple[str, ...]) -> bool:
        return all(p in self.tables for p in placeholders)


def columns(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> list[str]:
    rows = con.execute(
        "select column_name from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, table],
    ).fetchall()
    return [r[0] for r in rows]


def catalog(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], list[str]]:
    """Every table's columns, in one query (information_schema is slow to ask one by one)."""
    found: dict[tuple[str, str], list[str]] = {}
    rows = con.execute(
        "select table_schema, table_name, column_name from information_schema.columns "
        "order by table_schema, table_name, ordinal_position"
    ).fetchall()
    for schema, table, column in rows:
        found.setdefault((schema, table), []).append(column)
    return found


def _view(
    con: duckdb.DuckDBPyConnection,
    name: str,
    schema: str,
    table: str,
    by_date: str | None,
    year: int | None,
    end: str | None = None,
    known: dict[tuple[str, str], list[str]] | None = None,
) -> bool:
    """A temp view `dq_<name>` over a table, with provenance columns always present."""
    cols = known.get((schema, table)) if known is not None else columns(con, schema, table)
    if not cols:
        return False
    present = {c.lower() for c in cols}
    extra = "".join(
        f", cast(null as {'bigint' if c == '_row_number' else 'varchar'}) as {c}"
        for c in (*PROVENANCE, "source_system")
        if c not in present
    )
    replace = ""
    if name in AS_AT_YEAR_END and end is not None:
        derived = "collection_year is null" if "collection_year" in present else "true"
        replace = (
            " replace ("
            + ", ".join(
                f"{expr.format(derived=derived, end=end)} as {col}"
                for col, expr in AS_AT_YEAR_END[name].items()
            )
            + ")"
        )
    where = None
    if by_date is not None and year is not None:
        if "year" in present:
            where = f"YEAR = {year}"
        elif "collection_year" in present:
            where = f"(collection_year = {year} or (collection_year is null and {by_date}))"
        else:
            where = by_date
    con.execute(
        f'create or replace temp view "dq_{name}" as '
        f'select *{replace}{extra} from "{schema}"."{table}"' + (f" where {where}" if where else "")
    )
    return True


def latest_collection_year(
    con: duckdb.DuckDBPyConnection, source_system: str, schema: str = MART_SCHEMA
) -> int | None:
    """The return the rules check when configuration does not name one.

    The latest of the collection years the dbt project says the data covers
    (`intermediate.int_collection_years`: each 903 year supplied; for Mosaic each year
    whose 31 March the extract has reached). Without that model: the latest landed 903
    year, or the year holding the latest episode date.
    """
    if columns(con, *COLLECTION_YEARS):
        year = con.execute(
            f"select max(collection_year) from {'.'.join(COLLECTION_YEARS)}"
        ).fetchone()[0]
        if year:
            return int(year)
    if source_system == "ssda903" and columns(con, "raw", "ssda903_episodes"):
        year = con.execute(
            "select max(try_cast(_batch as integer)) from raw.ssda903_episodes"
        ).fetchone()[0]
        if year:
            return int(year)
    if not columns(con, schema, "ssda903_episodes"):
        return None
    latest = con.execute(
        f'select max(greatest(DECOM, coalesce(DEC, DECOM))) from "{schema}".ssda903_episodes'
    ).fetchone()[0]
    if latest is None:
        return None
    return latest.year + 1 if (latest.month, latest.day) > (3, 31) else latest.year


def prepare(
    con: duckdb.DuckDBPyConnection,
    collection_year: int,
    source_system: str,
    schema: str = MART_SCHEMA,
) -> RuleContext:
    """Create the temporary views the rules read and say which exist."""
    ctx = RuleContext(collection_year=collection_year)
    bounds = {
        "start": ctx.params["collection_start"],
        "end": ctx.params["collection_end"],
        "year": collection_year,
    }
    known = catalog(con)
    for name, (table, by_date) in MARTS.items():
        if name == "header":
            children = [
                f'select CHILD from "dq_{t}"' for t in ("episodes", "oc3") if t in ctx.tables
            ]
            bounds["year_children"] = "(" + (" union ".join(children) or "select null") + ")"
        by_date = by_date.format(**bounds) if by_date else None
        year = collection_year if by_date else None
        if _view(con, name, schema, table, by_date, year, str(bounds["end"]), known):
            ctx.tables[name] = f"dq_{name}"
    for name, table in RAW.items():
        # only a 903 source has 903 text to check; the raw GX suite covers Mosaic's
        batch = f"_batch = '{collection_year}'" if source_system == "ssda903" else "false"
        if _view(con, name, "raw", table, None, None, known=known):
            con.execute(
                f'create or replace temp view "dq_{name}" as '
                f'select * from raw."{table}" where {batch}'
            )
            ctx.tables[name] = f"dq_{name}"
    if ("reference", "postcodes") in known:
        ctx.tables["postcodes"] = "reference.postcodes"
    create_macros(con)
    for name, source in (
        ("episodes_ordered", "episodes"),
        ("episodes_all_ordered", "episodes_all"),
    ):
        if source in ctx.tables:
            con.execute(
                f'create or replace temp view "dq_{name}" as '
                + ordered_episodes_sql(f'"{ctx.tables[source]}"')
            )
            ctx.tables[name] = f"dq_{name}"
    if "episodes" in ctx.tables:
        con.execute(
            'create or replace temp view "dq_oc2_cohort" as '
            + oc2_cohort_sql('"dq_episodes"', str(bounds["start"]), str(bounds["end"]))
        )
        ctx.tables["oc2_cohort"] = "dq_oc2_cohort"
    if OC3_COHORT in known:
        con.execute(
            'create or replace temp view "dq_oc3_cohort" as '
            f'select * from "{OC3_COHORT[0]}"."{OC3_COHORT[1]}" '
            f"where period_end = {bounds['end']}"
        )
        ctx.tables["oc3_cohort"] = "dq_oc3_cohort"
    return ctx
