"""Write one collection year's SSDA903 return files from the marts (`cla export-903`).

These are the files an LA loads into the DfE's 903 validator and submission service, so
they follow spec/inputs.md §2 exactly (file names, column order, dd/mm/yyyy dates) and
land back unchanged as an `ssda903` source. The marts hold the whole history; a year's
return is cut from it by the same rules the 903 files follow:

- episodes: DECOM on or before 31 March and DEC blank or on or after 1 April; an episode
  still open at 31 March is written with DEC, REC and REASON_PLACE_CHANGE blank;
- missing: incidents overlapping the year, MIS_END blank when after 31 March;
- reviews: reviews dated in the year;
- oc2, oc3, ad1, placed_for_adoption, previous_permanence, sw_episodes: rows of that YEAR;
- header: every child in any of those files (the latest header row); uasc: those children
  still UASC at some point of the year (DUC blank or on or after 1 April), DUC blank when
  after 31 March (not yet ceased at the year end);
- SEX as the year's return codes it: 1/2 before 2024-25, M/F/U from then.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from dagster_project.ssda903_files import DATE_COLUMNS, FILES
from dagster_project.warehouse import connect

# Tables whose rows belong to a collection year by their YEAR column.
PER_YEAR = ("oc2", "oc3", "ad1", "placed_for_adoption", "previous_permanence", "sw_episodes")

# The first return coding SEX as M/F/U (2024-25); earlier ones use 1 (male) and 2 (female).
FIRST_MFU_YEAR = 2025


class ExportError(RuntimeError):
    """The marts cannot be read (missing warehouse, or the pipeline has not run)."""


@dataclass(frozen=True)
class ExportResult:
    year: int
    folder: Path
    rows: dict[str, int]


def _d(column: str) -> str:
    """A DATE column as the 903 writes it."""
    return f"strftime({column}, '%d/%m/%Y')"


def _year_rows_sql(schema: str) -> dict[str, str]:
    """One query per file, parameters $start and $end (the year's 1 April and 31 March)."""
    m = f"{schema}.ssda903"
    queries = {
        "episodes": f"""
            select CHILD, {_d("DECOM")} as DECOM, RNE, LS, CIN, PLACE, PLACE_PROVIDER,
                case when DEC <= $end then {_d("DEC")} end as DEC,
                case when DEC <= $end then REC end as REC,
                case when DEC <= $end then REASON_PLACE_CHANGE end as REASON_PLACE_CHANGE,
                HOME_POST, PL_POST, URN
            from {m}_episodes
            where DECOM <= $end and (DEC is null or DEC >= $start)
            order by CHILD, DECOM""",
        "missing": f"""
            select CHILD, {_d("DOB")} as DOB, MISSING, {_d("MIS_START")} as MIS_START,
                case when MIS_END <= $end then {_d("MIS_END")} end as MIS_END
            from {m}_missing
            where MIS_START <= $end and (MIS_END is null or MIS_END >= $start)
            order by CHILD, MIS_START, MISSING""",
        "reviews": f"""
            select CHILD, {_d("DOB")} as DOB, {_d("REVIEW")} as REVIEW, REVIEW_CODE
            from {m}_reviews
            where REVIEW between $start and $end
            order by CHILD, REVIEW""",
    }
    for name in PER_YEAR:
        columns = ", ".join(
            _d(c) + f" as {c}" if _is_date(c) else f"cast({c} as varchar) as {c}"
            for c in FILES[name]
        )
        queries[name] = f"""
            select {columns} from {m}_{name}
            where YEAR = year($end)
            order by CHILD, _source_file nulls first, _row_number nulls first"""
    return queries


def _is_date(column: str) -> bool:
    return column in DATE_COLUMNS


def _marts_schema(con: duckdb.DuckDBPyConnection) -> str:
    """`marts` in the working warehouse, `main` in the analysts' publication."""
    found = {
        r[0]
        for r in con.execute(
            "select table_schema from information_schema.tables "
            "where table_name = 'ssda903_episodes'"
        ).fetchall()
    }
    for schema in ("marts", "main"):
        if schema in found:
            return schema
    raise ExportError("no ssda903_episodes table: run the pipeline (cla run) before exporting")


def _sex(year: int) -> str:
    if year >= FIRST_MFU_YEAR:
        return "SEX"
    return "case SEX when 'M' then '1' when 'F' then '2' else SEX end"


def _used(sql: str, params: dict[str, dt.date]) -> dict[str, dt.date]:
    """The named parameters a query uses (DuckDB rejects unused ones)."""
    return {k: v for k, v in params.items() if f"${k}" in sql}


def collect_year(con: duckdb.DuckDBPyConnection, year: int) -> dict[str, list[tuple]]:
    """Every file's rows for collection `year`, as text, in inputs.md column order."""
    schema = _marts_schema(con)
    params = {"start": dt.date(year - 1, 4, 1), "end": dt.date(year, 3, 31)}
    rows: dict[str, list[tuple]] = {}
    children: set[str] = set()
    for name, sql in _year_rows_sql(schema).items():
        rows[name] = con.execute(sql, _used(sql, params)).fetchall()
        children.update(r[0] for r in rows[name])
    con.register("_export_children", pa.table({"CHILD": pa.array(sorted(children), pa.string())}))
    try:
        rows["header"] = con.execute(
            f"""select h.CHILD, {_sex(year)} as SEX, {_d("DOB")} as DOB, ETHNIC, UPN,
                    cast(MOTHER as varchar) as MOTHER, {_d("MC_DOB")} as MC_DOB
                from {schema}.ssda903_header as h
                inner join _export_children as c on c.CHILD = h.CHILD
                order by h.CHILD"""
        ).fetchall()
        rows["uasc"] = con.execute(
            f"""select u.CHILD, {_sex(year)} as SEX, {_d("DOB")} as DOB,
                    case when u.DUC <= $end then {_d("DUC")} end as DUC
                from {schema}.ssda903_uasc as u
                inner join _export_children as c on c.CHILD = u.CHILD
                where u.DUC is null or u.DUC >= $start
                order by u.CHILD""",
            params,
        ).fetchall()
    finally:
        con.unregister("_export_children")
    return rows


def _write_csv(path: Path, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Write via a temporary file and rename, so a reader never sees half a file."""
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
    os.replace(tmp, path)


def export_903(warehouse: Path | str, year: int, out_dir: Path | str) -> ExportResult:
    """Write collection `year`'s 903 files into `out_dir/<year>/`; return rows per file."""
    warehouse = Path(warehouse)
    if not warehouse.is_file():
        raise ExportError(f"warehouse not found: {warehouse}")
    with connect(warehouse, read_only=True) as con:
        rows = collect_year(con, year)
    folder = Path(out_dir) / str(year)
    folder.mkdir(parents=True, exist_ok=True)
    for name, columns in FILES.items():
        _write_csv(folder / f"{name}.csv", columns, rows[name])
    return ExportResult(year=year, folder=folder, rows={n: len(rows[n]) for n in FILES})
