"""Landing DfE CIN census XML returns: modules into raw tables, provenance, bad files."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dagster_project.landing.loader import land_source

HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<Message>
  <Header>
    <CollectionDetails>
      <Collection>CIN</Collection>
      <Year>{year}</Year>
      <ReferenceDate>{year}-03-31</ReferenceDate>
    </CollectionDetails>
    <Source>
      <SourceLevel>L</SourceLevel>
      <LEA>310</LEA>
      <SoftwareCode>Local Authority</SoftwareCode>
      <Release>ver 1</Release>
      <SerialNo>001</SerialNo>
      <DateTime>{year}-05-01T10:00:00</DateTime>
    </Source>
  </Header>
  <Children>
"""
FOOTER = """  </Children>
</Message>
"""

# Line numbers matter: the tests assert them (HEADER is 18 lines, so the first Child is line 19).
CHILD_A = """    <Child>
      <ChildIdentifiers>
        <LAchildID>A1</LAchildID>
        <UPN>A123456789012</UPN>
        <PersonBirthDate>2015-03-27</PersonBirthDate>
        <GenderCurrent>1</GenderCurrent>
      </ChildIdentifiers>
      <ChildCharacteristics>
        <Ethnicity>WBRI</Ethnicity>
        <Disabilities>
          <Disability>HAND</Disability>
          <Disability>HEAR</Disability>
        </Disabilities>
      </ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2023-06-01</CINreferralDate>
        <ReferralSource>1A</ReferralSource>
        <PrimaryNeedCode>N1</PrimaryNeedCode>
        <DateOfInitialCPC>2023-06-20</DateOfInitialCPC>
        <Assessments>
          <AssessmentActualStartDate>2023-06-02</AssessmentActualStartDate>
          <AssessmentAuthorisationDate>2023-07-10</AssessmentAuthorisationDate>
          <FactorsIdentifiedAtAssessment>
            <AssessmentFactors>2A</AssessmentFactors>
            <AssessmentFactors>3A</AssessmentFactors>
          </FactorsIdentifiedAtAssessment>
        </Assessments>
        <Section47>
          <S47ActualStartDate>2023-06-03</S47ActualStartDate>
          <InitialCPCtarget>2023-06-23</InitialCPCtarget>
          <DateOfInitialCPC>2023-06-20</DateOfInitialCPC>
          <ICPCnotRequired>false</ICPCnotRequired>
        </Section47>
        <ReferralNFA>0</ReferralNFA>
        <ChildProtectionPlans>
          <CPPstartDate>2023-06-20</CPPstartDate>
          <InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>
          <LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse>
          <NumberOfPreviousCPP>0</NumberOfPreviousCPP>
          <Reviews>
            <CPPreviewDate>2023-09-15</CPPreviewDate>
          </Reviews>
        </ChildProtectionPlans>
      </CINdetails>
    </Child>
"""
CHILD_B = """    <Child>
      <ChildIdentifiers>
        <LAchildID>B2</LAchildID>
        <PersonBirthDate>2019-01-05</PersonBirthDate>
        <Sex>F</Sex>
      </ChildIdentifiers>
      <ChildCharacteristics>
        <Ethnicity>AIND</Ethnicity>
      </ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2024-01-10</CINreferralDate>
        <ReferralSource>6</ReferralSource>
        <CINclosureDate>2024-01-10</CINclosureDate>
        <ReasonForClosure>RC8</ReasonForClosure>
        <ReferralNFA>1</ReferralNFA>
      </CINdetails>
      <CINdetails>
        <CINreferralDate>2024-02-01</CINreferralDate>
        <ReferralSource>2A</ReferralSource>
        <CINPlanDates>
          <CINPlanStartDate>2024-03-01</CINPlanStartDate>
        </CINPlanDates>
        <ReferralNFA>false</ReferralNFA>
      </CINdetails>
    </Child>
"""


def census(year: int, *children: str) -> str:
    return HEADER.format(year=year) + "".join(children) + FOOTER


def write(path: Path, text: str | bytes, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode(encoding))
    return path


@pytest.fixture
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(str(tmp_path / "w.duckdb"))
    yield connection
    connection.close()


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def test_every_module_lands_with_provenance(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    root = tmp_path / "cin"
    write(root / "2024" / "CIN_Census_2024.xml", census(2024, CHILD_A, CHILD_B))
    report = land_source(con, "cin", root)
    assert {o.status for o in report.outcomes} == {"loaded"}
    assert {o.table: o.rows for o in report.outcomes} == {
        "cin_header": 1, "cin_children": 2, "cin_disabilities": 2, "cin_cin_details": 3,
        "cin_assessments": 1, "cin_cin_plans": 1, "cin_section47": 1,
        "cin_child_protection_plans": 1, "cin_cpp_reviews": 1,
    }  # fmt: skip
    assert rows(
        con, "select Year, ReferenceDate, LEA, _row_number, _batch from raw.cin_header"
    ) == [("2024", "2024-03-31", "310", 3, "2024")]
    assert rows(
        con,
        "select LAchildID, UPN, PersonBirthDate, GenderCurrent, Sex, Ethnicity, _row_number, "
        "_source_file from raw.cin_children order by _row_number",
    ) == [
        ("A1", "A123456789012", "2015-03-27", "1", None, "WBRI", 19, "2024/CIN_Census_2024.xml"),
        ("B2", None, "2019-01-05", None, "F", "AIND", 64, "2024/CIN_Census_2024.xml"),
    ]
    assert rows(con, "select LAchildID, Disability, _row_number from raw.cin_disabilities") == [
        ("A1", "HAND", 29),
        ("A1", "HEAR", 30),
    ]
    assert rows(
        con,
        "select LAchildID, _row_number, CINreferralDate, ReferralNFA, CINclosureDate, "
        "DateOfInitialCPC from raw.cin_cin_details order by _row_number",
    ) == [
        ("A1", 33, "2023-06-01", "0", None, "2023-06-20"),
        ("B2", 73, "2024-01-10", "1", "2024-01-10", None),
        ("B2", 80, "2024-02-01", "false", None, None),
    ]
    assert rows(
        con,
        "select LAchildID, cin_details_row, AssessmentActualStartDate, "
        "AssessmentAuthorisationDate, AssessmentFactors, _row_number from raw.cin_assessments",
    ) == [("A1", "33", "2023-06-02", "2023-07-10", "2A;3A", 38)]
    assert rows(
        con,
        "select LAchildID, cin_details_row, CINPlanStartDate, CINPlanEndDate "
        "from raw.cin_cin_plans",
    ) == [("B2", "80", "2024-03-01", None)]
    assert rows(
        con,
        "select S47ActualStartDate, DateOfInitialCPC, ICPCnotRequired from raw.cin_section47",
    ) == [("2023-06-03", "2023-06-20", "false")]
    assert rows(
        con,
        "select cin_details_row, CPPstartDate, CPPendDate, InitialCategoryOfAbuse, "
        "NumberOfPreviousCPP, _row_number from raw.cin_child_protection_plans",
    ) == [("33", "2023-06-20", None, "NEG", "0", 53)]
    assert rows(con, "select cpp_row, CPPreviewDate, _row_number from raw.cin_cpp_reviews") == [
        ("53", "2023-09-15", 59)
    ]
    log = rows(con, "select distinct encoding, status, file_sha256 is not null from raw.load_log")
    assert log == [("xml", "loaded", True)]


def test_malformed_file_is_rejected_naming_file_and_line_never_values(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    root = tmp_path / "cin"
    write(root / "2024" / "CIN_Census_2024.xml", census(2024, CHILD_A))
    broken = census(2025, CHILD_B).replace(
        "<ReferralSource>6</ReferralSource>", "<ReferralSource>SECRET-Value</ReferralSourc>"
    )
    write(root / "2025" / "CIN_Census_2025.xml", broken)
    report = land_source(con, "cin", root)
    rejected = report.rejected
    assert {o.source_file for o in rejected} == {"2025/CIN_Census_2025.xml"}
    assert len(rejected) == 9  # every table's check names the file
    message = rejected[0].message
    assert "line 30" in message and "tag name mismatch" in message
    assert "SECRET" not in message and "ReferralSourc" not in message
    # the good year still landed, the broken one left nothing behind
    assert rows(con, "select distinct _batch from raw.cin_children") == [("2024",)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '<?xml version="1.0"?><!DOCTYPE Message [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            "<Message><Children><Child><ChildIdentifiers><LAchildID>&x;</LAchildID>"
            "</ChildIdentifiers></Child></Children></Message>",
            "DOCTYPE",
        ),
        ("<Return><Children/></Return>", "root element is <Return>"),
        ("<Message><Header/></Message>", "no <Children> element"),
        ("", "empty file"),
        ("not xml at all", "not well-formed XML at line 1"),
        ("<Message><Children><Child>", "not well-formed XML"),
    ],
)
def test_files_that_are_not_census_returns_are_rejected(
    con: duckdb.DuckDBPyConnection, tmp_path: Path, text: str, expected: str
) -> None:
    root = tmp_path / "cin"
    write(root / "2024" / "return.xml", text)
    report = land_source(con, "cin", root)
    assert {o.status for o in report.outcomes} == {"rejected"}
    assert expected in report.outcomes[0].message
    assert "passwd" not in report.outcomes[0].message
    assert rows(con, "select count(*) from raw.cin_children") == [(0,)]


def test_child_without_id_is_quarantined_with_its_line(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    root = tmp_path / "cin"
    nameless = CHILD_B.replace("<LAchildID>B2</LAchildID>", "<LAchildID> </LAchildID>")
    write(root / "2024" / "c.xml", census(2024, nameless, CHILD_A))
    report = land_source(con, "cin", root)
    assert {o.status for o in report.outcomes} == {"loaded"}
    children = report.for_table("cin_children")[0]
    assert (children.rows, children.quarantined) == (1, 1)
    assert "quarantined" in children.message
    assert rows(con, "select table_name, row_number, reason from raw.quarantine") == [
        ("cin_children", 19, "Child without LAchildID")
    ]
    # none of the unplaced child's modules landed
    assert rows(con, "select distinct LAchildID from raw.cin_cin_details") == [("A1",)]


def test_relanding_unchanged_replaced_and_removed(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    root = tmp_path / "cin"
    path = write(root / "2024" / "c.xml", census(2024, CHILD_A, CHILD_B))
    land_source(con, "cin", root)
    again = land_source(con, "cin", root)
    assert {o.status for o in again.outcomes} == {"unchanged"}
    assert {o.table: o.rows for o in again.outcomes}["cin_cin_details"] == 3
    write(path, census(2024, CHILD_B))
    replaced = land_source(con, "cin", root)
    assert {o.status for o in replaced.outcomes} == {"replaced"}
    assert rows(con, "select count(*) from raw.cin_cin_details") == [(2,)]
    assert rows(con, "select count(*) from raw.cin_disabilities") == [(0,)]
    path.unlink()
    removed = land_source(con, "cin", root)
    assert [o.status for o in removed.outcomes] == ["removed"]
    for table in ("cin_children", "cin_cin_details", "cin_header"):
        assert rows(con, f"select count(*) from raw.{table}") == [(0,)]


def test_files_outside_year_folders_are_rejected(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    root = tmp_path / "cin"
    write(root / "loose.xml", census(2024, CHILD_A))
    write(root / "latest" / "c.xml", census(2024, CHILD_A))
    write(root / "2024" / "notes.txt", "ignored: not XML")
    report = land_source(con, "cin", root)
    messages = {o.source_file: o.message for o in report.outcomes}
    assert "not in a census-year folder" in messages["loose.xml"]
    assert "is not a census year" in messages["latest/c.xml"]
    assert "2024/notes.txt" not in messages


def test_encodings_namespaces_and_unknown_elements(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    root = tmp_path / "cin"
    text = census(
        2024, CHILD_B.replace("<Ethnicity>AIND</Ethnicity>", "<Ethnicity>Zoë £</Ethnicity>")
    )
    write(
        root / "2024" / "utf16.xml", text.replace('encoding="UTF-8"', 'encoding="UTF-16"'), "utf-16"
    )
    cp = text.replace('encoding="UTF-8"', 'encoding="windows-1252"')
    cp = cp.replace("<Message>", '<Message xmlns="urn:example">').replace(
        "<ReferralNFA>false</ReferralNFA>",
        "<ReferralNFA>false</ReferralNFA><Extra><Thing>1</Thing></Extra>",
    )
    write(root / "2023" / "cp1252.xml", cp, "cp1252")
    report = land_source(con, "cin", root)
    assert {o.status for o in report.outcomes} == {"loaded"}
    assert rows(con, "select _batch, Ethnicity from raw.cin_children order by _batch") == [
        ("2023", "Zoë £"),
        ("2024", "Zoë £"),
    ]
    note = report.for_table("cin_cin_details")[0].message
    assert "CINdetails/Extra" in note


def test_links_out_of_the_input_folder_are_structural_and_never_read(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    """The census folder is walked like every source: a link out is refused unopened."""
    import os

    outside = tmp_path / "elsewhere"
    write(outside / "2023" / "c.xml", census(2023, CHILD_A))
    write(outside / "secret.xml", census(2024, CHILD_A))
    root = tmp_path / "cin"
    write(root / "2024" / "real.xml", census(2024, CHILD_B))
    os.symlink(outside / "secret.xml", root / "2024" / "linked.xml")
    os.symlink(outside / "2023", root / "2023")
    os.symlink(root / "2024" / "real.xml", root / "2024" / "inside.xml")
    report = land_source(con, "cin", root)
    by_file: dict[str, set[tuple[str, bool]]] = {}
    for o in report.outcomes:
        by_file.setdefault(o.source_file, set()).add((o.status, o.structural))
    assert by_file["2024/linked.xml"] == {("rejected", True)}
    assert by_file["2023"] == {("rejected", True)}
    assert by_file["2024/real.xml"] == {("loaded", False)}
    assert by_file["2024/inside.xml"] == {("loaded", False)}  # a link inside is read
    assert rows(con, "select count(*) from raw.cin_children") == [(2,)]
    assert rows(con, "select count(distinct _source_file) from raw.cin_children") == [(2,)]
    hashes = rows(
        con,
        "select file_sha256 from raw.load_log where source_file in ('2024/linked.xml', '2023')",
    )
    assert hashes and all(h is None for (h,) in hashes)  # never opened


def test_a_year_folder_given_directly_is_its_year(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    write(tmp_path / "cin" / "2024" / "c.xml", census(2024, CHILD_B))
    report = land_source(con, "cin", tmp_path / "cin" / "2024")
    assert {(o.source_file, o.status) for o in report.outcomes} == {("2024/c.xml", "loaded")}
    assert rows(con, "select distinct _batch from raw.cin_children") == [("2024",)]
