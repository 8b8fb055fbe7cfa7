"""Gather the Panel report's tables from the publication, suppressed and rounded.

The report reads the analysts' database it is published with, so the Panel and the
analysts always see the same run. Every label, order, polarity, RAG, direction of travel and
breakdown share comes from the marts and seeds (indicator_report, indicator_key_points,
indicator_breakdowns, indicator_catalogue); this module only selects, suppresses and
rounds. Every LA figure passes `suppression` before it becomes a `Figure`; nothing
downstream (HTML, Excel, charts) sees an unsuppressed count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from dagster_project.publication.figures import MISSING, SUPPRESSED, Figure, make_figure
from dagster_project.publication.indicators import CatalogueError, IndicatorMeta, load_catalogue
from dagster_project.publication.periods import collection_year, is_provisional, is_quarter_end
from dagster_project.publication.suppression import figure_suppressed, is_small, suppress_table

TREND_QUARTERS = 8
COMPARATOR_YEARS = 3


class ReportDataError(RuntimeError):
    """The publication lacks what the report needs; the message names the table."""


# Columns the report reads, by table (outputs.md's and the marts' YAML).
REQUIRED_COLUMNS = {
    "indicator_values": {"indicator_id", "period_end", "numerator", "denominator", "value"},
    "indicator_report": {
        "period_end",
        "indicator_id",
        "value",
        "target",
        "rag",
        "previous_value",
        "year_ago_value",
        "sn_average",
        "england",
        "direction_of_travel",
        "direction_assessment",
        "previous_period_end",
        "year_ago_period_end",
        "dq_affected",
    },
    "indicator_breakdowns": {
        "indicator_id",
        "period_end",
        "category",
        "count",
        "percent",
        "total",
        "label",
        "display_order",
    },
    "indicator_key_points": {"period_end", "indicator_id", "is_key_point", "key_point_order"},
}
DIRECTION_ARROW = {"up": "▲", "down": "▼", "no_change": "►"}
DIRECTION_WORD = {"better": "better", "worse": "worse", "no_change": "no change"}


@dataclass
class KpiRow:
    indicator_id: str
    number: int
    title: str
    theme: str
    unit: str
    value: Figure
    target: Figure
    rag: str
    previous: Figure
    year_ago: Figure
    sn_average: Figure
    england: Figure
    direction: str
    direction_text: str
    dq_affected: int = 0
    commentary: str | None = None
    # the figure counts children with an unresolved record error (indicator_report
    # .dq_affected > 0): the report marks the row, never the count (docs/publication.md)
    record_errors: bool = False


@dataclass
class TrendPoint:
    period_end: dt.date
    figure: Figure


@dataclass
class Trend:
    indicator_id: str
    number: int
    title: str
    unit: str
    polarity: str
    points: list[TrendPoint]
    target: float | None


@dataclass
class BreakdownRow:
    category: str
    label: str
    count: Figure
    percent: Figure


@dataclass
class Breakdown:
    indicator_id: str
    number: int
    title: str
    total: Figure
    rows: list[BreakdownRow]


@dataclass
class CareLeaverRow:
    indicator_id: str
    number: int
    title: str
    cohort: Figure
    number_in: Figure
    percent: Figure


@dataclass
class ComparatorRow:
    """One measure of one indicator across the comparator years (years are columns)."""

    indicator_id: str
    number: int
    title: str
    measure: str  # la, sn_average, sn_count, sn_median, england
    label: str
    cells: list[Figure]


@dataclass
class KeyPoint:
    indicator_id: str | None  # None: a point about the whole report
    number: int | None
    text: str


def _la_label(info: dict) -> str:
    """The LA as the report names it: "Harrow (310 / E09000015)", else the configured code."""
    codes = [c for c in (info.get("old_la_code"), info.get("new_la_code")) if c]
    if info.get("la_name"):
        return f"{info['la_name']} ({' / '.join(codes)})" if codes else str(info["la_name"])
    return str(info.get("la_code", ""))


@dataclass
class ReportData:
    la_code: str
    la_name: str
    source_system: str
    run_id: str
    built_at: str
    period_end: dt.date
    provisional: bool
    latest_published_year: int | None
    threshold: int
    data_extracted: dt.date | None = None
    kpis: list[KpiRow] = field(default_factory=list)
    key_points: list[KeyPoint] = field(default_factory=list)
    trends: list[Trend] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)
    care_leavers_period: dt.date | None = None
    care_leavers: list[CareLeaverRow] = field(default_factory=list)
    comparator_years: list[int] = field(default_factory=list)
    comparators: list[ComparatorRow] = field(default_factory=list)
    commentary: dict[str, str] = field(default_factory=dict)
    catalogue: dict[str, IndicatorMeta] = field(default_factory=dict)
    # "N children with unresolved record errors; M in these figures" (small counts as c);
    # None when the publication carries no record-error summary
    record_errors: str | None = None


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> list[dict]:
    cursor = con.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _tables(con: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for table, column in con.execute(
        "select table_name, column_name from information_schema.columns where table_schema = 'main'"
    ).fetchall():
        found.setdefault(table, set()).add(column)
    return found


def _num(value: Any) -> float | None:
    return None if value is None else float(value)


def _when(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%-d %b %Y %H:%M UTC")
    return str(value or "")


class _Builder:
    """Reads the publication once and turns it into suppressed figures."""

    def __init__(self, con: duckdb.DuckDBPyConnection, threshold: int) -> None:
        self.con = con
        self.threshold = threshold
        self.tables = _tables(con)
        for table, needed in REQUIRED_COLUMNS.items():
            if table not in self.tables:
                raise ReportDataError(
                    f"the publication has no table {table}: the indicator marts did not "
                    "build, so the Panel report cannot be written"
                )
            missing = sorted(needed - self.tables[table])
            if missing:
                raise ReportDataError(f"{table} has no column(s) {', '.join(missing)}")
        try:
            self.meta = load_catalogue(con)
        except CatalogueError as exc:
            raise ReportDataError(str(exc)) from None
        self.values: dict[tuple[str, dt.date], dict] = {
            (r["indicator_id"], r["period_end"]): r
            for r in _rows(
                con,
                "select indicator_id, period_end, numerator, denominator, value "
                "from main.indicator_values",
            )
        }
        unknown = sorted({i for i, _ in self.values} - set(self.meta))
        if unknown:
            raise ReportDataError(
                f"indicator_values has {len(unknown)} indicator(s) the catalogue does not "
                f"list (first: {unknown[0]})"
            )
        self.latest_year = self._latest_published_year()
        self.count_indicators = {i for i, m in self.meta.items() if m.unit == "count"}

    def _latest_published_year(self) -> int | None:
        if "comparators" not in self.tables:
            return None
        year = self.con.execute(
            "select max(time_period) from main.comparators where value is not null"
        ).fetchone()[0]
        return int(year) if year is not None else None

    def provisional(self, period: dt.date) -> bool:
        return is_provisional(period, self.latest_year)

    def la_figure(self, meta: IndicatorMeta, period: dt.date | None, value: Any = None) -> Figure:
        """An LA figure for a period, suppressed by its own numerator and denominator."""
        if period is None:
            return make_figure(None, meta.unit)
        row = self.values.get((meta.indicator_id, period))
        numerator = _num(row["numerator"]) if row else None
        denominator = _num(row["denominator"]) if row else None
        if value is None and row is not None:
            value = row["value"]
        value = _num(value)
        if meta.unit == "count" and numerator is None:
            numerator = value
        shown = self.denominator_shown(period, denominator)
        hidden = figure_suppressed(meta.unit, value, numerator, denominator, self.threshold, shown)
        return make_figure(
            value, meta.unit, hidden, self.provisional(period), decimals=meta.decimals
        )

    def denominator_shown(self, period: dt.date, denominator: float | None) -> bool:
        """Whether a reader can find this number in the report for the same period.

        The report prints every count indicator and the care-leaver cohorts; when a
        percentage's denominator equals one of those, the children without can be worked
        out by subtraction, so the percentage must pass the complement rule too.
        """
        if denominator is None:
            return False
        shown = {
            _num(row["value"])
            for (indicator_id, p), row in self.values.items()
            if p == period and indicator_id in self.count_indicators
        } | {
            _num(row["denominator"])
            for (indicator_id, p), row in self.values.items()
            if p == period and self.meta[indicator_id].theme == "Care leavers"
        }
        return denominator in shown

    def published_figure(self, meta: IndicatorMeta, value: Any) -> Figure:
        """A DfE-published or target figure: already public, only a small count is hidden."""
        value = _num(value)
        hidden = meta.unit == "count" and is_small(value, self.threshold)
        return make_figure(value, meta.unit, hidden, decimals=meta.decimals)


def _direction(row: dict, now: Figure, before: Figure) -> tuple[str, str]:
    """indicator_report's direction of travel, or nothing when either figure is hidden
    (a direction would hint at the hidden count)."""
    if now.suppressed or before.suppressed:
        return MISSING, "not comparable"
    travel = row.get("direction_of_travel")
    if travel is None:
        return MISSING, ""
    assessment = row.get("direction_assessment")
    word = (
        DIRECTION_WORD.get(assessment, "")
        if assessment != "not_assessed"
        else {"up": "up", "down": "down"}.get(travel, "")
    )
    return DIRECTION_ARROW.get(travel, ""), word


def _record_errors_line(
    con: duckdb.DuckDBPyConnection, tables: dict[str, set[str]], threshold: int
) -> str | None:
    """The quality gate's totals (marts.dq_record_error_summary, quality/impact.py), each
    count of children from 1 to threshold - 1 shown as c like every count for the Panel."""
    if "dq_record_error_summary" not in tables:
        return None
    row = con.execute(
        "select children_with_record_errors, children_in_figures "
        "from main.dq_record_error_summary limit 1"
    ).fetchone()
    if row is None:
        return None

    def shown(count: int) -> str:
        return SUPPRESSED if is_small(count, threshold) else str(count)

    children, in_figures = (int(n or 0) for n in row)
    noun = "child" if children == 1 else "children"
    return (
        f"{shown(children)} {noun} with unresolved record errors; "
        f"{shown(in_figures)} in these figures"
    )


def load_report_data(
    con: duckdb.DuckDBPyConnection,
    threshold: int,
    period_end: dt.date | None = None,
    commentary_dir: Path | None = None,
) -> ReportData:
    """Everything the report shows for the latest period (or `period_end`)."""
    from dagster_project.publication.commentary import load_commentary
    from dagster_project.publication.key_points import draft_key_points

    b = _Builder(con, threshold)
    meta = b.meta
    if period_end is None:
        period_end = con.execute("select max(period_end) from main.indicator_report").fetchone()[0]
    if period_end is None:
        raise ReportDataError("indicator_report is empty: there is no period to report")
    report_rows = _rows(
        con,
        "select * from main.indicator_report where period_end = ?",
        [period_end],
    )
    unknown = sorted({r["indicator_id"] for r in report_rows} - set(meta))
    if unknown:
        raise ReportDataError(f"indicator_report lists {unknown[0]}, which the catalogue does not")
    report_rows.sort(key=lambda r: (meta[r["indicator_id"]].order, r["indicator_id"]))

    info = {}
    if "publication_info" in b.tables:
        found = _rows(con, "select * from main.publication_info limit 1")
        info = found[0] if found else {}
    data = ReportData(
        la_code=str(info.get("la_code", "")),
        la_name=_la_label(info),
        source_system=str(info.get("source_system", "")),
        run_id=str(info.get("run_id", "")),
        built_at=_when(info.get("built_at")),
        period_end=period_end,
        provisional=b.provisional(period_end),
        latest_published_year=b.latest_year,
        threshold=threshold,
        data_extracted=info.get("data_extracted"),
        catalogue=meta,
    )
    data.commentary = load_commentary(
        commentary_dir, period_end, {m.number: i for i, m in meta.items()}
    )
    for row in report_rows:
        m = meta[row["indicator_id"]]
        value = b.la_figure(m, period_end, row["value"])
        previous = b.la_figure(m, row["previous_period_end"], row["previous_value"])
        year_ago = b.la_figure(m, row["year_ago_period_end"], row["year_ago_value"])
        arrow, word = _direction(row, value, previous)
        rag = str(row["rag"] or "none").lower()
        data.kpis.append(
            KpiRow(
                indicator_id=m.indicator_id,
                number=m.number,
                title=m.title,
                theme=m.theme,
                unit=m.unit,
                value=value,
                target=b.published_figure(m, row["target"]),
                rag=SUPPRESSED if value.suppressed else rag,
                previous=previous,
                year_ago=year_ago,
                sn_average=b.published_figure(m, row["sn_average"]),
                england=b.published_figure(m, row["england"]),
                direction=arrow,
                direction_text=word,
                dq_affected=int(row["dq_affected"] or 0),
                commentary=data.commentary.get(m.indicator_id),
                record_errors=bool(row.get("dq_affected")),
            )
        )
    facts = _rows(
        con,
        "select * from main.indicator_key_points where period_end = ? and is_key_point "
        "order by key_point_order",
        [period_end],
    )
    data.key_points = draft_key_points(data, facts)
    data.record_errors = _record_errors_line(con, b.tables, threshold)
    quarters = sorted({p for (_, p) in b.values if p <= period_end and is_quarter_end(p)})[
        -TREND_QUARTERS:
    ]
    targets = {k.indicator_id: k.target.number for k in data.kpis}
    for indicator_id, m in meta.items():
        if not m.headline or m.kind != "value":
            continue
        if not any((indicator_id, q) in b.values for q in quarters):
            continue
        data.trends.append(
            Trend(
                indicator_id=indicator_id,
                number=m.number,
                title=m.title,
                unit=m.unit,
                polarity=m.polarity,
                points=[TrendPoint(q, b.la_figure(m, q)) for q in quarters],
                target=targets.get(indicator_id),
            )
        )
    data.breakdowns = _breakdowns(b, period_end)
    data.care_leavers_period, data.care_leavers = _care_leavers(b, period_end)
    data.comparator_years, data.comparators = _comparators(b)
    return data


def _breakdowns(b: _Builder, period_end: dt.date) -> list[Breakdown]:
    """Each breakdown of the catalogue, in its order, with the mart's labels and shares."""
    found: dict[str, list[dict]] = {}
    for r in _rows(
        b.con,
        'select indicator_id, category, "count", percent, total, label, display_order '
        "from main.indicator_breakdowns where period_end = ? "
        "order by indicator_id, display_order, category",
        [period_end],
    ):
        found.setdefault(r["indicator_id"], []).append(r)
    provisional = b.provisional(period_end)
    result = []
    for indicator_id, m in b.meta.items():
        rows = found.get(indicator_id)
        if m.kind != "breakdown" or not rows:
            continue
        counts = {str(r["category"]): _num(r["count"]) for r in rows}
        total = _num(rows[0]["total"])
        hidden = suppress_table(counts, total, b.threshold)
        result.append(
            Breakdown(
                indicator_id=indicator_id,
                number=m.number,
                title=m.short_title,
                total=make_figure(total, "count", is_small(total, b.threshold), provisional),
                rows=[
                    BreakdownRow(
                        category=str(r["category"]),
                        label=str(r["label"] or r["category"]),
                        count=make_figure(
                            r["count"], "count", str(r["category"]) in hidden, provisional
                        ),
                        percent=make_figure(
                            r["percent"], "percent", str(r["category"]) in hidden, provisional
                        ),
                    )
                    for r in rows
                ],
            )
        )
    return result


def _care_leavers(b: _Builder, period_end: dt.date) -> tuple[dt.date | None, list[CareLeaverRow]]:
    ids = [i for i, m in b.meta.items() if m.theme == "Care leavers" and m.kind == "value"]
    periods = sorted(
        {
            p
            for (i, p), r in b.values.items()
            if i in ids and p <= period_end and r["value"] is not None
        }
    )
    if not periods:
        return None, []
    period = periods[-1]
    rows = []
    for indicator_id in ids:
        row = b.values.get((indicator_id, period))
        if row is None:
            continue
        m = b.meta[indicator_id]
        numerator, denominator = _num(row["numerator"]), _num(row["denominator"])
        hidden = figure_suppressed(m.unit, _num(row["value"]), numerator, denominator, b.threshold)
        provisional = b.provisional(period)
        rows.append(
            CareLeaverRow(
                indicator_id=indicator_id,
                number=m.number,
                title=m.title,
                cohort=make_figure(
                    denominator, "count", is_small(denominator, b.threshold), provisional
                ),
                number_in=make_figure(numerator, "count", hidden, provisional),
                percent=b.la_figure(m, period),
            )
        )
    return period, rows


COMPARATOR_MEASURES = (
    ("la", "This LA (DfE)"),
    ("sn_average", "Statistical neighbours (average)"),
    ("sn_count", "Neighbours with a value"),
    ("sn_median", "Statistical neighbours (median)"),
    ("england", "England"),
)


def _comparators(b: _Builder) -> tuple[list[int], list[ComparatorRow]]:
    """Per indicator, one row per measure with the last published years as columns."""
    if "comparators" not in b.tables:
        return [], []
    rows = _rows(
        b.con,
        "select indicator_id, time_period, geography, value, sn_count from main.comparators",
    )
    years = sorted({int(r["time_period"]) for r in rows if r["value"] is not None})
    years = years[-COMPARATOR_YEARS:]
    cells: dict[tuple[str, str, int], Any] = {}
    for r in rows:
        year = int(r["time_period"])
        if year not in years:
            continue
        cells[(r["indicator_id"], r["geography"], year)] = r["value"]
        if r["geography"] == "sn_average":
            cells[(r["indicator_id"], "sn_count", year)] = r["sn_count"]
    shown = {i for i, g, _ in cells if g != "sn_count" and cells[(i, g, _)] is not None}
    unknown = sorted(shown - set(b.meta))
    if unknown:
        raise ReportDataError(f"comparators lists {unknown[0]}, which the catalogue does not")
    result = []
    for indicator_id, m in b.meta.items():
        if indicator_id not in shown:
            continue
        for measure, label in COMPARATOR_MEASURES:
            figures = []
            for year in years:
                value = cells.get((indicator_id, measure, year))
                if measure == "sn_count":
                    figures.append(make_figure(_num(value), "count"))
                else:
                    figures.append(b.published_figure(m, value))
            result.append(ComparatorRow(indicator_id, m.number, m.title, measure, label, figures))
    return years, result


def collection_year_label(year: int) -> str:
    """'2024-25' for the year ending 31 March 2025."""
    return f"{year - 1}-{str(year)[-2:]}"


__all__ = ["ReportData", "ReportDataError", "collection_year", "load_report_data"]
