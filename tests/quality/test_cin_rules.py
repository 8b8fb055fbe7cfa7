"""The CIN census rules on hand-built census returns: which rows fail, and why.

Each child below carries the faults its name says (or none), built to sit on each side of
a rule's edge (the public validator's own test cases probe the same edges: a closure on
the census's first and last day, a plan starting the day another ends, an open plan
overlapping to the census's end). Expected findings are worked out by hand from DfE's rule
text. The census is landed as a file (landing/cin_census.py) and checked as submitted.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dagster_project.landing.loader import land_source
from dagster_project.quality.cin_return import prepare_census
from dagster_project.quality.cin_rules import CHECK, RULES, run_cin_rules
from dagster_project.quality.gate import check_census, run_gate
from dagster_project.quality.rule import RECORD_ERROR, WARNING

HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<Message>
<Header><CollectionDetails><Collection>CIN</Collection><Year>{year}</Year>
<ReferenceDate>{year}-03-31</ReferenceDate></CollectionDetails></Header>
<Children>
"""
FOOTER = "</Children>\n</Message>\n"


def child(child_id: str, *details: str, disabilities: tuple[str, ...] = ()) -> str:
    dis = "".join(f"<Disability>{d}</Disability>\n" for d in disabilities or ("NONE",))
    return (
        f"<Child>\n<ChildIdentifiers>\n<LAchildID>{child_id}</LAchildID>\n"
        "<PersonBirthDate>2015-05-01</PersonBirthDate>\n</ChildIdentifiers>\n"
        "<ChildCharacteristics>\n<Ethnicity>WBRI</Ethnicity>\n"
        f"<Disabilities>\n{dis}</Disabilities>\n"
        "</ChildCharacteristics>\n" + "".join(details) + "</Child>\n"
    )


def detail(
    referral: str = "2023-06-01",
    *modules: str,
    closure: str | None = None,
    reason: str | None = None,
    nfa: str = "0",
    source: str = "1A",
    need: str = "N1",
    icpc: str | None = None,
) -> str:
    parts = [
        "<CINdetails>\n",
        f"<CINreferralDate>{referral}</CINreferralDate>\n",
        f"<ReferralSource>{source}</ReferralSource>\n",
        f"<PrimaryNeedCode>{need}</PrimaryNeedCode>\n",
    ]
    if closure:
        parts.append(f"<CINclosureDate>{closure}</CINclosureDate>\n")
    if reason:
        parts.append(f"<ReasonForClosure>{reason}</ReasonForClosure>\n")
    if icpc:
        parts.append(f"<DateOfInitialCPC>{icpc}</DateOfInitialCPC>\n")
    parts.extend(modules)
    parts.append(f"<ReferralNFA>{nfa}</ReferralNFA>\n</CINdetails>\n")
    return "".join(parts)


def assessment(start: str, end: str | None = None) -> str:
    end_xml = f"<AssessmentAuthorisationDate>{end}</AssessmentAuthorisationDate>\n" if end else ""
    return (
        f"<Assessments>\n<AssessmentActualStartDate>{start}</AssessmentActualStartDate>\n"
        f"{end_xml}</Assessments>\n"
    )


def s47(start: str | None, icpc: str | None = None) -> str:
    start_xml = f"<S47ActualStartDate>{start}</S47ActualStartDate>\n" if start else ""
    icpc_xml = f"<DateOfInitialCPC>{icpc}</DateOfInitialCPC>\n" if icpc else ""
    return f"<Section47>\n{start_xml}{icpc_xml}</Section47>\n"


def cpp(start: str, end: str | None = None, category: str = "NEG", previous: str = "0") -> str:
    end_xml = f"<CPPendDate>{end}</CPPendDate>\n" if end else ""
    return (
        f"<ChildProtectionPlans>\n<CPPstartDate>{start}</CPPstartDate>\n{end_xml}"
        f"<InitialCategoryOfAbuse>{category}</InitialCategoryOfAbuse>\n"
        f"<NumberOfPreviousCPP>{previous}</NumberOfPreviousCPP>\n</ChildProtectionPlans>\n"
    )


def cin_plan(start: str, end: str | None = None) -> str:
    end_xml = f"<CINPlanEndDate>{end}</CINPlanEndDate>\n" if end else ""
    return (
        f"<CINPlanDates>\n<CINPlanStartDate>{start}</CINPlanStartDate>\n{end_xml}</CINPlanDates>\n"
    )


# Census 2024: 1 April 2023 to 31 March 2024.
CHILDREN = [
    # clean: every edge on its allowed side
    child(
        "CLEAN",
        detail(
            "2023-04-01",
            assessment("2023-04-01", "2023-04-01"),  # same day: allowed
            s47("2023-04-01", "2023-04-03"),
            cpp("2023-04-03", "2023-06-01"),
            cpp("2023-06-02", None, previous="1"),  # starts the day after: no overlap
            closure="2024-03-31",  # the census's last day
            reason="RC1",
            icpc="2023-04-03",
        ),
        detail("2022-05-01", closure="2023-04-01", reason="RC8", nfa="1"),  # first day
    ),
    child("BADDATE", detail("2023-02-30", assessment("2023-13-01"))),
    child(
        "ORDER",
        detail(
            "2023-06-10",
            assessment("2023-06-09", "2023-07-01"),  # 1103: a day before the referral
            s47("2023-06-09", "2023-06-08"),  # 2889, 8615, 1104
            cpp("2023-06-08", "2023-06-07"),  # 1105, 8925
            closure="2023-06-09",  # 8630
            reason="RC7",
        ),
    ),
    child(
        "OVERLAP",
        detail("2023-05-01", cpp("2023-05-02", "2023-08-01"), cpp("2023-08-01", "2023-09-01")),
    ),
    child("TWOOPEN", detail("2023-05-01", cpp("2023-05-02"), cpp("2023-09-02"))),
    child(
        "CODES",
        detail(
            "2023-05-01",
            cpp("2023-05-02", category="XXX", previous=""),
            source="11",
            need="N10",
            nfa="maybe",
            closure="2024-04-01",  # 8620: after the census
            reason="RC0",
        ),
        disabilities=("MOB", "WALK"),
    ),
    child("LATE", detail("2024-04-01", cin_plan("2024-04-02", "2024-04-01"))),
    child("AUTHFIRST", detail("2023-05-01", assessment("2023-06-02", "2023-06-01"))),
    child("SAMEDAY", detail("2023-05-01", cpp("2023-05-02", "2023-05-02", previous="1"))),
]

EXPECTED = {
    ("CIN01", "BADDATE", "cin_details", "CINreferralDate=2023-02-30"),
    ("CIN01", "BADDATE", "assessments", "AssessmentActualStartDate=2023-13-01"),
    ("8600", "BADDATE", "cin_details", "CINreferralDate=2023-02-30"),  # not a date: missing
    ("1103", "ORDER", "assessments", "AssessmentActualStartDate=2023-06-09"),
    ("2889", "ORDER", "section47", "S47ActualStartDate=2023-06-09"),
    ("8615", "ORDER", "section47", "S47ActualStartDate=2023-06-09; DateOfInitialCPC=2023-06-08"),
    ("1104", "ORDER", "section47", "DateOfInitialCPC=2023-06-08"),
    ("1105", "ORDER", "child_protection_plans", "CPPstartDate=2023-06-08"),
    ("8925", "ORDER", "child_protection_plans", "CPPstartDate=2023-06-08; CPPendDate=2023-06-07"),
    ("8630", "ORDER", "cin_details", "CINreferralDate=2023-06-10; CINclosureDate=2023-06-09"),
    ("8940", "OVERLAP", "child_protection_plans", "CPPstartDate=2023-05-02; CPPendDate=2023-08-01"),
    ("8940", "OVERLAP", "child_protection_plans", "CPPstartDate=2023-08-01; CPPendDate=2023-09-01"),
    ("8935", "TWOOPEN", "child_protection_plans", "CPPendDate=(blank)"),
    ("8935", "TWOOPEN", "child_protection_plans", "CPPendDate=(blank)#2"),
    ("8940", "TWOOPEN", "child_protection_plans", "CPPstartDate=2023-05-02; CPPendDate=(blank)"),
    ("8940", "TWOOPEN", "child_protection_plans", "CPPstartDate=2023-09-02; CPPendDate=(blank)"),
    ("8866", "CODES", "cin_details", "CINreferralDate=2023-05-01; ReferralSource=11"),
    ("8650", "CODES", "cin_details", "PrimaryNeedCode=N10"),
    ("8568", "CODES", "cin_details", "ReferralNFA=MAYBE"),
    ("8620", "CODES", "cin_details", "CINclosureDate=2024-04-01"),
    ("8640", "CODES", "cin_details", "ReasonForClosure=RC0"),
    ("8905", "CODES", "child_protection_plans", "InitialCategoryOfAbuse=XXX"),
    ("8730", "CODES", "child_protection_plans", "NumberOfPreviousCPP=(blank)"),
    ("8540", "CODES", "disabilities", "Disability=WALK"),
    ("8600", "LATE", "cin_details", "CINreferralDate=2024-04-01"),
    ("4011", "LATE", "cin_plans", "CINPlanStartDate=2024-04-02; CINPlanEndDate=2024-04-01"),
    (
        "8608",
        "AUTHFIRST",
        "assessments",
        "AssessmentActualStartDate=2023-06-02; AssessmentAuthorisationDate=2023-06-01",
    ),
    ("8840", "SAMEDAY", "child_protection_plans", "CPPstartDate=2023-05-02; CPPendDate=2023-05-02"),
}


def _found(findings) -> set[tuple[str, str, str, str]]:
    seen: set[tuple[str, str, str, str]] = set()
    for r in findings.itertuples():
        key = (r.rule_code, r.child_id, r.table_name, r.field_values)
        if key in seen:  # two findings alike (two open plans): number the second
            key = (*key[:3], key[3] + "#2")
        seen.add(key)
    return seen


@pytest.fixture
def landed(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    root = tmp_path / "cin" / "2024"
    root.mkdir(parents=True)
    (root / "census.xml").write_text(HEADER.format(year=2024) + "".join(CHILDREN) + FOOTER)
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    report = land_source(con, "cin", tmp_path / "cin")
    assert {o.status for o in report.outcomes} == {"loaded"}
    yield con
    con.close()


def test_each_fault_is_found_on_its_row_and_nothing_else(landed) -> None:
    run = run_cin_rules(landed, prepare_census(landed, 2024))
    assert _found(run.findings) == EXPECTED
    assert set(run.findings["check_name"]) == {CHECK}
    assert set(run.findings["collection_year"]) == {2024}
    assert set(run.findings["source_file"]) == {"2024/census.xml"}


def test_findings_name_the_element_line(landed, tmp_path: Path) -> None:
    text = (tmp_path / "cin" / "2024" / "census.xml").read_text().splitlines()
    run = run_cin_rules(landed, prepare_census(landed, 2024))
    (row,) = run.findings[run.findings["rule_code"] == "8630"].itertuples()
    # the CINdetails element of child ORDER: the first <CINdetails> after its ID
    start = next(i for i, line in enumerate(text) if "ORDER" in line)
    line = next(i for i in range(start, len(text)) if text[i] == "<CINdetails>") + 1
    assert row.row_number == line
    assert row.fields == "CINreferralDate, CINclosureDate"
    assert "2023" not in row.message  # the rule's message, never a value


def test_severity_classes_and_override(landed) -> None:
    run = run_cin_rules(landed, prepare_census(landed, 2024))
    levels = dict(zip(run.findings["rule_code"], run.findings["severity"], strict=True))
    assert {c for c, s in levels.items() if s == WARNING} == {
        "8866",
        "8650",
        "8640",
        "8730",
        "8840",
    }
    assert levels["8940"] == levels["CIN01"] == levels["8935"] == RECORD_ERROR
    quiet = run_cin_rules(landed, prepare_census(landed, 2024), {"cin.8940": "off"})
    assert "8940" not in set(quiet.findings["rule_code"])
    assert quiet.stats.set_index("rule_code").loc["8940", "status"] == "off"
    # a CIN override never touches the 903 rule of the same code, and vice versa
    same = run_cin_rules(landed, prepare_census(landed, 2024), {"8940": "off"})
    assert "8940" in set(same.findings["rule_code"])


def test_the_rule_set() -> None:
    codes = {r.code for r in RULES}
    assert len(codes) == 22
    assert {r.code for r in RULES if not r.dfe} == {"CIN01"}


def test_earlier_censuses_get_record_error_rules_only(tmp_path: Path) -> None:
    root = tmp_path / "cin"
    for year in (2023, 2024):
        (root / str(year)).mkdir(parents=True)
    codes_child = (
        CHILDREN[5].replace("2023-05-01", "2022-05-01").replace("2024-04-01", "2023-03-01")
    )
    (root / "2023" / "c.xml").write_text(HEADER.format(year=2023) + codes_child + FOOTER)
    (root / "2024" / "c.xml").write_text(HEADER.format(year=2024) + CHILDREN[0] + FOOTER)
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    land_source(con, "cin", root)
    run = check_census(con, {})
    found = {(r.rule_code, r.collection_year) for r in run.findings.itertuples()}
    # 2023's codes child: record errors only (8568, 8905, 8540), warnings are not re-checked
    assert found == {("8568", 2023), ("8905", 2023), ("8540", 2023)}


def test_census_record_errors_are_findings_that_do_not_block_by_themselves(
    landed, tmp_path: Path
) -> None:
    """Record errors are quarantined with their impact (spec/outputs.md v2): the gate refuses
    for them only past `max_affected_share` of a figure's children (check
    record_error_impact), never for the rule itself."""
    result = run_gate(landed, "ssda903", tmp_path / "out", layers=())
    outcome = result.checks[CHECK]
    assert not outcome.blocks and outcome.blocking_rules == []
    assert {"8940", "8866"} <= set(outcome.by_rule)
    written = (tmp_path / "out" / "quality" / "findings.csv").read_text()
    assert "dfe_cin_rules" in written
    summary = (tmp_path / "out" / "quality" / "rule_summary.csv").read_text()
    assert "OVERLAP" not in summary and "2023-05-02" not in summary  # never an ID or value
    clean = duckdb.connect(str(tmp_path / "clean.duckdb"))
    (tmp_path / "c" / "2024").mkdir(parents=True)
    (tmp_path / "c" / "2024" / "c.xml").write_text(
        HEADER.format(year=2024) + CHILDREN[0] + CHILDREN[-1] + FOOTER
    )
    land_source(clean, "cin", tmp_path / "c")
    result = run_gate(clean, "ssda903", None, layers=())
    assert not result.checks[CHECK].blocks
    assert result.checks[CHECK].by_rule == {"8840": 1}  # a warning: reported, publishes


def test_the_public_validators_fake_census(tmp_path: Path) -> None:
    """`fake_data/CIN_Census_2024.xml` of csc-validator-be-cin (its fake data, kept whole,
    4 KB): each finding checked by hand against the file's line."""
    fixture = Path(__file__).parent / "fixtures" / "cin_validator_fake_census_2024.xml"
    (tmp_path / "cin" / "2024").mkdir(parents=True)
    (tmp_path / "cin" / "2024" / "CIN_Census_2024.xml").write_bytes(fixture.read_bytes())
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    land_source(con, "cin", tmp_path / "cin")
    found = {(r.rule_code, int(r.row_number)) for r in check_census(con, {}).findings.itertuples()}
    assert found == {
        ("8620", 34),  # closed 2023-02-27, before the census year began (1 April 2023)
        ("8608", 41),  # assessment started 2028-04-28, authorised 2020-09-19
        ("2889", 54),  # enquiry 2022-06-02 before its referral (2022-10-06, line 34)
        ("1104", 54),  # the enquiry's ICPC 2022-06-17 before the same referral
        ("1105", 61),  # plan 2022-02-17 before the same referral
        ("8600", 86),  # referral 2024-10-24, after the census's end
        ("8620", 86),  # closure 2024-10-29, after the census's end
        ("1103", 92),  # assessment 2023-12-25 before its referral 2024-10-24
    }


def test_a_rejected_census_file_is_one_structural_finding_naming_it(tmp_path: Path) -> None:
    root = tmp_path / "cin" / "2024"
    root.mkdir(parents=True)
    (root / "broken.xml").write_text(HEADER.format(year=2024) + "<Child><LAchildID>X1</Child>")
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    land_source(con, "cin", tmp_path / "cin")
    result = run_gate(con, "ssda903", None, layers=())
    landing = result.findings[result.findings["check_name"] == "landing"]
    assert list(landing["source_file"]) == ["2024/broken.xml"]
    assert list(landing["severity"]) == ["structural"] and result.checks["landing"].blocks
    assert "X1" not in landing.iloc[0]["message"]
