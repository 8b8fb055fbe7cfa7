"""The gate on a hand-made warehouse: findings a caseworker can act on, blocking by
configuration, GX suites on raw text and on the marts, the files written to quality/."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest
from quality_harness import build

from dagster_project.landing.bootstrap import ensure_all_sources
from dagster_project.quality.config import QualityConfig, load_quality_config
from dagster_project.quality.gate import run_gate

EPISODES = [
    # child A: a valid episode
    {
        "CHILD": "A",
        "DECOM": "2024-05-01",
        "RNE": "S",
        "LS": "C2",
        "CIN": "N1",
        "PLACE": "U4",
        "PLACE_PROVIDER": "PR1",
        "_source_file": "2025/episodes.csv",
    },
    # child B: legal status outside the list (rule 144, a record error)
    {
        "CHILD": "B",
        "DECOM": "2024-06-01",
        "RNE": "S",
        "LS": "Z9",
        "CIN": "N1",
        "PLACE": "U4",
        "PLACE_PROVIDER": "PR1",
        "_source_file": "2025/episodes.csv",
    },
]
HEADER = [
    {"CHILD": "A", "SEX": "F", "DOB": "2015-01-01", "ETHNIC": "WBRI"},
    {"CHILD": "B", "SEX": "M", "DOB": "2014-01-01", "ETHNIC": "XXXX"},  # rule 103, warning
]


def warehouse(path: Path) -> duckdb.DuckDBPyConnection:
    """Marts made by hand, and every raw table as landing creates them."""
    con = duckdb.connect(str(path))
    build(con, episodes=EPISODES, header=HEADER)
    ensure_all_sources(con)
    return con


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def gate_run(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("gate")
    con = warehouse(base / "w.duckdb")
    # raw text of the year: child C's DEC is not a date (rule 147 and the raw GX suite)
    con.execute(
        "insert into raw.ssda903_episodes (CHILD, DECOM, DEC, _batch, _source_file, _row_number)"
        " values ('C', '01/05/2024', '31/02/2025', '2025', '2025/episodes.csv', 7),"
        " ('D', '01/05/2024', 'soon', '2025', '2025/episodes.csv', 8)"
    )
    result = run_gate(con, "ssda903", base / "publish", QualityConfig(collection_year=2025))
    stored = con.execute("select count(*) from marts.dq_findings").fetchone()[0]
    con.close()
    return result, base / "publish" / "quality", stored


def test_findings_name_rule_child_field_value_file_and_row(gate_run) -> None:
    _, quality, _ = gate_run
    rows = read_csv(quality / "findings.csv")
    ls = [r for r in rows if r["rule_code"] == "144"]
    assert len(ls) == 1
    (finding,) = ls
    assert finding["child_id"] == "B"
    assert finding["fields"] == "LS"
    assert finding["field_values"] == "LS=Z9"
    assert (finding["severity"], finding["blocking"]) == ("record_error", "False")
    assert finding["table_name"] == "episodes"
    assert finding["source_file"] == "2025/episodes.csv"
    assert finding["row_number"] == "2"
    assert finding["message"] == "The legal status code is not a valid code."


def test_warnings_are_reported_and_do_not_block(gate_run) -> None:
    _, quality, _ = gate_run
    (ethnic,) = [r for r in read_csv(quality / "findings.csv") if r["rule_code"] == "103"]
    assert (ethnic["child_id"], ethnic["field_values"], ethnic["blocking"]) == (
        "B",
        "ETHNIC=XXXX",
        "False",
    )


def test_dates_that_do_not_parse_are_record_errors_with_the_file_row(gate_run) -> None:
    _, quality, _ = gate_run
    rows = read_csv(quality / "findings.csv")
    dec = sorted((r["child_id"], r["row_number"]) for r in rows if r["rule_code"] == "147")
    assert dec == [("C", "7"), ("D", "8")]  # 31/02 is not a date; neither is "soon"
    gx = [r for r in rows if r["rule_code"] == "ssda903_episodes.DEC.date"]
    # the raw suite checks the form: "soon" fails it, 31/02/2025 has the form of a date
    assert [(r["child_id"], r["row_number"], r["severity"]) for r in gx] == [
        ("D", "8", "record_error")
    ]


def test_record_errors_alone_do_not_block_and_metadata_holds_no_child_ids(gate_run) -> None:
    """Record errors block only through their share of a figure (quality/impact.py)."""
    result, _, _ = gate_run
    rules = result.checks["dfe_903_rules"]
    assert not rules.blocks and not rules.passed
    assert rules.blocking_rules == []
    assert (rules.by_rule["144"], rules.by_rule["147"], rules.by_rule["103"]) == (1, 2, 1)
    assert result.checks["gx_raw"].by_rule == {"ssda903_episodes.DEC.date": 1}
    assert not any(outcome.blocks for outcome in result.checks.values())
    for outcome in result.checks.values():
        text = outcome.description() + repr(outcome.by_rule) + repr(outcome.blocking_rules)
        assert "'B'" not in text and "'D'" not in text


def test_summary_quality_page_and_warehouse_copy(gate_run) -> None:
    _, quality, stored = gate_run
    summary = {r["rule_code"]: r for r in read_csv(quality / "rule_summary.csv")}
    assert summary["144"]["failing_rows"] == "1"
    assert (summary["144"]["severity"], summary["144"]["blocking"]) == ("record_error", "False")
    assert summary["143"]["failing_rows"] == "0"  # rules that ran and found nothing are listed
    assert summary["indicator_values.pct_0_100"]["status"] == "skipped: no marts.indicator_values"
    assert (quality / "index.html").is_file()
    assert not (quality / "data_docs").exists()  # GX Data Docs are no longer built
    assert stored == len(read_csv(quality / "findings.csv"))


def test_configuration_decides_what_blocks(tmp_path: Path) -> None:
    con = warehouse(tmp_path / "w.duckdb")
    config = QualityConfig(collection_year=2025, severity={"144": "warning", "103": "off"})
    result = run_gate(con, "ssda903", tmp_path / "publish", config, layers=())
    con.close()
    assert not result.checks["dfe_903_rules"].blocks
    codes = set(result.findings["rule_code"])
    assert "144" in codes and "103" not in codes


def test_mart_suite_percentages_numerators_and_completeness(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    build(con)
    con.execute("create schema if not exists marts")
    con.execute(
        "create table marts.indicator_values (indicator_id varchar, period_end date, "
        "numerator bigint, denominator bigint, value double, note varchar)"
    )
    con.execute(
        """insert into marts.indicator_values values
        ('health_assessment_pct', '2025-03-31', 9, 10, 90.0, null),
        ('health_assessment_pct', '2024-03-31', 12, 10, 120.0, null),
        ('cla_at_period_end', '2025-03-31', 80, null, 80.0, null),
        ('cla_at_period_end', '2024-12-31', 79, null, 79.0, null)"""
    )
    # completeness is judged against the catalogue's value indicators and the run's dates
    con.execute("create schema if not exists reference_codes")
    con.execute(
        """create table reference_codes.indicator_catalogue as select * from (values
        ('cla_at_period_end', 'value'), ('health_assessment_pct', 'value'),
        ('uasc_pct', 'value'), ('cla_by_gender', 'breakdown')) t(indicator_id, kind)"""
    )
    con.execute("create schema if not exists intermediate")
    con.execute(
        """create table intermediate.int_reporting_periods as select * from (values
        (date '2025-03-31'), (date '2024-03-31')) t(period_end)"""
    )
    result = run_gate(con, "ssda903", None, QualityConfig(collection_year=2025), ("marts",))
    con.close()
    codes = sorted(result.findings["rule_code"])
    # 120 % over 100; 12 over 10; cla_at_period_end missing for 2024-03-31, uasc_pct for both
    # dates; the breakdown and the comparison date 2024-12-31 are not reporting rows
    assert codes == [
        "indicator_values.numerator_le_denominator",
        "indicator_values.pct_0_100",
        "indicator_values.present",
        "indicator_values.present",
        "indicator_values.present",
    ]
    assert result.checks["gx_marts"].blocks


def test_the_shipped_configuration_loads() -> None:
    config = load_quality_config()
    assert config.collection_year is None  # auto
    assert set(config.severity.values()) <= {"structural", "record_error", "warning", "off"}


def test_the_old_blocking_severity_is_refused_with_the_classes_to_choose(tmp_path: Path) -> None:
    path = tmp_path / "quality.yaml"
    path.write_text('severity:\n  "526": blocking\n')
    with pytest.raises(ValueError, match="record_error"):
        load_quality_config(path)


def test_earlier_returns_are_checked_for_their_record_errors(tmp_path: Path) -> None:
    """The figures read five years back: an earlier return's record errors (codes outside
    that year's lists) are found, its warnings are not the gate's business."""
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    old = {"DECOM": "2023-05-01", "RNE": "S", "CIN": "N1", "PLACE": "U4", "collection_year": 2024}
    build(
        con,
        episodes=[
            {"CHILD": "OLD", "LS": "Z9", **old},
            {"CHILD": "H5", "LS": "C2", **old, "PLACE": "H5"},  # valid until 2024-25
            *EPISODES,
        ],
        header=[{"CHILD": "OLD", "ETHNIC": "XXXX", "collection_year": 2024}, *HEADER],
    )
    ensure_all_sources(con)
    result = run_gate(con, "ssda903", None, QualityConfig(collection_year=2025), layers=())
    con.close()
    found = {(r.rule_code, r.child_id, r.collection_year) for r in result.findings.itertuples()}
    assert ("144", "OLD", 2024) in found
    assert ("144", "B", 2025) in found
    assert not any(child in ("OLD", "H5") and code in ("103", "146") for code, child, _ in found)
