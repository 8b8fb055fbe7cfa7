"""Landing files into raw: encodings, bad files, re-landing, and provenance."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import duckdb
import pytest

from dagster_project.landing.loader import land_source

PERSONS = "PERSON_ID,GENDER,DATE_OF_BIRTH,ETHNICITY\n"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def tree_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(str(tmp_path / "w.duckdb"))
    yield connection
    connection.close()


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("utf-8", "Zoë"), ("utf-8-sig", "Zoë"), ("cp1252", "O’Brien £"), ("utf-16", "Zoë")],
)
def test_each_encoding_lands_the_same_text(
    con: duckdb.DuckDBPyConnection, tmp_path: Path, encoding: str, name: str
) -> None:
    root = tmp_path / "mosaic"
    # the ethnicity column carries the non-ASCII text so we can read it back exactly
    write(root / "x1" / "persons.csv", PERSONS + f"1,F,01/02/2010,{name}\n", encoding)
    report = land_source(con, "mosaic", root)
    assert [o.status for o in report.outcomes] == ["loaded"]
    assert rows(con, "select PERSON_ID, ETHNICITY from raw.mosaic_persons") == [("1", name)]
    expected = {"utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "cp1252": "cp1252"}.get(
        encoding, "utf-16"
    )
    assert rows(con, "select encoding from raw.load_log") == [(expected,)]


def test_bytes_that_are_no_known_encoding_are_rejected(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    root = tmp_path / "mosaic"
    path = root / "x1" / "persons.csv"
    path.parent.mkdir(parents=True)
    path.write_bytes(PERSONS.encode() + b"1,F,01/02/2010,\x81\n")
    report = land_source(con, "mosaic", root)
    (outcome,) = report.outcomes
    assert outcome.status == "rejected"
    assert "0x81" in outcome.message
    assert outcome.source_file == "x1/persons.csv"


def test_values_are_kept_exactly_as_given(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    root = tmp_path / "mosaic"
    write(root / "x1" / "persons.csv", PERSONS + ' 7 ,male, 2010-02-01 ,"W, BRI"\n')
    land_source(con, "mosaic", root)
    assert rows(
        con, "select PERSON_ID, GENDER, DATE_OF_BIRTH, ETHNICITY from raw.mosaic_persons"
    ) == [(" 7 ", "male", " 2010-02-01 ", "W, BRI")]


def test_a_column_beyond_the_contract_is_added_and_kept(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    """A file's columns the contract does not name are landed too (the table gains them,
    file by file); a later file without them leaves them blank."""
    root = tmp_path / "mosaic"
    write(root / "x1" / "persons.csv", PERSONS.rstrip("\n") + ",Team Note\n1,F,,,north\n")
    write(root / "x2" / "persons.csv", PERSONS.rstrip("\n") + ",Region\n2,M,,,west\n")
    write(root / "x3" / "persons.csv", PERSONS + "3,F,,\n")
    report = land_source(con, "mosaic", root)
    assert [o.status for o in report.outcomes] == ["loaded"] * 3
    assert rows(
        con, "select PERSON_ID, TEAM_NOTE, REGION from raw.mosaic_persons order by PERSON_ID"
    ) == [("1", "north", None), ("2", None, "west"), ("3", None, None)]


def test_provenance_columns(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    root = tmp_path / "mosaic"
    path = write(root / "2026-03-31" / "persons.csv", PERSONS + "1,F,,\n2,M,,\n")
    land_source(con, "mosaic", root)
    got = rows(
        con,
        "select _batch, _source_file, _row_number, _file_sha256, _loaded_at is not null "
        "from raw.mosaic_persons order by _row_number",
    )
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert got == [
        ("2026-03-31", "2026-03-31/persons.csv", 1, digest, True),
        ("2026-03-31", "2026-03-31/persons.csv", 2, digest, True),
    ]


def test_headers_are_normalised(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    root = tmp_path / "mosaic"
    write(root / "x1" / "persons.csv", "\ufeff Person Id ,gender,Date of Birth,ethnicity\n1,F,,\n")
    report = land_source(con, "mosaic", root)
    assert report.outcomes[0].status == "loaded"
    assert rows(con, "select PERSON_ID from raw.mosaic_persons") == [("1",)]


def test_site_column_map_renames_after_normalising(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    root = tmp_path / "mosaic"
    write(root / "x1" / "persons.csv", "Client Id,GENDER,DATE_OF_BIRTH,ETHNICITY\n9,M,,\n")
    land_source(con, "mosaic", root, column_map={"persons": {"CLIENT_ID": "PERSON_ID"}})
    assert rows(con, "select PERSON_ID from raw.mosaic_persons") == [("9",)]


def test_missing_required_column_fails_that_file_only(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    root = tmp_path / "mosaic"
    write(root / "x1" / "persons.csv", PERSONS + "1,F,,\n")
    write(root / "x1" / "legal_statuses.csv", "LEGAL_STATUS_ID,PERSON_ID,START_DATE\n1,1,\n")
    report = land_source(con, "mosaic", root)
    by_file = {o.source_file: o for o in report.outcomes}
    bad = by_file["x1/legal_statuses.csv"]
    assert bad.status == "rejected"
    assert bad.message.startswith("missing required column(s) LEGAL_STATUS")
    assert by_file["x1/persons.csv"].status == "loaded"
    assert rows(con, "select count(*) from raw.mosaic_legal_statuses") == [(0,)]
    assert rows(
        con, "select status, message from raw.load_log where table_name = 'mosaic_legal_statuses'"
    ) == [("rejected", bad.message)]


def test_empty_file_is_rejected_and_others_land(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    root = tmp_path / "mosaic"
    write(root / "x1" / "persons.csv", PERSONS + "1,F,,\n")
    write(root / "x1" / "reviews.csv", "\n  \n")
    report = land_source(con, "mosaic", root)
    by_file = {o.source_file: o for o in report.outcomes}
    assert by_file["x1/reviews.csv"].status == "rejected"
    assert by_file["x1/reviews.csv"].message == "empty file (no header row)"
    assert by_file["x1/persons.csv"].rows == 1


def test_header_only_file_is_an_empty_table_not_an_error(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    root = tmp_path / "mosaic"
    write(root / "x1" / "reviews.csv", "PERSON_ID,REVIEW_DATE,PARTICIPATION\n")
    (outcome,) = land_source(con, "mosaic", root).outcomes
    assert (outcome.status, outcome.rows) == ("loaded", 0)


def test_row_with_wrong_field_count_is_quarantined_with_reason(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    root = tmp_path / "mosaic"
    write(root / "x1" / "persons.csv", PERSONS + "1,F,,\n2,M\n3,F,,WBRI,extra\n4,M,,,\n")
    (outcome,) = land_source(con, "mosaic", root).outcomes
    assert (outcome.status, outcome.rows, outcome.quarantined) == ("loaded", 2, 2)
    assert rows(con, "select PERSON_ID from raw.mosaic_persons order by 1") == [("1",), ("4",)]
    assert rows(
        con, "select row_number, line_number, reason from raw.quarantine order by row_number"
    ) == [
        (2, 3, "has 2 fields, header has 4"),
        (3, 4, "has 5 fields, header has 4"),
    ]


def test_landing_twice_changes_nothing(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    root = tmp_path / "mosaic"
    write(root / "x1" / "persons.csv", PERSONS + "1,F,,\n2,M,,\n")
    land_source(con, "mosaic", root)
    before = rows(con, "select * from raw.mosaic_persons order by _row_number")
    report = land_source(con, "mosaic", root)
    assert [o.status for o in report.outcomes] == ["unchanged"]
    assert rows(con, "select * from raw.mosaic_persons order by _row_number") == before
    assert rows(con, "select status, rows from raw.load_log order by log_id") == [
        ("loaded", 2),
        ("unchanged", 2),
    ]


def test_changed_file_replaces_its_rows(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    root = tmp_path / "mosaic"
    path = write(root / "x1" / "persons.csv", PERSONS + "1,F,,\n2,M,,\n")
    write(root / "x1" / "reviews.csv", "PERSON_ID,REVIEW_DATE\n1,01/01/2025\n")
    land_source(con, "mosaic", root)
    write(path, PERSONS + "1,F,,\n3,M,,\n5,U,,\n")
    report = land_source(con, "mosaic", root)
    assert {o.source_file: o.status for o in report.outcomes} == {
        "x1/persons.csv": "replaced",
        "x1/reviews.csv": "unchanged",
    }
    assert rows(con, "select PERSON_ID from raw.mosaic_persons order by 1") == [
        ("1",),
        ("3",),
        ("5",),
    ]
    assert rows(con, "select count(*) from raw.mosaic_reviews") == [(1,)]


def test_changed_file_that_turns_bad_leaves_no_stale_rows(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    root = tmp_path / "mosaic"
    path = write(root / "x1" / "persons.csv", PERSONS + "1,F,,\n")
    land_source(con, "mosaic", root)
    write(path, "PERSON_ID,GENDER\n1,F\n")
    (outcome,) = land_source(con, "mosaic", root).outcomes
    assert outcome.status == "rejected"
    assert "DATE_OF_BIRTH" in outcome.message
    assert rows(con, "select count(*) from raw.mosaic_persons") == [(0,)]


def test_file_gone_from_landing_area_leaves_raw(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    root = tmp_path / "mosaic"
    path = write(root / "x1" / "persons.csv", PERSONS + "1,F,,\n")
    land_source(con, "mosaic", root)
    path.unlink()
    (outcome,) = land_source(con, "mosaic", root).outcomes
    assert (outcome.source_file, outcome.status) == ("x1/persons.csv", "removed")
    assert rows(con, "select count(*) from raw.mosaic_persons") == [(0,)]


def test_input_files_are_never_modified(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    root = tmp_path / "mosaic"
    write(root / "x1" / "persons.csv", PERSONS + "1,F,,\n2,M\n")
    write(root / "x1" / "reviews.csv", "")
    write(root / "x1" / "notes.txt", "not a csv")
    before = tree_digest(root)
    land_source(con, "mosaic", root)
    land_source(con, "mosaic", root)
    assert tree_digest(root) == before


def test_extract_folder_given_directly(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    extract = tmp_path / "mosaic" / "2026-03-31"
    write(extract / "persons.csv", PERSONS + "1,F,,\n")
    (outcome,) = land_source(con, "mosaic", extract).outcomes
    assert outcome.source_file == "2026-03-31/persons.csv"
    assert rows(con, "select _batch from raw.mosaic_persons") == [("2026-03-31",)]


def test_unknown_csv_still_lands(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    root = tmp_path / "mosaic"
    write(root / "x1" / "Case Notes Export.csv", "A,B\n1,2\n")
    (outcome,) = land_source(con, "mosaic", root).outcomes
    assert (outcome.table, outcome.status) == ("mosaic_case_notes_export", "loaded")


def test_ssda903_year_folders(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    root = tmp_path / "ssda903"
    header = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,1,01/01/2010,WBRI,,,\n"
    write(root / "2024" / "header.csv", header)
    write(root / "2025" / "header.csv", header.replace(",1,01", ",M,01"))
    write(root / "latest" / "header.csv", header)
    write(root / "episodes.csv", "CHILD\n1\n")
    report = land_source(con, "ssda903", root)
    by_file = {o.source_file: o for o in report.outcomes}
    assert by_file["2024/header.csv"].status == "loaded"
    assert by_file["2025/header.csv"].status == "loaded"
    assert by_file["latest/header.csv"].status == "rejected"
    assert "not a collection year" in by_file["latest/header.csv"].message
    assert by_file["episodes.csv"].status == "rejected"
    assert rows(con, "select _batch, SEX from raw.ssda903_header order by 1") == [
        ("2024", "1"),
        ("2025", "M"),
    ]


def test_dfe_release_zip_and_folder_with_both_conventions(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    root = tmp_path / "dfe"
    common = (
        "time_period,time_identifier,geographic_level,country_code,country_name,"
        "region_code,region_name,old_la_code,la_name,new_la_code,"
    )
    old = common + "population_count,population_estimate,number,rate_per_10000\n"
    old += (
        "2024,Reporting year,Local authority,E92000001,England,E12000007,London,202,"
        '"Camden, London",E09000007,Children looked after at 31 March,40000,200,50\n'
    )
    new = common + "population_type,population_estimate,children_count,rate_per_10000\n"
    new += (
        "2025,Reporting year,National,E92000001,England,,,,,,"
        "Children looked after on 31 March each year,12183016,81770,67\n"
    )
    write(root / "release_2024" / "data" / "cla_number_and_rate_per_10k_children.csv", old)
    archive = root / "release_2025.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("data/cla_number_and_rate_per_10k_children.csv", new)
        zf.writestr("data-guidance/guidance.txt", "ignored")
    write(
        root / "sn_model_2025_wide.csv",
        "old_la_code,la_name,"
        + ",".join(f"SN_{i},SN_{i}P" for i in range(1, 11))
        + "\n310,Harrow,"
        + ",".join(f"{300 + i},Close" for i in range(1, 11))
        + "\n",
    )
    report = land_source(con, "dfe", root)
    assert sorted((o.source_file, o.status) for o in report.outcomes) == [
        ("release_2024/data/cla_number_and_rate_per_10k_children.csv", "loaded"),
        ("release_2025.zip/data/cla_number_and_rate_per_10k_children.csv", "loaded"),
        ("sn_model_2025_wide.csv", "loaded"),
    ]
    got = rows(
        con,
        "select _batch, la_name, number, children_count, population_count, population_type "
        "from raw.dfe_cla_number_and_rate_per_10k_children order by _batch",
    )
    assert got == [
        ("release_2024", "Camden, London", "200", None, "Children looked after at 31 March", None),
        ("release_2025", "", None, "81770", None, "Children looked after on 31 March each year"),
    ]
    assert rows(con, "select old_la_code, sn_1, sn_10 from raw.dfe_sn_model") == [
        ("310", "301", "310")
    ]


def test_dfe_file_with_neither_convention_is_rejected(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    root = tmp_path / "dfe"
    write(
        root / "r" / "la_cla_placement_stability.csv",
        "time_period,time_identifier,geographic_level,country_code,country_name,cla_group\n",
    )
    (outcome,) = land_source(con, "dfe", root).outcomes
    assert outcome.status == "rejected"
    assert "placement_stability" in outcome.message


def test_broken_zip_is_rejected_by_name(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    root = tmp_path / "dfe"
    write(root / "release.zip", "this is not a zip")
    (outcome,) = land_source(con, "dfe", root).outcomes
    assert outcome.status == "rejected"
    assert outcome.source_file == "release.zip"
    assert outcome.message.startswith("unreadable zip")


# Quoted commas, doubled quotes, a quoted line break, empty and quoted-empty fields, spaces
# kept, a blank line (not a row), a stray quote inside an unquoted field, non-ASCII text.
AWKWARD = (
    "PERSON_ID,GENDER,DATE_OF_BIRTH,ETHNICITY\r\n"
    '1,F,01/02/2010,"White, British"\r\n'
    '2,,"",""\r\n'
    "\r\n"
    '3,M, 02/03/2011 ,"say ""hi""\r\nthere"\r\n'
    '4,F,03/04/2012,ab"c\r\n'
    "5,U,04/05/2013,Zoë\r\n"
)


def _landed(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return rows(
        con,
        "select PERSON_ID, GENDER, DATE_OF_BIRTH, ETHNICITY, _batch, _source_file, "
        "_row_number, _file_sha256 from raw.mosaic_persons order by _row_number",
    )


def test_duckdb_reader_lands_exactly_what_python_reader_lands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fast path (DuckDB's read_csv) and Python's reader agree value for value, with
    the same provenance; and the fast path is the one taken for a plain UTF-8 file."""
    from dagster_project.landing import loader

    root = tmp_path / "mosaic"
    write(root / "x1" / "persons.csv", AWKWARD)
    taken: list[int | None] = []
    insert = loader._insert_with_duckdb

    def spy(*args, **kwargs):
        taken.append(insert(*args, **kwargs))
        return taken[-1]

    monkeypatch.setattr(loader, "_insert_with_duckdb", spy)
    fast = duckdb.connect(str(tmp_path / "fast.duckdb"))
    assert [o.rows for o in land_source(fast, "mosaic", root).outcomes] == [5]
    assert taken == [5]
    monkeypatch.setattr(loader, "duckdb_can_read", lambda sniffed, parsed: False)
    slow = duckdb.connect(str(tmp_path / "slow.duckdb"))
    land_source(slow, "mosaic", root)
    assert taken == [5]  # Python's reader this time
    assert _landed(fast) == _landed(slow)
    assert [r[:4] for r in _landed(fast)][1:3] == [
        ("2", "", "", ""),
        ("3", "M", " 02/03/2011 ", 'say "hi"\r\nthere'),
    ]
    assert [r[6] for r in _landed(fast)] == [1, 2, 3, 4, 5]


def test_a_row_duckdb_refuses_falls_back_to_python_and_is_quarantined(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    """A short row makes DuckDB's strict reader refuse the file: Python's reader lands
    it, quarantining that row by number, and no message quotes a value."""
    root = tmp_path / "mosaic"
    write(root / "x1" / "persons.csv", PERSONS + "1,F,01/02/2010,A1\n2,SECRETVALUE\n3,M,,B1\n")
    report = land_source(con, "mosaic", root)
    assert [(o.status, o.rows, o.quarantined) for o in report.outcomes] == [("loaded", 2, 1)]
    assert rows(con, "select row_number, reason from raw.quarantine") == [
        (2, "has 2 fields, header has 4")
    ]
    assert rows(con, "select PERSON_ID, _row_number from raw.mosaic_persons order by 2") == [
        ("1", 1),
        ("3", 3),
    ]
    assert "SECRETVALUE" not in " ".join(o.message for o in report.outcomes)
