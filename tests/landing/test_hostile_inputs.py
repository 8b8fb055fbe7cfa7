"""Inputs as an attacker, a broken export or a careless copy would give them (issue 12).

Each case names the file and line, never a value; nothing outside the input folder is
read; memory stays bounded; a cut-short file is refused; a stray byte does not garble the
rest of the file; a corrupt archive refuses the run; extracts are ordered by their date.
"""

from __future__ import annotations

import datetime as dt
import os
import tracemalloc
import zipfile
from pathlib import Path

import duckdb
import pytest

from dagster_project.landing.csv_reader import MAX_LINE_CHARS
from dagster_project.landing.extent import landed_extent, parse_extract_date, problems
from dagster_project.landing.loader import land_source

PERSONS = "PERSON_ID,GENDER,DATE_OF_BIRTH,ETHNICITY,UPN\n"
CHILD_ROW = "700123,F,17/03/2011,WBRI,A801200000017\n"
CHILD_VALUES = ("700123", "17/03/2011", "A801200000017")


@pytest.fixture
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(str(tmp_path / "w.duckdb"))
    yield connection
    connection.close()


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def _log(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute(
        "select source_file, status, message, file_sha256 from raw.load_log order by log_id"
    ).fetchall()


# --- messages never quote a value -------------------------------------------------------


def test_a_headerless_file_is_rejected_without_quoting_its_first_line(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    root = tmp_path / "mosaic"
    _write(root / "2025-03-31" / "persons.csv", CHILD_ROW + CHILD_ROW.replace("700123", "700124"))
    report = land_source(con, "mosaic", root)
    (outcome,) = report.outcomes
    assert outcome.status == "rejected"
    assert outcome.message.startswith("missing required column(s) PERSON_ID, GENDER")
    assert "none of them known" in outcome.message and "without a header row" in outcome.message
    stored = repr(_log(con)) + repr(con.execute("select * from raw.quarantine").fetchall())
    for value in CHILD_VALUES:
        assert value not in outcome.message and value not in stored


def test_duplicate_header_names_are_named_by_position(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    root = tmp_path / "mosaic"
    # a data row as header whose two cells are equal: the value must not be quoted
    _write(root / "2025-03-31" / "persons.csv", "A801200000017,A801200000017,F\n1,2,3\n")
    (outcome,) = land_source(con, "mosaic", root).outcomes
    assert outcome.status == "rejected"
    assert "at position(s) 2" in outcome.message
    assert "A801200000017" not in outcome.message


# --- nothing outside the input folder is read ---------------------------------------------


def test_a_link_to_a_file_outside_the_input_folder_is_refused_unread(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    root = tmp_path / "mosaic"
    extract = root / "2025-03-31"
    _write(extract / "periods_of_care.csv", "PERIOD_OF_CARE_ID\n")
    os.symlink("/etc/passwd", extract / "persons.csv")
    report = land_source(con, "mosaic", root)
    outcome = next(o for o in report.outcomes if o.source_file.endswith("persons.csv"))
    assert outcome.status == "rejected" and outcome.structural
    assert "outside the input folder" in outcome.message
    log = [r for r in _log(con) if r[0].endswith("persons.csv")]
    assert log[0][3] is None  # never opened: no hash was ever taken
    assert "root:" not in repr(_log(con))
    assert con.execute("select count(*) from raw.mosaic_persons").fetchone()[0] == 0


def test_a_linked_folder_outside_is_refused_and_a_link_inside_is_read(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere" / "2025-06-30"
    _write(outside / "persons.csv", PERSONS + CHILD_ROW)
    root = tmp_path / "mosaic"
    _write(root / "2025-03-31" / "real_persons.txt", PERSONS + CHILD_ROW)
    os.symlink(outside, root / "2025-06-30")
    os.symlink(root / "2025-03-31" / "real_persons.txt", root / "2025-03-31" / "persons.csv")
    report = land_source(con, "mosaic", root)
    by_file = {o.source_file: o for o in report.outcomes}
    assert by_file["2025-06-30"].status == "rejected" and by_file["2025-06-30"].structural
    assert by_file["2025-03-31/persons.csv"].status == "loaded"


# --- bounded memory per line ---------------------------------------------------------------


def test_a_200_mb_line_is_refused_in_bounded_memory_naming_file_and_line(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    root = tmp_path / "mosaic"
    path = root / "2025-03-31" / "persons.csv"
    path.parent.mkdir(parents=True)
    chunk = ",a" * (1 << 20)  # 2 MB of short fields
    with path.open("w") as handle:
        handle.write(PERSONS)
        for _ in range(100):  # 200 MB on line 2
            handle.write(chunk)
        handle.write("\n")
    assert path.stat().st_size > 200_000_000
    tracemalloc.start()
    try:
        report = land_source(con, "mosaic", root)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    (outcome,) = report.outcomes
    assert outcome.status == "rejected"
    assert outcome.source_file == "2025-03-31/persons.csv"
    assert f"line 2 is longer than {MAX_LINE_CHARS:,} characters" in outcome.message
    # the line was never held whole: a few MB of Python objects, not gigabytes
    assert peak < 64 * 1024 * 1024, peak


# --- strict decoding per file -----------------------------------------------------------


def test_one_bad_byte_in_utf8_quarantines_its_row_and_keeps_the_rest_utf8(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    root = tmp_path / "mosaic"
    data = (
        PERSONS.encode()
        + "1,F,01/02/2010,Zoë,\n".encode()
        + b"2,M,01/02/2011,WBRI\xe9,\n"  # one stray Windows-1252 byte
        + "3,F,01/02/2012,Siân,\n".encode()
    )
    _write(root / "2025-03-31" / "persons.csv", data)
    (outcome,) = land_source(con, "mosaic", root).outcomes
    assert outcome.status == "loaded" and outcome.rows == 2 and outcome.quarantined == 1
    assert con.execute(
        "select PERSON_ID, ETHNICITY from raw.mosaic_persons order by 1"
    ).fetchall() == [("1", "Zoë"), ("3", "Siân")]  # not re-decoded as Windows-1252
    ((row, line, reason),) = con.execute(
        "select row_number, line_number, reason from raw.quarantine"
    ).fetchall()
    assert (row, line) == (2, 3)
    assert reason == "holds byte(s) 0xe9 that are not UTF-8"
    assert con.execute("select encoding from raw.load_log").fetchone() == ("utf-8",)


def test_a_windows_1252_file_is_still_read_as_windows_1252(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    root = tmp_path / "mosaic"
    _write(
        root / "2025-03-31" / "persons.csv", (PERSONS + "1,F,01/02/2010,Zoë,\n").encode("cp1252")
    )
    (outcome,) = land_source(con, "mosaic", root).outcomes
    assert outcome.status == "loaded" and outcome.quarantined == 0
    assert con.execute("select ETHNICITY from raw.mosaic_persons").fetchone() == ("Zoë",)


# --- truncated files ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tail", "why"),
    [("4,F,01/02", "fewer fields than the header"), ('4,F,01/02/2012,"WB', "an unclosed quote")],
)
def test_a_last_line_cut_mid_record_is_refused(
    con: duckdb.DuckDBPyConnection, tmp_path: Path, tail: str, why: str
) -> None:
    root = tmp_path / "mosaic"
    _write(root / "2025-03-31" / "persons.csv", PERSONS + "1,F,01/02/2010,WBRI,\n" + tail)
    (outcome,) = land_source(con, "mosaic", root).outcomes
    assert outcome.status == "rejected"
    assert (
        f"the last line (line 3) is cut short: no line break at the end of the file and {why}"
        in (outcome.message)
    )
    assert "01/02" not in outcome.message


def test_a_complete_last_line_without_a_line_break_is_fine(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    root = tmp_path / "mosaic"
    _write(root / "2025-03-31" / "persons.csv", PERSONS + "1,F,01/02/2010,WBRI,")
    (outcome,) = land_source(con, "mosaic", root).outcomes
    assert (outcome.status, outcome.rows) == ("loaded", 1)


# --- corrupt DfE archives ----------------------------------------------------------------


def test_a_corrupt_dfe_zip_is_a_structural_problem_naming_the_zip(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    root = tmp_path / "dfe"
    good = root / "release_2025.zip"
    root.mkdir()
    with zipfile.ZipFile(good, "w", zipfile.ZIP_DEFLATED) as archive:
        body = "".join(f"{n * 7919 % 100003}\n" for n in range(20000))
        archive.writestr("data/la_cla_placement_stability.csv", "time_period\n" + body)
    data = bytearray(good.read_bytes())
    data[2000:2060] = b"\x00" * 60  # damage the compressed member, not the directory
    (root / "release_2024.zip").write_bytes(bytes(data))
    (root / "release_2023.zip").write_bytes(b"PK\x03\x04 not really a zip")
    report = land_source(con, "dfe", root)
    structural = {o.source_file: o.message for o in report.structural}
    assert set(structural) == {"release_2024.zip", "release_2023.zip"}
    assert "corrupt zip archive" in structural["release_2024.zip"]
    assert "unreadable zip archive" in structural["release_2023.zip"]


# --- extract dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "31-12-2025",
        "2025-12-31",
        "20251231",
        "31.12.2025",
        "31122025",
        "31_12_2025",
        "mosaic_extract_2025-12-31",
        "31 Dec 2025",
        "31-December-2025",
    ],
)
def test_extract_dates_in_the_forms_las_use(name: str) -> None:
    assert parse_extract_date(name) == dt.date(2025, 12, 31)


@pytest.mark.parametrize("name", ["latest", "2025", "31-13-2025", "2025-01-01_to_2025-02-01"])
def test_a_name_without_one_date_has_none(name: str) -> None:
    assert parse_extract_date(name) is None


def test_the_latest_extract_is_chosen_by_its_date_not_its_name(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    root = tmp_path / "mosaic"
    # as text "31-12-2025" > "31-03-2026"; as dates March 2026 is later
    _write(root / "31-12-2025" / "persons.csv", PERSONS + CHILD_ROW)
    _write(root / "31-03-2026" / "persons.csv", PERSONS + CHILD_ROW + CHILD_ROW)
    land_source(con, "mosaic", root)
    assert con.execute("select * from raw.mosaic_latest_extract").fetchall() == [
        ("31-03-2026", dt.date(2026, 3, 31))
    ]
    extent = landed_extent(con, "mosaic")
    assert (extent.batch, extent.as_at) == ("31-03-2026", dt.date(2026, 3, 31))
    assert extent.rows == {"31-03-2026": {"persons": 2}}


def test_an_undated_extract_folder_is_a_structural_problem(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    root = tmp_path / "mosaic"
    _write(root / "2025-12-31" / "persons.csv", PERSONS + CHILD_ROW)
    _write(root / "latest" / "persons.csv", PERSONS + CHILD_ROW)
    land_source(con, "mosaic", root)
    found = problems(landed_extent(con, "mosaic"), None, {"persons": "persons.csv"})
    assert found == [
        "extract folder 'latest' has no date in its name (YYYY-MM-DD, DD-MM-YYYY, YYYYMMDD, "
        "DDMMYYYY, DD.MM.YYYY, DD_MM_YYYY or DD Mon YYYY): the run cannot tell which extract "
        "is the latest; rename the folder"
    ]


def test_older_and_truncated_extracts_against_the_publication(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    root = tmp_path / "mosaic"
    _write(root / "30-09-2025" / "persons.csv", PERSONS + CHILD_ROW * 4)
    land_source(con, "mosaic", root)
    extent = landed_extent(con, "mosaic")
    published = {
        "run_id": "run-P",
        "source_system": "mosaic",
        "as_at": "2025-12-31",
        "batch": "2025-12-31",
        "rows": {"2025-12-31": {"persons": 10}},
    }
    required = {"persons": "persons.csv"}
    assert problems(extent, published, required) == [
        "extract 30-09-2025 runs to 2025-09-30, older than the publication (run run-P, data "
        "to 2025-12-31): refused; run with --allow-older to publish an earlier period",
        "30-09-2025/persons.csv has 4 data rows, 10 in 2025-12-31/persons.csv last published: "
        "truncated? refused; run with --allow-fewer-rows if the extract really shrank",
    ]
    assert problems(extent, published, required, allow_older=True, allow_fewer_rows=True) == []
    same_size = {**published, "as_at": "2025-06-30", "rows": {"2025-06-30": {"persons": 5}}}
    assert problems(extent, same_size, required) == []


def test_ssda903_years_compare_year_by_year(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    root = tmp_path / "ssda903"
    header = "CHILD,SEX,DOB,ETHNIC\n" + "1,1,01/01/2010,WBRI\n" * 3
    _write(root / "2024" / "header.csv", header)
    _write(root / "2025" / "header.csv", header)
    land_source(con, "ssda903", root)
    extent = landed_extent(con, "ssda903")
    assert extent.as_at == dt.date(2025, 3, 31)
    published = {
        "run_id": "run-P",
        "source_system": "ssda903",
        "as_at": "2025-03-31",
        "rows": {"2024": {"header": 3}, "2025": {"header": 9}},
    }
    assert problems(extent, published, {"header": "header.csv"}) == [
        "2025/header.csv has 3 data rows, 9 in 2025/header.csv last published: truncated? "
        "refused; run with --allow-fewer-rows if the extract really shrank"
    ]
