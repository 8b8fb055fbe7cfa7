"""The tables DfE's rules read: one collection year's return, typed, as temporary views.

The rules check one return, as submitted (quality/typed_return.py), never the cleaned
marts:

- from 903 files (`prepare_files`): the landed rows of that year's files (`raw.ssda903_*`,
  `_batch` = the year), and the previous year's as `<table>_last` when it was landed;
- from Mosaic (`prepare_mosaic`): the return the extract implies, cut from dbt's core
  SSDA903 tables (`core.ssda903_*`, built before the indicators so that the record errors
  found on them reach `indicator_values.dq_affected`) as a
  return for the year would carry it (rows open at some time in the year; an end after 31
  March blank, as it was not known then; SEX, and a code DfE replaced, coded as that
  year's list codes it), written out as text and typed the same way;
- from relations a caller made (`prepare_seen`): tests and the validator's fixtures.

The typed tables are temporary (this connection only): nothing is written to the warehouse.
`cla validate` alone, on an in-memory database of the return's own, makes them in its main
schema, where several connections share the typing and the rules (`RuleContext.workers`,
dagster_project/parallel.py); on a database file that is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

import duckdb

from dagster_project import parallel
from dagster_project.codes import all_codes, year_codes
from dagster_project.dbt_macros import render
from dagster_project.quality import typed_return as tr
from dagster_project.quality.rule import RETURN_TABLES, Rule
from dagster_project.quality.sql import create_macros, ordered_episodes_sql
from dagster_project.reference.local_authorities import find, local_authorities
from dagster_project.sql_text import literal

# dbt's SSDA903 tables as built from the source (marts.ssda903_* are views of them)
CORE_SCHEMA = "core"
RAW_SCHEMA = "raw"
COLLECTION_YEARS = ("intermediate", "int_collection_years")
# The OC3 cohort as the dbt project derives it (indicators.md), one row per care leaver.
OC3_COHORT = ("intermediate", "int_oc3_cohort")
POSTCODES = ("reference", "postcodes")
ACCEPTED = ("loaded", "replaced", "unchanged")
_ALWAYS = {*tr.PROVENANCE, *tr.ORIGIN}
# A district's children's services authority (seed local_authorities), for PL_LA.
LA_LOOKUP = "dq_la_lookup"
# Postcode districts outside England, as the validator names the country in PL_LA.
COUNTRIES = {"S": "SCO", "N": "NIR", "W": "WAL"}


@dataclass
class RuleContext:
    """What one run's rules read: the year (which rules and code lists), the collection
    period (DfE's `collection_start` and `collection_end`), a view per placeholder, and
    the form the return came in (`file_format`: the landing reads CSV files only; DfE
    also takes XML, where the header's UASC flag is an item of its own)."""

    year: int
    start: dt.date
    end: dt.date
    tables: dict[str, str] = field(default_factory=dict)
    # the date the data runs to (Mosaic: the extract's date; SSDA903: 31 March of the
    # latest year landed); None: the collection year's end (local rule CLA03)
    data_as_at: dt.date | None = None
    file_format: str = "csv"
    # the reporting LA as PL_LA names it (placement_la); None when not known
    la_code: str | None = None
    # connections that type the files and run the rules at once (dagster_project/parallel.py).
    # Above 1 the rules' tables, views and macros are made in the database's main schema,
    # where every connection sees them, not as temporary objects of one connection: only
    # for a database of its own (`cla validate`'s in memory), never the warehouse.
    workers: int = 1

    @classmethod
    def for_year(cls, year: int, la_code: str | None = None) -> RuleContext:
        return cls(
            year=year,
            start=dt.date(year - 1, 4, 1),
            end=dt.date(year, 3, 31),
            la_code=placement_la(la_code),
        )

    @property
    def collection_year(self) -> int:
        return self.year

    @property
    def params(self) -> dict[str, object]:
        return {
            "collection_year": self.year,
            "collection_start": f"DATE '{self.start.isoformat()}'",
            "collection_end": f"DATE '{self.end.isoformat()}'",
            "data_as_at": f"DATE '{(self.data_as_at or self.end).isoformat()}'",
            "file_format": "'xml'" if self.file_format == "xml" else "'csv'",
        }

    def has(self, placeholders: tuple[str, ...]) -> bool:
        return all(p in self.tables for p in placeholders)

    def create(self, kind: str) -> str:
        """`create or replace [temp] <kind>` for the run's objects (see `workers`)."""
        return f"create or replace {'temp ' if self.workers <= 1 else ''}{kind}"


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


def placement_la(code: str | None) -> str | None:
    """The reporting LA's code as a placement's PL_LA names it: the ONS code of its
    children's services authority (`310` and `E09000015` are both Harrow's E09000015); a
    code the seed does not know is kept as given."""
    if code is None or not str(code).strip():
        return None
    found = find(str(code))
    return found.upper_tier_code if found else str(code).strip()


def _create_la_lookup(con: duckdb.DuckDBPyConnection, ctx: RuleContext) -> None:
    rows = ", ".join(f"('{la.la_code}', '{la.upper_tier_code}')" for la in local_authorities())
    con.execute(
        f"{ctx.create('table')} {LA_LOOKUP} as "
        f"select * from (values {rows}) as t(la_code, upper_tier_code)"
    )


def _distance(home: str, placed: str) -> str:
    """Miles between two postcodes' grid references, as DfE's guidance computes it."""
    return (
        f"round(sqrt(power({home}.easting - {placed}.easting, 2) + "
        f"power({home}.northing - {placed}.northing, 2)) / 1000 / 1.6093, 1)"
    )


def _with_distance(
    relation: str, has_postcodes: bool, la_code: str | None = None
) -> tuple[str, dict[str, str]]:
    """Episodes with what the validator derives from the ONS postcode directory (when
    loaded): PL_DISTANCE; PL_LA, the placement's children's services authority (its
    district's upper tier by the seed local_authorities; SCO, NIR or WAL outside England;
    null when the postcode is not found); PL_LOCATION, IN when PL_LA is the reporting LA,
    else OUT (null when the postcode is not found)."""
    if not has_postcodes:
        return relation, {}
    pc = ".".join(POSTCODES)
    countries = " ".join(f"when '{k}' then '{v}'" for k, v in COUNTRIES.items())
    pl_la = f"case left(p.laua, 1) {countries} else l.upper_tier_code end"
    la = "null" if la_code is None else literal(la_code)
    joined = (
        f"(select e.*, {_distance('h', 'p')} as __PL_DISTANCE, {pl_la} as __PL_LA, "
        f"case when p.laua is null then null when {pl_la} = {la} then 'IN' else 'OUT' end "
        f"as __PL_LOCATION from {relation} as e "
        f"left join {pc} as h on h.postcode = {render('postcode_key', 'e.HOME_POST')} "
        f"left join {pc} as p on p.postcode = {render('postcode_key', 'e.PL_POST')} "
        f"left join {LA_LOOKUP} as l on l.la_code = p.laua)"
    )
    return joined, {name: f"r.__{name}" for name in ("PL_DISTANCE", "PL_LA", "PL_LOCATION")}


def _typed_job(ctx: RuleContext, name: str, seen: str, present: set[str]) -> parallel.Job:
    """Create the typed table of `name`: a table, as every rule reads it, so the text is
    parsed once, not per rule."""
    return parallel.statement(
        f"{ctx.create('table')} {tr.q('dq_' + name)} as "
        + tr.typed_sql(name.removesuffix("_last"), seen, present)
    )


def prepare_seen(
    con: duckdb.DuckDBPyConnection,
    ctx: RuleContext,
    seen: dict[str, tuple[str, set[str]]],
    known: dict[tuple[str, str], list[str]] | None = None,
) -> RuleContext:
    """Type each *as seen* relation (`name` -> (relation, its columns)) into the views the
    rules read, then the views derived from them."""
    if ctx.workers > 1:
        parallel.require_own_database(con)
    jobs = [_typed_job(ctx, name, relation, present) for name, (relation, present) in seen.items()]
    parallel.run_jobs(con, jobs, ctx.workers)
    ctx.tables.update({name: f"dq_{name}" for name in seen})
    _former_uasc(con, ctx, {name: present for name, (_, present) in seen.items()})
    return _derived(con, ctx, known if known is not None else catalog(con))


def _former_uasc(
    con: duckdb.DuckDBPyConnection, ctx: RuleContext, present: dict[str, set[str]]
) -> None:
    """Children recorded as UASC this year or last (`former_uasc`), as DfE's rules 164,
    392a, 392b and 406 read the return: each year's header when supplied (its UASC flag,
    which a header has when the year's UASC file was supplied too), else that year's UASC
    file (a row giving any item). Not created when neither year records UASC status."""
    parts = []
    for suffix in ("", "_last"):
        header, uasc = "header" + suffix, "uasc" + suffix
        if header in ctx.tables:
            if "UASC" in present.get(header, set()):
                parts.append(f"select CHILD from {tr.q(ctx.tables[header])} where UASC = '1'")
        elif uasc in ctx.tables:
            parts.append(
                f"select CHILD from {tr.q(ctx.tables[uasc])} "
                "where coalesce(SEX, DOB_text, DUC_text) is not null"
            )
    if not parts:
        return
    con.execute(
        f'{ctx.create("view")} "dq_former_uasc" as select distinct CHILD from ('
        + " union all ".join(parts)
        + ") where CHILD is not null"
    )
    ctx.tables["former_uasc"] = "dq_former_uasc"


def _derived(
    con: duckdb.DuckDBPyConnection, ctx: RuleContext, known: dict[tuple[str, str], list[str]]
) -> RuleContext:
    create_macros(con, temporary=ctx.workers <= 1)
    if "episodes" in ctx.tables:
        start, end = ctx.params["collection_start"], ctx.params["collection_end"]
        # the OC2 cohort of the indicators (dbt macro oc2_cohort), over this return
        dates = f"(select {end} as period_end, {start} as window_start)"
        derived = {
            "episodes_ordered": ordered_episodes_sql('"dq_episodes"'),
            "oc2_cohort": render("oc2_cohort", '"dq_episodes"', dates),
        }
        parallel.run_jobs(
            con,
            [
                parallel.statement(f'{ctx.create("table")} "dq_{name}" as {sql}')
                for name, sql in derived.items()
            ],
            ctx.workers,
        )
        ctx.tables.update({name: f"dq_{name}" for name in derived})
    if POSTCODES in known:
        ctx.tables["postcodes"] = ".".join(POSTCODES)
    if ctx.la_code is not None:
        la = literal(ctx.la_code)
        con.execute(f'{ctx.create("view")} "dq_local_authority" as select {la} as LA_CODE')
        ctx.tables["local_authority"] = "dq_local_authority"
    return ctx


def landed_kinds(con: duckdb.DuckDBPyConnection, year: int) -> set[str] | None:
    """The return's files landed for `year` (by `raw.load_log`); None when nothing was
    ever logged as landed (tables filled by hand: a table with rows is present)."""
    if not columns(con, RAW_SCHEMA, "load_log"):
        return None
    logged = con.execute(
        f"select count(*) from {RAW_SCHEMA}.load_log where source = 'ssda903'"
    ).fetchone()[0]
    if not logged:
        return None
    rows = con.execute(
        f"""
        select table_name from {RAW_SCHEMA}.load_log
        where source = 'ssda903' and batch = ?
        qualify row_number() over (partition by source_file order by log_id desc) = 1
            and status in {ACCEPTED}
        """,
        [str(year)],
    ).fetchall()
    return {r[0].removeprefix("ssda903_") for r in rows}


def prepare_files(
    con: duckdb.DuckDBPyConnection,
    year: int,
    ctx: RuleContext | None = None,
    previous_year: bool = True,
) -> RuleContext:
    """The landed 903 return of `year` (and of the year before, as `_last`, unless
    `previous_year` is false: rules that read no `_last` table need not pay its typing)."""
    ctx = ctx or RuleContext.for_year(year)
    if ctx.workers > 1:
        parallel.require_own_database(con)
    known = catalog(con)
    has_postcodes = POSTCODES in known
    if has_postcodes:
        _create_la_lookup(con, ctx)
    seen: dict[str, tuple[str, set[str]]] = {}
    for batch, suffix in _batches(year, previous_year):
        landed = landed_kinds(con, batch)
        for table in RETURN_TABLES:
            raw_cols = known.get((RAW_SCHEMA, f"ssda903_{table}"))
            if not raw_cols:
                continue
            relation = f"(select * from {RAW_SCHEMA}.ssda903_{table} where _batch = '{batch}')"
            if landed is None:
                if not con.execute(f"select count(*) from {relation}").fetchone()[0]:
                    continue
            elif table not in landed:
                continue
            extra: dict[str, str] = {}
            if table == "episodes":
                relation, extra = _with_distance(relation, has_postcodes, ctx.la_code)
            name = table + suffix
            view = f"dq_seen_{name}"
            con.execute(
                f"{ctx.create('view')} {tr.q(view)} as "
                + tr.seen_sql(table, relation, set(raw_cols), extra)
            )
            seen[name] = (f'"{view}"', set(tr.columns(table)) | set(extra) | _ALWAYS)
        if "header" + suffix in seen and "uasc" + suffix in seen:
            _add_uasc_flag(con, ctx, suffix)
            cols = seen["header" + suffix][1] | {"UASC"}
            seen["header" + suffix] = (f'"dq_seen_header{suffix}_uasc"', cols)
    return prepare_seen(con, ctx, seen, known)


def _add_uasc_flag(con: duckdb.DuckDBPyConnection, ctx: RuleContext, suffix: str) -> None:
    """The header with UASC = '1' for a child in the UASC file, as the validator adds it."""
    con.execute(
        f'{ctx.create("view")} "dq_seen_header{suffix}_uasc" as '
        f'select h.*, case when h.CHILD in (select CHILD from "dq_seen_uasc{suffix}" '
        f"where CHILD is not null) then '1' else '0' end as UASC "
        f'from "dq_seen_header{suffix}" as h'
    )


# The files of the return a Mosaic extract implies: each the year's rows of dbt's core table
# by the one definition of a return year (dbt macro `return_year_rows`, which `cla
# export-903` writes files with too). The extract carries no adoption, previous permanence
# or social worker data (spec/inputs.md §1: their tables are empty from Mosaic), so those
# files are absent from the return it implies and the rules reading them are skipped
# ("skipped: no ad1"), not run against empty files (which would report every adopted child
# as missing its AD1 row).
MOSAIC_TABLES = ("episodes", "missing", "reviews", "oc2", "oc3", "uasc", "header")


def _legacy_sex(year: int) -> str | None:
    """SEX as the year's list codes it (1/2 before M/F/U was introduced), or None."""
    sex = [c for c in all_codes() if c.field == "SEX" and c.valid_in(year)]
    if any(c.code == "M" for c in sex):
        return None
    return "case SEX when 'M' then '1' when 'F' then '2' else SEX end"


def _year_code(column: str, expr: str, year: int) -> str:
    """A code as the year's list codes it (codes.year_codes: H5 is K3 in 2025-26)."""
    if tr.kind(column) != "code" or not any(c.field == column for c in all_codes()):
        return expr
    mapping = year_codes(column, year)
    if not mapping:
        return expr
    whens = " ".join(f"when '{old}' then '{new}'" for old, new in sorted(mapping.items()))
    return f"case {expr} {whens} else {expr} end"


def _as_text(column: str, expr: str) -> str:
    if tr.kind(column) == "date":
        return f"strftime({expr}, '%d/%m/%Y')"
    return f"cast({expr} as varchar)"


def _mosaic_seen(
    con: duckdb.DuckDBPyConnection,
    table: str,
    year: int,
    name: str,
    cols: list[str],
    has_postcodes: bool,
    ctx: RuleContext,
) -> tuple[str, set[str]]:
    start, end = f"DATE '{year - 1}-04-01'", f"DATE '{year}-03-31'"
    suffix = name.removeprefix(table)
    # a year's header lists the children of that year's episodes and care leavers
    children = (
        f'(select CHILD from "dq_mosaic_episodes{suffix}" '
        f'union select CHILD from "dq_mosaic_oc3{suffix}")'
    )
    rows = render("return_year_rows", table, f"{CORE_SCHEMA}.ssda903_{table}", start, end, children)
    present = set(cols)
    exprs = {c: c for c in tr.columns(table)}
    if "SEX" in exprs and _legacy_sex(year):
        exprs["SEX"] = _legacy_sex(year) or "SEX"
    for column, expr in list(exprs.items()):
        exprs[column] = _year_code(column, expr, year)
    select = ", ".join(
        f"{_as_text(c, e)} as {tr.q(c)}" if c in present else f"cast(null as varchar) as {tr.q(c)}"
        for c, e in exprs.items()
    )
    select += ", _source_file, cast(_row_number as bigint) as _row_number"
    select += ", 'mosaic' as source_system"
    relation = f"(select {select} from ({rows}) as y)"
    view = f"dq_mosaic_{name}"
    extra: dict[str, str] = {}
    if table == "episodes":
        relation, extra = _with_distance(relation, has_postcodes, ctx.la_code)
    select_extra = "".join(f", {e} as {tr.q(n)}" for n, e in extra.items())
    derived = ", ".join(f"__{n}" for n in extra)
    con.execute(
        f"{ctx.create('view')} {tr.q(view)} as "
        f"select r.* exclude ({derived}){select_extra} from {relation} as r"
        if extra
        else f"{ctx.create('view')} {tr.q(view)} as select * from {relation}"
    )
    return f'"{view}"', set(tr.columns(table)) | set(extra) | _ALWAYS


def prepare_mosaic(
    con: duckdb.DuckDBPyConnection,
    year: int,
    ctx: RuleContext | None = None,
    previous_year: bool = True,
) -> RuleContext:
    """The return a Mosaic extract implies for `year` (and the year before, as `_last`,
    unless `previous_year` is false)."""
    ctx = ctx or RuleContext.for_year(year)
    if ctx.workers > 1:
        parallel.require_own_database(con)
    known = catalog(con)
    has_postcodes = POSTCODES in known
    if has_postcodes:
        _create_la_lookup(con, ctx)
    seen: dict[str, tuple[str, set[str]]] = {}
    order = ("episodes", "oc3", *[t for t in MOSAIC_TABLES if t not in ("episodes", "oc3")])
    for batch, suffix in _batches(year, previous_year):
        for table in order:
            cols = known.get((CORE_SCHEMA, f"ssda903_{table}"))
            if not cols:
                continue
            seen[table + suffix] = _mosaic_seen(
                con, table, batch, table + suffix, cols, has_postcodes, ctx
            )
        if "header" + suffix in seen and "uasc" + suffix in seen:
            con.execute(
                f'{ctx.create("view")} "dq_seen_header{suffix}" as '
                f"select * from {seen['header' + suffix][0]}"
            )
            con.execute(
                f'{ctx.create("view")} "dq_seen_uasc{suffix}" as '
                f"select * from {seen['uasc' + suffix][0]}"
            )
            _add_uasc_flag(con, ctx, suffix)
            seen["header" + suffix] = (
                f'"dq_seen_header{suffix}_uasc"',
                seen["header" + suffix][1] | {"UASC"},
            )
    ctx = prepare_seen(con, ctx, seen, known)
    if OC3_COHORT in known:
        oc3_cohort_view(con, ctx)
    return ctx


def oc3_cohort_view(con: duckdb.DuckDBPyConnection, ctx: RuleContext) -> None:
    con.execute(
        f'{ctx.create("view")} "dq_oc3_cohort" as '
        f'select * from "{OC3_COHORT[0]}"."{OC3_COHORT[1]}" '
        f"where period_end = {ctx.params['collection_end']}"
    )
    ctx.tables["oc3_cohort"] = "dq_oc3_cohort"


def prepare(
    con: duckdb.DuckDBPyConnection,
    year: int,
    source_system: str,
    la_code: str | None = None,
    previous_year: bool = True,
) -> RuleContext:
    """The views the rules read for the return of `year` from the run's source, for the
    reporting LA `la_code` (old or new code; PL_LOCATION and rules 411, 1015, 241 need it).
    `previous_year`: type the year before too (`<table>_last`), as the rules comparing two
    returns need (`reads_previous_year`)."""
    ctx = RuleContext.for_year(year, la_code)
    ctx.data_as_at = data_as_at(con, source_system)
    if source_system == "ssda903":
        ctx = prepare_files(con, year, ctx, previous_year)
        if OC3_COHORT in catalog(con):
            oc3_cohort_view(con, ctx)
        return ctx
    return prepare_mosaic(con, year, ctx, previous_year)


def reads_previous_year(rules: Iterable[Rule]) -> bool:
    """Whether any of `rules` reads the year before's return (a `<table>_last` placeholder,
    required or optional, or `former_uasc`, made from both years)."""
    return any(
        table.endswith("_last") or table == "former_uasc"
        for rule in rules
        for table in rule.tables_used
    )


def _batches(year: int, previous_year: bool) -> tuple[tuple[int, str], ...]:
    """The returns typed, with their tables' suffix: the year's, and the year before's."""
    return ((year, ""), (year - 1, "_last")) if previous_year else ((year, ""),)


def data_as_at(con: duckdb.DuckDBPyConnection, source_system: str) -> dt.date | None:
    """The date the landed data runs to: a date after it cannot be true (rule CLA03).

    Mosaic: the latest extract's date, from its folder name (landing's view
    `raw.mosaic_latest_extract`); SSDA903: 31 March of the latest year landed.
    """
    if source_system == "mosaic" and columns(con, RAW_SCHEMA, "mosaic_latest_extract"):
        row = con.execute(f"select extract_date from {RAW_SCHEMA}.mosaic_latest_extract").fetchone()
        return row[0] if row and row[0] else None
    if source_system == "ssda903" and columns(con, RAW_SCHEMA, "ssda903_episodes"):
        year = con.execute(
            f"select max(try_cast(_batch as integer)) from {RAW_SCHEMA}.ssda903_episodes"
        ).fetchone()[0]
        return dt.date(int(year), 3, 31) if year else None
    return None


def collection_years(
    con: duckdb.DuckDBPyConnection, source_system: str, landed: bool = False
) -> list[int]:
    """Every collection year the data covers, oldest first.

    The dbt project's `intermediate.int_collection_years` (each 903 year supplied; for
    Mosaic each year whose 31 March the extract has reached); without it (or with `landed`,
    before dbt has run), the landed 903 years, or the years of dbt's core episodes.
    """
    if not landed and columns(con, *COLLECTION_YEARS):
        years = con.execute(
            f"select distinct collection_year from {'.'.join(COLLECTION_YEARS)} "
            "where collection_year is not null order by 1"
        ).fetchall()
        if years:
            return [int(y[0]) for y in years]
    if source_system == "ssda903" and columns(con, RAW_SCHEMA, "ssda903_episodes"):
        years = con.execute(
            "select distinct try_cast(_batch as integer) from raw.ssda903_episodes "
            "where try_cast(_batch as integer) is not null order by 1"
        ).fetchall()
        if years:
            return [int(y[0]) for y in years]
    if not columns(con, CORE_SCHEMA, "ssda903_episodes"):
        return []
    latest = con.execute(
        f"select max(greatest(DECOM, coalesce(DEC, DECOM))) from {CORE_SCHEMA}.ssda903_episodes"
    ).fetchone()[0]
    if latest is None:
        return []
    return [latest.year + 1 if (latest.month, latest.day) > (3, 31) else latest.year]
