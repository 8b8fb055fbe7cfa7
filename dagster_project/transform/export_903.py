"""Write one collection year's SSDA903 return files from the marts (`cla export-903`).

These are the files an LA loads into the DfE's 903 validator and submission service, so
they follow spec/inputs.md §2 exactly (file names, column order, dd/mm/yyyy dates) and
land back unchanged as an `ssda903` source. The marts hold the whole history; a year's
return is cut from it by dbt's one definition of a return year (macro
`return_year_rows`, dbt/macros/ssda903/return_year.sql), the same the quality rules check
a Mosaic extract's return with: an episode open at 31 March written with DEC, REC and
REASON_PLACE_CHANGE blank, the header listing the year's episodes' and OC3's children,
and so on. SEX is written as the year's return codes it: 1/2 before 2024-25, M/F/U from
then.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from dagster_project.dbt_macros import render
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


def _year_rows_sql(schema: str, year: int) -> dict[str, str]:
    """One query per file: the year's rows (`return_year_rows`) as the 903 writes them."""
    start, end = f"DATE '{year - 1}-04-01'", f"DATE '{year}-03-31'"

    def rows(name: str, children: str | None = None) -> str:
        relation = f"{schema}.ssda903_{name}"
        return "(" + render("return_year_rows", name, relation, start, end, children) + ")"

    children = f"(select CHILD from {rows('episodes')} union select CHILD from {rows('oc3')})"
    queries = {
        "episodes": f"""
            select CHILD, {_d("DECOM")} as DECOM, RNE, LS, CIN, PLACE, PLACE_PROVIDER,
                {_d("DEC")} as DEC, REC, REASON_PLACE_CHANGE, HOME_POST, PL_POST, URN
            from {rows("episodes")} as y
            order by CHILD, DECOM""",
        "missing": f"""
            select CHILD, {_d("DOB")} as DOB, MISSING, {_d("MIS_START")} as MIS_START,
                {_d("MIS_END")} as MIS_END
            from {rows("missing")} as y
            order by CHILD, MIS_START, MISSING""",
        "reviews": f"""
            select CHILD, {_d("DOB")} as DOB, {_d("REVIEW")} as REVIEW, REVIEW_CODE
            from {rows("reviews")} as y
            order by CHILD, REVIEW""",
        "header": f"""
            select CHILD, {_sex(year)} as SEX, {_d("DOB")} as DOB, ETHNIC, UPN,
                cast(MOTHER as varchar) as MOTHER, {_d("MC_DOB")} as MC_DOB
            from {rows("header", children)} as y
            order by CHILD""",
        "uasc": f"""
            select CHILD, {_sex(year)} as SEX, {_d("DOB")} as DOB, {_d("DUC")} as DUC
            from {rows("uasc", children)} as y
            order by CHILD""",
    }
    for name in PER_YEAR:
        columns = ", ".join(
            _d(c) + f" as {c}" if _is_date(c) else f"cast({c} as varchar) as {c}"
            for c in FILES[name]
        )
        queries[name] = f"""
            select {columns} from {rows(name)} as y
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


def collect_year(con: duckdb.DuckDBPyConnection, year: int) -> dict[str, list[tuple]]:
    """Every file's rows for collection `year`, as text, in inputs.md column order."""
    schema = _marts_schema(con)
    return {name: con.execute(sql).fetchall() for name, sql in _year_rows_sql(schema, year).items()}


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
