"""Local rules for the warnings outputs.md names that DfE has no rule code for."""

import duckdb
from quality_harness import YEAR, build, flagged

from dagster_project.quality.context import prepare
from dagster_project.quality.engine import run_rule
from dagster_project.quality.rules import rule


def test_cla01_cohort_member_without_oc3_information() -> None:
    end = f"{YEAR}-03-31"
    cohort = [
        {
            "CHILD": "A",
            "DOB": "2006-06-01",
            "period_end": end,
            "birthday": "2024-06-01",
            "has_status": True,
        },
        {
            "CHILD": "B",
            "DOB": "2004-01-10",
            "period_end": end,
            "birthday": "2025-01-10",
            "has_status": False,
        },
        # the same young person at another reporting date is not this return's business
        {
            "CHILD": "C",
            "DOB": "2006-09-30",
            "period_end": "2024-12-31",
            "birthday": "2024-09-30",
            "has_status": False,
        },
    ]
    con = duckdb.connect()
    build(con, oc3_cohort=cohort)
    ctx = prepare(con, YEAR, "ssda903")
    found = run_rule(con, rule("CLA01"), ctx, "warning")
    con.close()
    assert list(found["child_id"]) == ["B"]
    assert list(found["table_name"]) == ["oc3"]


def test_cla01_is_skipped_without_the_cohort_model() -> None:
    con = duckdb.connect()
    build(con)
    assert not prepare(con, YEAR, "ssda903").has(rule("CLA01").tables_used)
    con.close()


def test_cla02_uasc_aged_18_at_the_year_end_without_duc() -> None:
    uasc = [
        {"CHILD": "1", "DOB": "2007-03-31", "DUC": None},  # 18 on 31/03/2025: flagged
        {"CHILD": "2", "DOB": "2007-04-01", "DUC": None},  # 18 the day after the year end
        {"CHILD": "3", "DOB": "2005-05-05", "DUC": "2023-05-05"},  # ceased: fine
        {"CHILD": "4", "DOB": "2007-02-28", "DUC": None},  # 18 on 28/02/2025: flagged
        {"CHILD": "5", "DOB": None, "DUC": None},  # no DOB: rule 1002's business
    ]
    assert flagged("CLA02", uasc=uasc) == [1, 4]


def test_cla03_dates_after_the_data_runs_to_are_record_errors() -> None:
    """903 source: the data runs to 31 March of the latest year landed (YEAR here)."""
    end = f"{YEAR}-03-31"
    header = [
        {"CHILD": "1", "DOB": "2015-06-01"},
        {"CHILD": "2", "DOB": f"{YEAR}-04-01"},  # born the day after the data ends
        {"CHILD": "3", "DOB": end},  # born on the last day: possible
    ]
    episodes = [
        {"CHILD": "1", "DECOM": f"{YEAR}-01-15", "DEC": None},
        {"CHILD": "3", "DECOM": f"{YEAR + 27}-01-15", "DEC": None},  # a mistyped year
    ]
    assert flagged("CLA03", header=header, episodes=episodes) == [("episodes", 2), ("header", 2)]
    assert rule("CLA03").severity == "record_error"


def test_cla03_mosaic_compares_with_the_extract_date() -> None:
    """An extract of 31 December: a January date is after it, though inside the year."""
    from dagster_project.landing.loader import ensure_raw_schema

    con = duckdb.connect()
    build(
        con,
        header=[{"CHILD": "1", "DOB": f"{YEAR - 1}-12-31"}, {"CHILD": "2", "DOB": f"{YEAR}-01-10"}],
        episodes=[
            {"CHILD": "1", "DECOM": f"{YEAR - 1}-12-01", "DEC": None, "collection_year": None},
            {"CHILD": "2", "DECOM": f"{YEAR}-01-10", "DEC": None, "collection_year": None},
        ],
    )
    ensure_raw_schema(con, "mosaic")
    con.execute(f"insert into raw.mosaic_persons (_batch) values ('31-12-{YEAR - 1}')")
    con.execute(f"insert into raw.mosaic_extracts values ('31-12-{YEAR - 1}', '{YEAR - 1}-12-31')")
    ctx = prepare(con, YEAR, "mosaic")
    assert str(ctx.data_as_at) == f"{YEAR - 1}-12-31"
    found = run_rule(con, rule("CLA03"), ctx, "record_error")
    con.close()
    assert sorted(zip(found["table_name"], found["child_id"], strict=True)) == [
        ("episodes", "2"),
        ("header", "2"),
    ]
