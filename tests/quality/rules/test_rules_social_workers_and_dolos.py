"""DfE rules on the social worker episodes and the deprivation of liberty orders (DoLOs)
beyond the validator's fixtures: the years each form applies to, and a Mosaic source."""

import duckdb
from quality_harness import YEAR, build, flagged

from dagster_project.quality.context import prepare
from dagster_project.quality.engine import run_rules
from dagster_project.quality.rules import rule, rules_for

SW = {"SW_ID": "SW1234", "SW_REASON": "MANAGE"}


def test_social_worker_ids_need_4_characters_from_2025_26() -> None:
    rows = [{"CHILD": "1", **SW, "SW_ID": "SW1"}, {"CHILD": "2", **SW, "SW_ID": "AB1234"}]
    assert flagged("SW02STG1", sw_episodes=rows, year=2025) == [2]
    assert flagged("SW02STG1", sw_episodes=rows, year=2026) == [1, 2]


def test_social_worker_rules_start_in_2023_24_and_end_as_dfe_retired_them() -> None:
    codes_2023 = {r.code for r in rules_for(2023)}
    assert not {c for c in codes_2023 if c.startswith("SW")}
    assert {"SW01STG1", "SW03STG1", "SW14STG2"} <= {r.code for r in rules_for(2024)}
    assert not {"SW01STG1", "SW03STG1", "SW14STG2"} & {r.code for r in rules_for(2025)}
    assert {"SW01aSTG1", "SW01bSTG1"} <= {r.code for r in rules_for(2025)}
    assert not {"SW01aSTG1", "SW01bSTG1"} & {r.code for r in rules_for(2026)}


def test_a_partly_unknown_start_is_a_date_until_2024_25() -> None:
    rows = [
        {"CHILD": "1", **SW, "SW_DECOM": "ZZ/ZZ/2023"},
        {"CHILD": "2", **SW, "SW_DECOM": "31/02/2024"},
    ]
    assert flagged("SW04STG1", sw_episodes=rows, year=2025) == [2]
    assert flagged("SW04STG1", sw_episodes=rows, year=2026) == [1, 2]
    assert rule("SW04STG1", 2026).severity == "record_error"  # a date that does not parse


def test_episodes_starting_care_need_a_social_worker_episode_of_the_reporting_period() -> None:
    # 2024-25: 1 April 2024 to 31 March 2025; from 2024-25 episodes that ended before the
    # year before (1 April 2023) are not checked
    episodes = [
        {"CHILD": "1", "DECOM": "01/05/2024", "RNE": "S", "LS": "C2"},
        {"CHILD": "2", "DECOM": "01/05/2024", "RNE": "S", "LS": "C2"},
        {
            "CHILD": "3",
            "DECOM": "01/01/2022",
            "RNE": "S",
            "LS": "C2",
            "DEC": "01/03/2023",
            "REC": "E11",
        },
    ]
    sw = [{"CHILD": "1", **SW, "SW_DECOM": "01/05/2024"}]
    assert flagged("SW12STG2", episodes=episodes, sw_episodes=sw, year=2025) == [2]
    assert flagged("SW12STG2", episodes=episodes, sw_episodes=sw, year=2024) == [2, 3]


def test_a_return_derived_from_mosaic_has_no_social_worker_episodes() -> None:
    """Mosaic extracts carry no social worker episodes: rules reading them are skipped, not
    run on an empty file (SW12STG2 would report every child starting care)."""
    con = duckdb.connect()
    try:
        build(con, episodes=[{"CHILD": "1", "DECOM": "2024-05-01", "RNE": "S", "LS": "C2"}])
        con.execute(
            "create table core.ssda903_sw_episodes (CHILD varchar, DOB date, SW_ID varchar, "
            "SW_DECOM date, SW_DEC date, SW_REASON varchar, YEAR integer, "
            "_source_file varchar, _row_number bigint)"
        )
        ctx = prepare(con, YEAR, "mosaic")
        assert "sw_episodes" not in ctx.tables
        run = run_rules(con, ctx, (rule("SW12STG2", YEAR),))
    finally:
        con.close()
    assert run.findings.empty
    assert run.stats["status"].tolist() == ["skipped: no sw_episodes"]


def test_dolo_rules_apply_from_2026_27() -> None:
    assert not {r.code for r in rules_for(2026)} & {str(c) for c in range(700, 711)}
    assert {str(c) for c in range(700, 711)} <= {r.code for r in rules_for(2027)}


def test_a_dolo_outside_every_period_of_care() -> None:
    # 2026-27; child 1 in care May to August 2026, then again from December
    episodes = [
        {"CHILD": "1", "DECOM": "01/05/2026", "DEC": "01/08/2026", "REC": "E4a", "PLACE": "K2"},
        {"CHILD": "1", "DECOM": "01/12/2026", "PLACE": "K2"},
    ]
    dolo = [
        {"CHILD": "1", "DOLO_START": "01/06/2026", "DOLO_END": "01/07/2026"},  # inside
        {"CHILD": "1", "DOLO_START": "01/06/2026"},  # open after the period ended
        {"CHILD": "1", "DOLO_START": "02/12/2026"},  # open in the open period
        {"CHILD": "1", "DOLO_START": "01/09/2026", "DOLO_END": "01/10/2026"},  # between
    ]
    assert flagged("707", episodes=episodes, dolo=dolo, year=2027) == [2, 4]
