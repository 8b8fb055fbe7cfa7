"""Helpers of the indicator tests: write small CSVs, land them, build the indicator marts."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

from dagster_project.landing.bootstrap import ensure_all_sources
from dagster_project.landing.loader import land_source
from dagster_project.transform.dbt_cli import run_dbt
from dagster_project.warehouse import connect

# The indicator marts and everything upstream of them (SSDA903 core, cohorts, comparators).
INDICATOR_MODELS = "+path:models/marts/indicators"

Value = tuple[int | None, int | None, float | None]


def write_csv(path: Path, header: str, rows: Iterable[Sequence[object]]) -> None:
    """A small CSV as an LA would drop it (None -> blank)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header.split(","))
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])


def land(warehouse: Path, source: str, root: Path) -> None:
    """Land one source's folder; every raw and reference table exists afterwards."""
    with connect(warehouse) as con:
        ensure_all_sources(con)
        report = land_source(con, source, root)
    assert not report.rejected, [(o.source_file, o.message) for o in report.rejected]


def build(
    warehouse: Path,
    target: Path,
    source: str,
    la_code: str = "310",
    period_ends: list[str] | None = None,
    data_tests: bool = True,
) -> None:
    """dbt build of the indicator marts and what they read (unit tests excluded)."""
    dbt_vars = {"source_system": source, "la_code": la_code, "period_ends": period_ends or []}
    excluded = ["unit_test"] if data_tests else ["unit_test", "test"]
    run_dbt(
        ["build", "--exclude-resource-type", *excluded, "--select", INDICATOR_MODELS],
        warehouse,
        dbt_vars,
        target=target,
    )


def values(warehouse: Path, period_end: dt.date | None = None) -> dict[tuple[str, dt.date], Value]:
    """indicator_values as {(indicator_id, period_end): (numerator, denominator, value)}."""
    where = "where period_end = ?" if period_end else ""
    params = [period_end] if period_end else []
    with connect(warehouse, read_only=True) as con:
        found = con.execute(
            "select indicator_id, period_end, numerator, denominator, value "
            f"from marts.indicator_values {where}",
            params,
        ).fetchall()
    return {(r[0], r[1]): (r[2], r[3], r[4]) for r in found}


def rows(warehouse: Path, sql: str, params: Sequence[object] = ()) -> list[tuple]:
    with connect(warehouse, read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def members_disagreeing(warehouse: Path) -> list[tuple]:
    """(indicator, date, figure, from members) wherever indicator_members does not reproduce
    indicator_values: the numerator is the sum of the members' numerator contributions (no
    members where it is null); the denominator the sum of their denominator contributions,
    except counts (no denominator, none from members) and cla_rate_per_10k (the population:
    its members add none); dq_affected the members with a record error."""
    return rows(
        warehouse,
        """
        with m as (
            select
                indicator_id,
                period_end,
                count(*) as members,
                sum(numerator_contribution) as numerator,
                sum(denominator_contribution) as denominator,
                count(denominator_contribution) as with_denominator,
                count(*) filter (where has_record_error) as dq_affected
            from marts.indicator_members
            group by all
        )
        select v.indicator_id, v.period_end,
            (v.numerator, v.denominator, v.dq_affected) as figure,
            (m.numerator, m.denominator, m.dq_affected) as from_members
        from marts.indicator_values as v
        left join m using (indicator_id, period_end)
        where
            case
                when v.numerator is null then m.members is not null
                else v.numerator is distinct from coalesce(m.numerator, 0)
                    or v.dq_affected is distinct from coalesce(m.dq_affected, 0)
                    or case
                        when v.unit = 'count' then v.denominator is not null
                            or coalesce(m.with_denominator, 0) > 0
                        when v.unit = 'rate' then coalesce(m.with_denominator, 0) > 0
                        else v.denominator is distinct from coalesce(m.denominator, 0)
                    end
            end
        order by all
        """,
    )
