"""DfE rules on the header, UASC, OC2 and OC3 files beyond the validator's fixtures: codes
that changed between years, tables a return may lack, and the return's file format."""

import duckdb
from quality_harness import YEAR, build, flagged

from dagster_project.quality.context import RuleContext, prepare
from dagster_project.quality.engine import run_rules
from dagster_project.quality.rules import rule


def test_a_change_of_sex_codes_is_not_a_change_of_sex() -> None:
    # 2024-25 codes sex M/F/U; the 2023-24 return beside it 1/2
    header = [
        {"CHILD": "1", "SEX": "M"},
        {"CHILD": "2", "SEX": "F"},
        {"CHILD": "1", "SEX": "1", "collection_year": 2024},
        {"CHILD": "2", "SEX": "1", "collection_year": 2024},
    ]
    assert flagged("202", header=header, year=2025) == [2]


def test_mother_status_follows_each_years_sex_codes() -> None:
    episodes = [{"CHILD": c, "DECOM": "01/05/2024", "LS": "C2"} for c in ("1", "2", "3")]
    header = [
        {"CHILD": "1", "SEX": "M", "MOTHER": "0"},  # a boy with a mother status
        {"CHILD": "2", "SEX": "F"},  # a girl looked after in the year, status blank
        {"CHILD": "3", "SEX": "F", "MOTHER": "0"},
    ]
    oc3 = [{"CHILD": "9", "IN_TOUCH": "YES"}]
    assert flagged("165", header=header, episodes=episodes, oc3=oc3, year=2025) == [
        ("header", 1),
        ("header", 2),
    ]


def test_the_male_and_female_forms_change_in_2024_25() -> None:
    header = [{"CHILD": "1", "SEX": "1", "MC_DOB": "01/01/2020"}]
    assert flagged("174", header=header, year=2024) == [1]
    assert flagged("174", header=header, year=2025) == []
    header = [{"CHILD": "1", "SEX": "M", "MC_DOB": "01/01/2020"}]
    assert flagged("174", header=header, year=2025) == [1]


def test_a_header_child_without_episodes_is_checked_when_no_oc3_was_supplied() -> None:
    header = [{"CHILD": "1"}, {"CHILD": "2"}]
    episodes = [{"CHILD": "1", "DECOM": "01/05/2024"}]
    assert flagged("EPI", header=header, episodes=episodes) == [2]
    assert flagged("EPI", header=header, episodes=episodes, oc3=[{"CHILD": "2"}]) == []


def test_the_uasc_status_item_is_checked_in_xml_returns_only() -> None:
    """In a CSV return the header's UASC flag is derived from the UASC file (always 0 or 1);
    the landing reads CSV, so rule 105 runs and finds nothing."""
    con = duckdb.connect()
    try:
        build(con, header=[{"CHILD": "1"}], uasc=[{"CHILD": "2", "DUC": "01/01/2025"}])
        ctx = prepare(con, YEAR, "ssda903")
        assert ctx.file_format == "csv"
        run = run_rules(con, ctx, (rule("105"),))
        assert run.stats["status"].tolist() == ["ran"] and run.findings.empty
        xml = RuleContext(YEAR, ctx.start, ctx.end, dict(ctx.tables), file_format="xml")
        con.execute("update dq_header set UASC = '2'")
        assert run_rules(con, xml, (rule("105"),)).findings["row_number"].tolist() == [1]
    finally:
        con.close()


def test_a_uasc_child_in_both_years_and_a_child_uasc_last_year_only() -> None:
    # 2024-25; child 1 UASC both years, ceased at 18 (1 June 2024, DOB 1 June 2006);
    # child 2 UASC last year only, but its date UASC ceased is after last year
    uasc = [
        {"CHILD": "1", "DOB": "01/06/2006", "DUC": "01/06/2024"},
        {"CHILD": "1", "DOB": "01/06/2006", "DUC": "01/06/2024", "collection_year": 2024},
        {"CHILD": "2", "DOB": "01/06/2007", "DUC": "01/06/2025", "collection_year": 2024},
    ]
    header = [
        {"CHILD": "1", "DOB": "01/06/2006"},
        {"CHILD": "2", "DOB": "01/06/2007"},
        {"CHILD": "1", "DOB": "01/06/2006", "collection_year": 2024},
        {"CHILD": "2", "DOB": "01/06/2007", "collection_year": 2024},
    ]
    assert flagged("205B", uasc=uasc, header=header, year=2025) == []
    # child 2 is in this year's header but not its UASC file: not UASC this year
    assert flagged("205A", uasc=[*uasc, {"CHILD": "3"}], header=header, year=2025) == []
    assert flagged("205D", uasc=uasc, header=header, year=2025) == []


def test_a_care_leaver_adopted_or_never_relevant() -> None:
    # 2024-25; both years' episodes needed. Child 1: in care from 14 to 17 (relevant);
    # child 2: 30 days in care after 16 only; child 3: adopted (last episode E11)
    header = [
        {"CHILD": "1", "DOB": "01/01/2007"},
        {"CHILD": "2", "DOB": "01/01/2007"},
        {"CHILD": "3", "DOB": "01/01/2007"},
    ]
    episodes = [
        {"CHILD": "1", "DECOM": "01/01/2021", "DEC": "01/06/2024", "REC": "E4a", "LS": "C2"},
        {"CHILD": "2", "DECOM": "01/05/2024", "DEC": "31/05/2024", "REC": "E4a", "LS": "C2"},
        {"CHILD": "3", "DECOM": "01/01/2021", "DEC": "01/06/2024", "REC": "E11", "LS": "E1"},
        {"CHILD": "9", "DECOM": "01/01/2021", "collection_year": 2024},
    ]
    oc3 = [{"CHILD": c, "IN_TOUCH": "YES"} for c in ("1", "2", "3")]
    assert flagged("1001", header=header, episodes=episodes, oc3=oc3) == [2, 3]


def test_items_a_mosaic_extract_does_not_carry_are_not_asked_of_its_return() -> None:
    # 2024-25: child 1 (11) and child 2 (3) looked after all year, a girl looked after in it
    episodes = [
        {"CHILD": "1", "DECOM": "2020-01-01", "RNE": "S", "LS": "C2"},
        {"CHILD": "2", "DECOM": "2022-01-01", "RNE": "S", "LS": "C2"},
    ]
    header = [
        {"CHILD": "1", "SEX": "F", "DOB": "2013-06-01"},
        {"CHILD": "2", "SEX": "M", "DOB": "2021-06-01"},
    ]
    oc2 = [
        {"CHILD": "1", "DOB": "2013-06-01", "IMMUNISATIONS": "1"},
        {"CHILD": "2", "DOB": "2021-06-01", "IMMUNISATIONS": "1"},
    ]
    oc3 = [{"CHILD": "9", "IN_TOUCH": "YES"}]
    tables = {"episodes": episodes, "header": header, "oc2": oc2, "oc3": oc3}
    assert flagged("543", **tables) == [1]  # no conviction item
    assert flagged("545", **tables) == [2]  # no health promotion item
    assert flagged("165", **tables) == [("header", 1)]  # no mother status
    for code in ("543", "545", "165"):
        assert flagged(code, source="mosaic", **tables) == []
