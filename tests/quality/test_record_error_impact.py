"""Record errors before the indicators, reused by the gate, and their reach into the figures.

Hand-made warehouses: `quality/record_errors.py` stores what the record-error rules find
and the gate reuses it only for the same run and year; `quality/impact.py` measures N, M
and each figure's share, refusing past `max_affected_share` in figures of at least
`min_denominator` children. The whole path through `cla run` is tests/test_record_errors_run.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
from quality_harness import build
from test_quality_gate import EPISODES, HEADER

from dagster_project.landing.bootstrap import ensure_all_sources
from dagster_project.quality import findings as fnd
from dagster_project.quality import impact, record_errors
from dagster_project.quality.config import QualityConfig
from dagster_project.quality.gate import run_gate

P = dt.date(2026, 3, 31)


def _warehouse(path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path))
    build(con, episodes=EPISODES, header=HEADER)
    ensure_all_sources(con)
    return con


def test_the_asset_s_rows_follow_the_dbt_source_contract_and_the_gate_reuses_them(
    tmp_path: Path,
) -> None:
    con = _warehouse(tmp_path / "w.duckdb")
    year, years = record_errors.checked_year(con, "ssda903", 2025)
    run = record_errors.find(con, "ssda903", year, years, {})
    assert sorted(run.findings["rule_code"]) == ["144"]  # B's LS; 103 (a warning) not run
    record_errors.store(con, run, year, "run-1")
    stored = con.execute(
        'select "CHILD", rule_code, check_name, collection_year, severity '
        "from quality.record_errors"
    ).fetchall()
    assert stored == [("B", "144", "dfe_903_rules", 2025, "record_error")]
    # a finding only the stored table holds shows whether the gate reused or re-ran
    marker = run.findings.copy()
    marker["child_id"] = "ONLY-STORED"
    record_errors.store(con, record_errors.RuleRun(fnd.normalise(marker), run.stats), year, "run-1")
    config = QualityConfig(collection_year=2025)
    reused = run_gate(con, "ssda903", None, config, layers=(), run_id="run-1")
    children = set(reused.findings.loc[reused.findings["rule_code"] == "144", "child_id"])
    assert children == {"ONLY-STORED"}
    assert set(reused.findings["rule_code"]) >= {"103"}  # the other rules still ran
    other = run_gate(con, "ssda903", None, config, layers=(), run_id="another-run")
    assert set(other.findings.loc[other.findings["rule_code"] == "144", "child_id"]) == {"B"}
    con.close()


def _figures(con: duckdb.DuckDBPyConnection, members: dict[str, list[tuple[str, bool]]]) -> None:
    """indicator_members / indicator_values / indicator_report at P as dbt shapes them."""
    con.execute("create schema if not exists marts")
    con.execute(
        "create or replace table marts.indicator_members (indicator_id varchar, "
        "period_end date, CHILD varchar, has_record_error boolean)"
    )
    for indicator, rows in members.items():
        for child, flagged in rows:
            con.execute(
                "insert into marts.indicator_members values (?, ?, ?, ?)",
                [indicator, P, child, flagged],
            )
    con.execute(
        "insert into marts.indicator_members values ('cla_at_period_end', ?, 'OLD', true)",
        [dt.date(2025, 12, 31)],  # an earlier date: not in the latest figures
    )
    con.execute(
        """
        create or replace table marts.indicator_values as
        select indicator_id, period_end, true as is_reporting_period,
               count(*) filter (where has_record_error) as dq_affected,
               count(*) as dq_members,
               1.0 * count(*) filter (where has_record_error) / count(*) as dq_affected_share
        from marts.indicator_members group by all
        """
    )
    con.execute(
        "create or replace table marts.indicator_report as select distinct indicator_id, "
        "period_end, 'Title of ' || indicator_id as title from marts.indicator_values"
    )


def test_shares_totals_and_the_refusal_name_the_indicator(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    cla = [(f"C{i}", i < 2) for i in range(40)]  # 2 of 40: 5.0%, not above 5%
    ceased = [(f"C{i}", i < 5) for i in range(0, 60, 2)]  # C0, C2, C4 of 30: 10%
    adopted = [("C1", True), ("Z", False)]  # 1 of 2: 50%, but only 2 children
    _figures(con, {"cla_at_period_end": cla, "cla_ceased": ceased, "adoptions": adopted})
    findings = fnd.frame(
        [
            {"severity": "record_error", "child_id": c, "rule_code": "501"}
            for c in ("C0", "C1", "C2", "C4", "OLD", "NOWHERE")
        ]
        + [{"severity": "warning", "child_id": "W", "rule_code": "103"}]
    )
    reach = impact.measure(con, findings, 0.05, min_denominator=20)
    assert reach.period_end == P
    assert (reach.children_with_record_errors, reach.children_in_figures) == (6, 4)
    assert reach.line() == "6 children with unresolved record errors; 4 in these figures"
    assert [(s.indicator_id, s.members, s.affected) for s in reach.over] == [("cla_ceased", 30, 3)]
    (refusal,) = impact.refusal_findings(reach).itertuples()
    assert refusal.message == (
        "cla_ceased (Title of cla_ceased): 3 of its 30 children (10.0%) have unresolved "
        "record errors, above max_affected_share 5.0% at 2026-03-31"
    )
    assert (refusal.severity, refusal.blocking) == ("structural", True)
    # a small figure is tested once the minimum allows it; a higher share lets all pass
    assert {s.indicator_id for s in impact.measure(con, findings, 0.05, 2).over} == {
        "cla_ceased",
        "adoptions",
    }
    assert impact.measure(con, findings, 0.10, 2).over[0].indicator_id == "adoptions"
    impact.store(con, reach)
    assert con.execute(f"select * from {impact.SUMMARY_TABLE}").fetchall() == [(P, 6, 4, 0.05, 1)]
    con.close()


def test_no_figures_no_refusal() -> None:
    con = duckdb.connect()
    findings = fnd.frame([{"severity": "record_error", "child_id": "A", "rule_code": "501"}])
    reach = impact.measure(con, findings, 0.05)
    assert (reach.period_end, reach.children_with_record_errors, reach.over) == (None, 1, [])
    assert impact.refusal_findings(reach).empty
    assert isinstance(impact.rule_stats(reach), pd.DataFrame)
