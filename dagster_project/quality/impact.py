"""How far record errors reach into the published figures, and whether that is too far.

Record errors (spec/outputs.md v2) do not stop publication by themselves: a figure says how
many of its children have one (`indicator_values.dq_affected`, defined in dbt). The gate
refuses only when, at the latest reporting date, some indicator's share of affected
children (`dq_affected_share` = dq_affected / dq_members, dbt) exceeds
`max_affected_share` (config/pipeline.yaml `quality.max_affected_share`, default 0.05);
figures counting fewer than `quality.min_denominator` children (default 20) are counted
and marked but not tested, since one child of 19 is already more than 5%.

The two totals the run and the Panel report state:

- N, *children with unresolved record errors*: distinct children named by this run's
  record-error-class findings (every check: DfE rules on the returns the figures read, GX
  suites), whether or not any figure counts them;
- M, *in these figures*: distinct children with `has_record_error` among the members of
  any value indicator at the latest reporting date (`indicator_members`: a percentage's
  denominator, a count's counted children, the rate's children looked after). M <= N.

Everything here is counts, indicator ids and titles: nothing names a child or a value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import duckdb

from dagster_project.quality import findings as fnd
from dagster_project.quality.checks import IMPACT
from dagster_project.quality.context import columns
from dagster_project.quality.rule import RECORD_ERROR, STRUCTURAL

if TYPE_CHECKING:  # `cla run`'s line reads `totals_line` before the run loads pandas
    import pandas as pd

CHECK = IMPACT
RULE_CODE = "quality.max_affected_share"
DEFAULT_MAX_AFFECTED_SHARE = 0.05
# Figures counting fewer children are not tested: with 5% one child of 19 is already over
# (adoptions in a quarter, care leavers aged 17-18). 20 = 1 / 0.05: one child alone never
# refuses; they are still counted and marked (dq_affected). config: quality.min_denominator.
DEFAULT_MIN_DENOMINATOR = 20
SUMMARY_TABLE = "marts.dq_record_error_summary"


@dataclass(frozen=True)
class IndicatorShare:
    indicator_id: str
    title: str
    members: int
    affected: int
    share: float

    def describe(self, threshold: float) -> str:
        return (
            f"{self.indicator_id} ({self.title}): {self.affected} of its {self.members} "
            f"children ({_percent(self.share)}) have unresolved record errors, above "
            f"max_affected_share {_percent(threshold)}"
        )


@dataclass
class Impact:
    period_end: dt.date | None
    children_with_record_errors: int
    children_in_figures: int
    max_affected_share: float
    min_denominator: int = DEFAULT_MIN_DENOMINATOR
    shares: list[IndicatorShare] = field(default_factory=list)

    @property
    def over(self) -> list[IndicatorShare]:
        """Indicators whose share of affected children exceeds the threshold, worst first
        (of those counting at least `min_denominator` children)."""
        found = [
            s
            for s in self.shares
            if s.members >= self.min_denominator and s.share > self.max_affected_share
        ]
        return sorted(found, key=lambda s: (-s.share, s.indicator_id))

    def line(self) -> str:
        """What `cla run` prints and the report states."""
        return totals_line(self.children_with_record_errors, self.children_in_figures)


def totals_line(children: int, in_figures: int) -> str:
    noun = "child" if children == 1 else "children"
    return f"{children} {noun} with unresolved record errors; {in_figures} in these figures"


def _percent(share: float) -> str:
    return f"{100 * share:.1f}%"


def latest_period(con: duckdb.DuckDBPyConnection) -> dt.date | None:
    if "is_reporting_period" not in columns(con, "marts", "indicator_values"):
        return None
    return con.execute(
        "select max(period_end) from marts.indicator_values where is_reporting_period"
    ).fetchone()[0]


def measure(
    con: duckdb.DuckDBPyConnection,
    findings: pd.DataFrame,
    max_affected_share: float,
    min_denominator: int = DEFAULT_MIN_DENOMINATOR,
) -> Impact:
    """N, M and each indicator's share at the latest reporting date (none without marts).

    M and the shares are dbt's (`has_record_error`, `dq_affected`): the record errors the
    run's `quality.record_errors` asset found before the indicators were built."""
    errors = findings[(findings["severity"] == RECORD_ERROR) & findings["child_id"].notna()]
    impact = Impact(
        period_end=latest_period(con),
        children_with_record_errors=int(errors["child_id"].nunique()),
        children_in_figures=0,
        max_affected_share=max_affected_share,
        min_denominator=min_denominator,
    )
    if impact.period_end is None or "dq_affected_share" not in columns(
        con, "marts", "indicator_values"
    ):
        return impact
    impact.children_in_figures = con.execute(
        "select count(distinct CHILD) from marts.indicator_members "
        "where period_end = ? and has_record_error",
        [impact.period_end],
    ).fetchone()[0]
    titled = bool(columns(con, "marts", "indicator_report"))
    title = (
        "(select max(r.title) from marts.indicator_report as r "
        "where r.indicator_id = v.indicator_id)"
        if titled
        else "v.indicator_id"
    )
    rows = con.execute(
        f"""
        select v.indicator_id, coalesce({title}, v.indicator_id), v.dq_members, v.dq_affected,
               v.dq_affected_share
        from marts.indicator_values as v
        where v.period_end = ? and v.dq_members > 0
        order by v.indicator_id
        """,
        [impact.period_end],
    ).fetchall()
    impact.shares = [
        IndicatorShare(str(i), str(t), int(n), int(a), float(s)) for i, t, n, a, s in rows
    ]
    return impact


def refusal_findings(impact: Impact) -> pd.DataFrame:
    """One structural (blocking) finding per indicator over the threshold."""
    when = impact.period_end.isoformat() if impact.period_end else "the latest date"
    return fnd.frame(
        [
            {
                "check_name": CHECK,
                "rule_code": RULE_CODE,
                "message": f"{share.describe(impact.max_affected_share)} at {when}",
                "severity": STRUCTURAL,
                "table_name": "marts.indicator_values",
                "fields": "dq_affected, dq_members",
            }
            for share in impact.over
        ]
    )


def rule_stats(impact: Impact) -> pd.DataFrame:
    """The check's line in rule_summary.csv, also when no indicator is over the threshold."""
    import pandas as pd

    return pd.DataFrame(
        [
            {
                "check_name": CHECK,
                "rule_code": RULE_CODE,
                "message": "An indicator's share of children with unresolved record errors "
                f"exceeds max_affected_share ({_percent(impact.max_affected_share)}) at the "
                f"latest reporting date (figures of {impact.min_denominator} children or more)",
                "severity": STRUCTURAL,
                "table_name": "marts.indicator_values",
                "status": "ran" if impact.period_end else "skipped: no indicator_values",
            }
        ]
    )


def store(con: duckdb.DuckDBPyConnection, impact: Impact) -> None:
    """One row for the publication (the report states the totals from it)."""
    con.execute("create schema if not exists marts")
    con.execute(
        f"create or replace table {SUMMARY_TABLE} (period_end date, "
        "children_with_record_errors bigint, children_in_figures bigint, "
        "max_affected_share double, indicators_over_threshold bigint)"
    )
    con.execute(
        f"comment on table {SUMMARY_TABLE} is 'The quality gate''s record-error totals at the "
        "latest reporting date: children with unresolved record errors (N), those among the "
        "children of any indicator there (M), the threshold, and how many indicators exceed "
        "it (docs/quality.md).'"
    )
    con.execute(
        f"insert into {SUMMARY_TABLE} values (?, ?, ?, ?, ?)",
        [
            impact.period_end,
            impact.children_with_record_errors,
            impact.children_in_figures,
            impact.max_affected_share,
            len(impact.over),
        ],
    )
