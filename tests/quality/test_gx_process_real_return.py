"""GE in its own process and GE in the run's process find the same in a real-shaped return:
the public 903 validator's fake return (fixtures/validator_fake_903: its real labels, a
byte-order mark, CRLF line ends, a last line without a line break) landed as the nightly run
lands it, three of its values made wrong by hand. Real GE in a real second process."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd

from dagster_project.landing.bootstrap import ensure_all_sources
from dagster_project.quality.gx_process import GxProcess
from dagster_project.quality.gx_runner import GxRunner, run_layer
from dagster_project.quality.validate_return import land_return

FAKE_RETURN = Path(__file__).parent / "fixtures" / "validator_fake_903"


def _edit(path: Path, line: int, column: str, value: str) -> None:
    """Set `column` of the file's line `line` (1 = the header line); the file's byte-order
    mark and line ends kept."""
    raw = path.read_bytes()
    bom, ending = raw.startswith(b"\xef\xbb\xbf"), "\r\n" if b"\r\n" in raw else "\n"
    lines = raw.decode("utf-8-sig").splitlines()
    header = lines[0].split(",")
    cells = lines[line - 1].split(",")
    cells[header.index(column)] = value
    lines[line - 1] = ",".join(cells)
    path.write_bytes((ending.join(lines) + ending).encode("utf-8-sig" if bom else "utf-8"))


def test_the_validators_fake_return_is_validated_there_as_here(tmp_path: Path) -> None:
    folder = tmp_path / "return"
    shutil.copytree(FAKE_RETURN, folder)
    _edit(folder / "episodes.csv", 3, "DECOM", "14.08.2017")  # data row 2: not a date form
    _edit(folder / "episodes.csv", 61, "CHILD", " ")  # data row 60: the second chunk
    _edit(folder / "header.csv", 131, "DOB", "09.09.2011")  # data row 130: the last
    con = duckdb.connect()
    ensure_all_sources(con)
    land_return(con, folder, 2024)
    process = GxProcess()
    try:
        there = run_layer(con, "raw", "ssda903", process.failing_rows, chunk_rows=50)
    finally:
        process.close()
    here = run_layer(con, "raw", "ssda903", GxRunner().failing_rows, chunk_rows=50)
    con.close()
    found = sorted(zip(there.findings["rule_code"], there.findings["row_number"], strict=True))
    # worked out by hand from the three edits; the unedited fake return passes every check
    assert found == [
        ("ssda903_episodes.CHILD.not_blank", 60),
        ("ssda903_episodes.DECOM.date", 2),
        ("ssda903_header.DOB.date", 130),
    ]
    assert set(there.findings["source_file"].str.rsplit("/", n=1).str[-1]) == {
        "episodes.csv",
        "header.csv",
    }
    pd.testing.assert_frame_equal(there.findings, here.findings)
    pd.testing.assert_frame_equal(there.stats, here.stats)
    assert there.suites_run == here.suites_run and len(there.suites_run) == 7
