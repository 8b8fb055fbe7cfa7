"""DfE rules on adoption (AD1, placed for adoption) and previous permanence: what the
validator's own fixtures do not cover (forms by year, last year's return, partly unknown
dates, the reference list of authorities, a return derived from Mosaic)."""

import duckdb
import pytest
from quality_harness import build, flagged

from dagster_project.quality.context import prepare
from dagster_project.quality.engine import run_rules
from dagster_project.quality.rules import rule, rules_for


def ep(child: str, decom: str, **fields: object) -> dict[str, object]:
    return {"CHILD": child, "DECOM": decom, **fields}


def test_557_counts_freeing_orders_until_2023_24_only() -> None:
    # left care to a special guardianship order (E41) under a freeing order (D1) with no
    # placed for adoption row (another child's decision was reversed in full)
    other = [{"CHILD": "2", "DATE_PLACED_CEASED": "01/06/2023", "REASON_PLACED_CEASED": "RD1"}]
    episodes = [ep("1", "01/05/2023", LS="D1", PLACE="U1", DEC="01/09/2023", REC="E41")]
    assert flagged("557", episodes=episodes, placed_for_adoption=other, year=2024) == [
        ("episodes", 1)
    ]
    later = [ep("1", "01/05/2024", LS="D1", PLACE="U1", DEC="01/09/2024", REC="E41")]
    assert flagged("557", episodes=later, placed_for_adoption=other, year=2025) == []
    e1 = [ep("1", "01/05/2024", LS="E1", PLACE="U1", DEC="01/09/2024", REC="E41")]
    assert flagged("557", episodes=e1, placed_for_adoption=other, year=2025) == [("episodes", 1)]


@pytest.mark.parametrize("code", ["555", "556"])
def test_freeing_order_rules_end_with_2023_24(code: str) -> None:
    assert rule(code, 2024).last_year == 2024
    assert code in {r.code for r in rules_for(2024)}
    assert code not in {r.code for r in rules_for(2025)}


def last_year(row: dict[str, object]) -> dict[str, object]:
    return {**row, "collection_year": 2024}


def test_rules_reading_last_years_return() -> None:
    now = [
        {"CHILD": "1", "DATE_PLACED": "01/02/2024"},  # open last year under another date: 560
        {"CHILD": "2", "DATE_PLACED": "1/2/2024"},  # the same day written differently
        {"CHILD": "3", "DATE_PLACED": "01/02/2023"},  # before the year, not last year: 559
        {"CHILD": "4", "DATE_PLACED": "01/02/2023"},  # reversed last year, same date: 561
        {"CHILD": "5", "DATE_PLACED": "01/09/2024"},  # a new decision after a reversal
    ]
    last = [
        last_year({"CHILD": "1", "DATE_PLACED": "01/03/2024"}),
        last_year({"CHILD": "2", "DATE_PLACED": "01/02/2024"}),
        last_year(
            {
                "CHILD": "4",
                "DATE_PLACED": "01/02/2023",
                "DATE_PLACED_CEASED": "01/03/2024",
                "REASON_PLACED_CEASED": "RD1",
            }
        ),
        last_year({"CHILD": "5", "DATE_PLACED": "01/02/2024", "DATE_PLACED_CEASED": "01/03/2024"}),
    ]
    tables = {"placed_for_adoption": now + last}
    assert flagged("560", **tables) == [1]
    assert flagged("559", **tables) == [3]
    assert flagged("561", **tables) == [4]
    assert flagged("584", **tables) == [4]


def test_last_years_rules_are_skipped_without_last_years_return() -> None:
    con = duckdb.connect()
    try:
        build(con, placed_for_adoption=[{"CHILD": "1", "DATE_PLACED": "01/02/2020"}])
        ctx = prepare(con, 2025, "ssda903")
        run = run_rules(con, ctx, tuple(r for r in rules_for(2025) if r.code in ("559", "115")))
    finally:
        con.close()
    status = dict(zip(run.stats["rule_code"], run.stats["status"], strict=True))
    assert status == {"115": "ran", "559": "skipped: no placed_for_adoption_last"}


def test_632_a_partly_unknown_date_is_a_date() -> None:
    perm = [
        {"CHILD": "1", "PREV_PERM": "P1", "LA_PERM": "310", "DATE_PERM": "zz/zz/2010"},
        # could be 1 to 14 March: not known to be after the start of care
        {"CHILD": "2", "PREV_PERM": "P1", "LA_PERM": "310", "DATE_PERM": "ZZ/03/2025"},
        {"CHILD": "3", "PREV_PERM": "P2", "LA_PERM": "310", "DATE_PERM": "16/03/2025"},
        {"CHILD": "4", "PREV_PERM": "P2", "LA_PERM": "NUK", "DATE_PERM": "ZZ/ZZ/ZZZZ"},
        {"CHILD": "5", "PREV_PERM": "P3", "LA_PERM": "310", "DATE_PERM": "31/02/2010"},
        {"CHILD": "6", "PREV_PERM": "P3", "LA_PERM": "310", "DATE_PERM": "ZZ/ZZ/10"},
        {"CHILD": "7", "PREV_PERM": "P3", "LA_PERM": "310", "DATE_PERM": "2010-05-01"},
        {"CHILD": "8", "PREV_PERM": "P3", "LA_PERM": "310", "DATE_PERM": "not known"},
    ]
    episodes = [ep(str(c), "15/03/2025", RNE="S") for c in range(1, 8)]
    assert flagged("632", previous_permanence=perm, episodes=episodes) == [
        ("episodes", 3),
        ("episodes", 5),
        ("episodes", 6),
        ("previous_permanence", 3),
        ("previous_permanence", 5),
        ("previous_permanence", 6),
        ("previous_permanence", 8),  # not a date even without an episode
    ]


def test_634_previous_permanence_is_collected_from_april_2016() -> None:
    perm = [{"CHILD": c, "PREV_PERM": "Z1"} for c in ("1", "2", "3")]
    episodes = [
        ep("1", "01/05/2015", RNE="S"),  # looked after since before 2016: reported
        ep("1", "01/03/2016", RNE="P"),
        ep("2", "01/05/2017", RNE="S"),  # looked after since before the year, after 2016
        ep("3", "01/05/2024", RNE="S"),
    ]
    assert flagged("634", previous_permanence=perm, episodes=episodes) == [
        ("episodes", 1),
        ("episodes", 2),
        ("previous_permanence", 1),
    ]


def test_633_authorities_from_the_reference_list() -> None:
    codes = ["838", "943", "835", "WAL", "NUK", "458", "E06000059"]
    perm = [{"CHILD": str(i), "PREV_PERM": "P1", "LA_PERM": c} for i, c in enumerate(codes)]
    # Dorset (838) and Westmorland and Furness (943) are new; Dorset's county code (835)
    # was abolished in 2019 but an earlier order keeps it; 458 and a new-style code are not
    # DfE 3-digit codes
    assert flagged("633", previous_permanence=perm) == [6, 7]


def test_184_needs_a_date_of_birth_to_compare() -> None:
    placed = [{"CHILD": c, "DATE_PLACED": "01/06/2024"} for c in ("1", "2", "3")]
    header = [{"CHILD": "1", "DOB": "01/07/2024"}, {"CHILD": "2", "DOB": "not known"}]
    assert flagged("184", placed_for_adoption=placed, header=header) == [1]


def test_a_return_derived_from_mosaic_has_no_adoption_files() -> None:
    """The extract carries no adoption or previous permanence data: a child placed for
    adoption is not reported for a missing decision (551) or a new entrant for missing
    previous permanence (630); those rules are skipped, naming the file."""
    con = duckdb.connect()
    try:
        build(
            con,
            episodes=[ep("1", "2024-05-01", RNE="S", LS="E1", PLACE="A4")],
            header=[{"CHILD": "1", "DOB": "2020-01-01"}],
        )
        for table in ("ad1", "placed_for_adoption", "previous_permanence"):
            # the core tables exist (empty) whatever the source
            con.execute(f"create table core.ssda903_{table} (CHILD varchar, YEAR integer)")
        ctx = prepare(con, 2025, "mosaic")
        chosen = tuple(r for r in rules_for(2025) if r.code in ("551", "630", "112"))
        run = run_rules(con, ctx, chosen)
    finally:
        con.close()
    assert not {"ad1", "placed_for_adoption", "previous_permanence"} & set(ctx.tables)
    assert run.findings.empty
    status = dict(zip(run.stats["rule_code"], run.stats["status"], strict=True))
    assert status == {
        "112": "skipped: no ad1",
        "551": "skipped: no placed_for_adoption",
        "630": "skipped: no previous_permanence",
    }
