"""Gather the Panel report's tables from the publication, suppressed and rounded.

The report reads the analysts' database it is published with, so the Panel and the
analysts always see the same run. Every LA figure passes `suppression` before it becomes a
`Figure`; nothing downstream (HTML, Excel, charts) sees an unsuppressed count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb

from dagster_project.publication.figures import MISSING, SUPPRESSED, Figure, make_figure
from dagster_project.publication.indicators import IndicatorMeta, build_meta, theme_rank
from dagster_project.publication.periods import (
    collection_year,
    is_provisional,
    is_quarter_end,
    shift_months,
)
from dagster_project.publication.suppression import figure_suppressed, is_small, suppress_table

TREND_QUARTERS = 8
COMPARATOR_YEARS = 3

# Breakdowns of indicators.md in the Panel's reading order: id, heading, total indicator.
BREAKDOWNS = (
    ("cla_by_gender", "Gender", "cla_at_period_end"),
    ("cla_by_age", "Age", "cla_at_period_end"),
    ("cla_by_ethnicity", "Ethnicity", "cla_at_period_end"),
    ("cla_by_legal_status", "Legal status", "cla_at_period_end"),
    ("cla_by_category_of_need", "Category of need", "cla_at_period_end"),
    ("cla_by_placement", "Placement type", "cla_at_period_end"),
    ("cla_by_provider", "Placement provider", "cla_at_period_end"),
    ("cla_by_location", "Placement location", "cla_at_period_end"),
    ("cla_ceased_reason", "Reason for leaving care (last 12 months)", "cla_ceased"),
)
CATEGORY_ORDER = {
    "cla_by_gender": ["male", "female", "other/unknown"],
    "cla_by_age": ["under_1", "1_to_4", "5_to_9", "10_to_15", "16_and_over", "not_known"],
    "cla_by_ethnicity": ["white", "mixed", "asian", "black", "other", "not_known"],
    "cla_by_legal_status": [
        "interim_care_order",
        "care_order",
        "placement_order",
        "voluntary_s20",
        "child_protection",
        "youth_justice",
        "other",
    ],
    "cla_by_category_of_need": [f"N{i}" for i in range(1, 9)] + ["not_known"],
    "cla_by_placement": [
        "foster",
        "adoption",
        "parents",
        "supported_accommodation",
        "childrens_homes",
        "residential",
        "other",
    ],
    "cla_by_provider": [f"PR{i}" for i in range(6)] + ["not_recorded"],
    "cla_by_location": ["inside_la", "outside_la", "not_known"],
    "cla_ceased_reason": [
        "adopted",
        "sgo",
        "cao",
        "returned_home",
        "independent_living",
        "staying_put",
        "adult_care",
        "custody",
        "other",
    ],
}
LABELS = {
    "other/unknown": "Other or unknown",
    "under_1": "Under 1",
    "16_and_over": "16 and over",
    "not_known": "Not known",
    "voluntary_s20": "Voluntary (section 20)",
    "childrens_homes": "Children's homes",
    "inside_la": "Inside the LA",
    "outside_la": "Outside the LA",
    "sgo": "Special guardianship order",
    "cao": "Child arrangements order",
    "not_recorded": "Not recorded",
}
CODE_FIELDS = {"cla_by_category_of_need": "CIN", "cla_by_provider": "PLACE_PROVIDER"}


class ReportDataError(RuntimeError):
    """The publication lacks what the report needs; the message names the table."""


@dataclass
class KpiRow:
    indicator_id: str
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


@dataclass
class TrendPoint:
    period_end: dt.date
    figure: Figure


@dataclass
class Trend:
    indicator_id: str
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
    title: str
    total: Figure
    rows: list[BreakdownRow]


@dataclass
class CareLeaverRow:
    indicator_id: str
    title: str
    cohort: Figure
    number: Figure
    percent: Figure


@dataclass
class ComparatorRow:
    indicator_id: str
    title: str
    year: int
    la: Figure
    sn_average: Figure
    sn_count: int | None
    sn_median: Figure
    england: Figure


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
    kpis: list[KpiRow] = field(default_factory=list)
    trends: list[Trend] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)
    care_leavers_period: dt.date | None = None
    care_leavers: list[CareLeaverRow] = field(default_factory=list)
    comparators: list[ComparatorRow] = field(default_factory=list)


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


def category_label(category: str, codes: dict[str, str], seeded: str | None = None) -> str:
    """The seed's label (with the 903 code in front for code lists), else ours."""
    if seeded:
        return f"{category} {seeded}" if category in codes else seeded
    if category in codes:
        return f"{category} {codes[category]}"
    if category in LABELS:
        return LABELS[category]
    text = category.replace("_to_", " to ").replace("_", " ")
    return text[:1].upper() + text[1:]


class _Builder:
    """Reads the publication once and turns it into suppressed figures."""

    def __init__(self, con: duckdb.DuckDBPyConnection, threshold: int) -> None:
        self.con = con
        self.threshold = threshold
        self.tables = _tables(con)
        for required in ("indicator_values", "indicator_report"):
            if required not in self.tables:
                raise ReportDataError(
                    f"the publication has no table {required}: the indicator marts did not "
                    "build, so the Panel report cannot be written"
                )
        self.values: dict[tuple[str, dt.date], dict] = {
            (r["indicator_id"], r["period_end"]): r
            for r in _rows(
                con,
                "select indicator_id, period_end, numerator, denominator, value "
                "from main.indicator_values",
            )
        }
        self.latest_year = self._latest_published_year()
        self.count_indicators: set[str] = set()  # set once the catalogue is read

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
        out by subtraction, so the percentage must pass the complement rule too. Unknown
        units (no catalogue) count as shown: suppress rather than risk.
        """
        if denominator is None:
            return False
        if not self.count_indicators:
            return True
        shown = {
            _num(row["value"])
            for (indicator_id, p), row in self.values.items()
            if p == period and indicator_id in self.count_indicators
        } | {
            _num(row["denominator"])
            for (indicator_id, p), row in self.values.items()
            if p == period and indicator_id.startswith("care_leavers_")
        }
        return denominator in shown

    def published_figure(self, meta: IndicatorMeta, value: Any) -> Figure:
        """A DfE-published or target figure: already public, only a small count is hidden."""
        value = _num(value)
        hidden = meta.unit == "count" and is_small(value, self.threshold)
        return make_figure(value, meta.unit, hidden, decimals=meta.decimals)

    def categories(self) -> dict[tuple[str, str], tuple[str, int]]:
        """(indicator, category) -> (label, display order) of the categories seed, if any."""
        table = next(
            (
                t
                for t, cols in self.tables.items()
                if {"indicator_id", "category", "label", "display_order"} <= cols
                and t != "indicator_breakdowns"
            ),
            None,
        )
        if table is None:
            return {}
        return {
            (r["indicator_id"], r["category"]): (r["label"], int(r["display_order"] or 0))
            for r in _rows(
                self.con,
                f'select indicator_id, category, label, display_order from main."{table}"',
            )
        }

    def codes(self, field_name: str) -> dict[str, str]:
        if "code_lists" not in self.tables:
            return {}
        return {
            r["code"]: r["description"]
            for r in _rows(
                self.con,
                "select code, description from main.code_lists where field = ?",
                [field_name],
            )
        }


def _direction(meta: IndicatorMeta, now: Figure, before: Figure) -> tuple[str, str]:
    """Arrow and word comparing the shown figures; nothing when either is hidden."""
    if now.number is None or before.number is None:
        return MISSING, "not comparable" if now.suppressed or before.suppressed else ""
    if now.number == before.number:
        return "►", "no change"
    up = now.number > before.number
    arrow = "▲" if up else "▼"
    if meta.polarity == "neutral":
        return arrow, "up" if up else "down"
    better = up == (meta.polarity == "high")
    return arrow, "better" if better else "worse"


def _meta_sources(con: duckdb.DuckDBPyConnection, tables: dict[str, set[str]]) -> list[dict]:
    """Rows of any indicator metadata seed in the publication (a table with a headline flag)."""
    rows: list[dict] = []
    for table, columns in sorted(tables.items()):
        if (
            "headline" in columns
            and ({"indicator_id", "id"} & columns)
            and table != "indicator_report"
        ):
            rows += _rows(con, f'select * from main."{table}"')
    return rows


def load_report_data(
    con: duckdb.DuckDBPyConnection,
    threshold: int,
    period_end: dt.date | None = None,
) -> ReportData:
    """Everything the report shows for the latest period (or `period_end`)."""
    b = _Builder(con, threshold)
    report_columns = b.tables["indicator_report"]
    if period_end is None:
        period_end = con.execute("select max(period_end) from main.indicator_report").fetchone()[0]
    if period_end is None:
        raise ReportDataError("indicator_report is empty: there is no period to report")
    report_rows = _rows(
        con,
        "select * from main.indicator_report where period_end = ? order by indicator_id",
        [period_end],
    )
    seed_rows = _meta_sources(con, b.tables)
    all_ids = {r["indicator_id"] for r in report_rows} | {k[0] for k in b.values}
    meta = build_meta(sorted(all_ids), [*seed_rows, *report_rows])
    b.count_indicators = {i for i, m in meta.items() if m.unit == "count"}
    ranks = theme_rank(meta)

    def order(indicator_id: str) -> tuple[tuple[int, int], int, str]:
        m = meta[indicator_id]
        return (ranks.get(m.theme, (2, 0)), m.order, indicator_id)

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
    )
    previous_end = shift_months(period_end, -3)
    year_ago_end = shift_months(period_end, -12)
    for row in sorted(report_rows, key=lambda r: order(r["indicator_id"])):
        m = meta[row["indicator_id"]]
        if m.kind == "breakdown":
            continue
        value = b.la_figure(m, period_end, row.get("value"))
        previous = b.la_figure(
            m, row.get("previous_period_end") or previous_end, row.get("previous_value")
        )
        year_ago = b.la_figure(
            m, row.get("year_ago_period_end") or year_ago_end, row.get("year_ago_value")
        )
        arrow, word = _direction(m, value, previous)
        rag = str(row.get("rag") or "none").lower()
        data.kpis.append(
            KpiRow(
                indicator_id=m.indicator_id,
                title=m.title,
                theme=m.theme,
                unit=m.unit,
                value=value,
                target=b.published_figure(m, row.get("target"))
                if "target" in report_columns
                else make_figure(None, m.unit),
                rag=SUPPRESSED if value.suppressed else rag,
                previous=previous,
                year_ago=year_ago,
                sn_average=b.published_figure(m, row.get("sn_average")),
                england=b.published_figure(m, row.get("england")),
                direction=arrow,
                direction_text=word,
            )
        )
    quarters = sorted({p for (_, p) in b.values if p <= period_end and is_quarter_end(p)})[
        -TREND_QUARTERS:
    ]
    targets = {k.indicator_id: k.target.number for k in data.kpis}
    for indicator_id in sorted((i for i in meta if meta[i].headline), key=order):
        m = meta[indicator_id]
        if not any((indicator_id, q) in b.values for q in quarters):
            continue
        data.trends.append(
            Trend(
                indicator_id=indicator_id,
                title=m.title,
                unit=m.unit,
                polarity=m.polarity,
                points=[TrendPoint(q, b.la_figure(m, q)) for q in quarters],
                target=targets.get(indicator_id),
            )
        )
    data.breakdowns = _breakdowns(b, meta, period_end)
    data.care_leavers_period, data.care_leavers = _care_leavers(b, meta, period_end, order)
    data.comparators = _comparators(b, meta, order)
    return data


def _breakdown_plan(meta: dict[str, IndicatorMeta]) -> list[tuple[str, str, str]]:
    """(id, heading, total id) of each breakdown: the seed's order and totals when it lists
    them, with the short headings a characteristics page reads best with."""
    defaults = {i: (title, total) for i, title, total in BREAKDOWNS}
    seeded = sorted(
        (m for m in meta.values() if m.kind == "breakdown" and m.order < 10_000),
        key=lambda m: m.order,
    )
    if not seeded:
        return list(BREAKDOWNS)
    return [
        (
            m.indicator_id,
            defaults.get(m.indicator_id, (m.title, ""))[0],
            m.total_indicator_id or defaults.get(m.indicator_id, ("", "cla_at_period_end"))[1],
        )
        for m in seeded
    ]


def _breakdowns(
    b: _Builder, meta: dict[str, IndicatorMeta], period_end: dt.date
) -> list[Breakdown]:
    found: dict[str, list[dict]] = {}
    if "indicator_breakdowns" in b.tables:
        for r in _rows(
            b.con,
            'select indicator_id, category, "count", percent from main.indicator_breakdowns '
            "where period_end = ?",
            [period_end],
        ):
            found.setdefault(r["indicator_id"], []).append(r)
    provisional = b.provisional(period_end)
    result = []
    categories = b.categories()
    for indicator_id, title, total_id in _breakdown_plan(meta):
        rows = found.get(indicator_id)
        if not rows:
            continue
        canonical = CATEGORY_ORDER.get(indicator_id, [])

        def rank(r: dict, indicator_id: str = indicator_id, canonical: list = canonical) -> tuple:
            seeded = categories.get((indicator_id, str(r["category"])))
            if seeded is not None:
                return (0, seeded[1], "")
            position = canonical.index(r["category"]) if r["category"] in canonical else 999
            return (1, position, str(r["category"]))

        rows.sort(key=rank)
        counts = {str(r["category"]): _num(r["count"]) for r in rows}
        total_row = b.values.get((total_id, period_end))
        total = _num(total_row["value"]) if total_row else None
        if total is None:
            total = sum(c for c in counts.values() if c is not None)
        hidden = suppress_table(counts, total, b.threshold)
        codes = b.codes(CODE_FIELDS[indicator_id]) if indicator_id in CODE_FIELDS else {}
        result.append(
            Breakdown(
                indicator_id=indicator_id,
                title=title,
                total=make_figure(total, "count", is_small(total, b.threshold), provisional),
                rows=[
                    BreakdownRow(
                        category=str(r["category"]),
                        label=category_label(
                            str(r["category"]),
                            codes,
                            categories.get((indicator_id, str(r["category"])), (None, 0))[0],
                        ),
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
    uasc = b.values.get(("uasc_pct", period_end))
    if uasc is not None and uasc["denominator"] is not None:
        total = _num(uasc["denominator"])
        number = _num(uasc["numerator"]) or 0.0
        counts = {"uasc": number, "not_uasc": total - number}
        hidden = suppress_table(counts, total, b.threshold)
        labels = {"uasc": "UASC", "not_uasc": "Not UASC"}
        result.append(
            Breakdown(
                indicator_id="uasc_pct",
                title="Unaccompanied asylum-seeking children (UASC)",
                total=make_figure(total, "count", is_small(total, b.threshold), provisional),
                rows=[
                    BreakdownRow(
                        category=key,
                        label=labels[key],
                        count=make_figure(count, "count", key in hidden, provisional),
                        percent=make_figure(
                            100.0 * count / total if total else None,
                            "percent",
                            key in hidden,
                            provisional,
                        ),
                    )
                    for key, count in counts.items()
                ],
            )
        )
    return result


def _care_leavers(
    b: _Builder, meta: dict[str, IndicatorMeta], period_end: dt.date, order: Any
) -> tuple[dt.date | None, list[CareLeaverRow]]:
    ids = sorted((i for i in meta if i.startswith("care_leavers_")), key=order)
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
        m = meta[indicator_id]
        numerator, denominator = _num(row["numerator"]), _num(row["denominator"])
        hidden = figure_suppressed(m.unit, _num(row["value"]), numerator, denominator, b.threshold)
        provisional = b.provisional(period)
        rows.append(
            CareLeaverRow(
                indicator_id=indicator_id,
                title=m.title,
                cohort=make_figure(
                    denominator, "count", is_small(denominator, b.threshold), provisional
                ),
                number=make_figure(numerator, "count", hidden, provisional),
                percent=b.la_figure(m, period),
            )
        )
    return period, rows


def _comparators(b: _Builder, meta: dict[str, IndicatorMeta], order: Any) -> list[ComparatorRow]:
    if "comparators" not in b.tables:
        return []
    rows = _rows(
        b.con,
        "select indicator_id, time_period, geography, value, sn_count from main.comparators",
    )
    years = sorted({int(r["time_period"]) for r in rows if r["value"] is not None})
    years = years[-COMPARATOR_YEARS:]
    pivot: dict[tuple[str, int], dict[str, dict]] = {}
    for r in rows:
        if int(r["time_period"]) in years:
            pivot.setdefault((r["indicator_id"], int(r["time_period"])), {})[r["geography"]] = r
    result = []
    for indicator_id, year in sorted(
        pivot, key=lambda k: (order(k[0]) if k[0] in meta else (99, 0, k[0]), -k[1])
    ):
        cells = pivot[(indicator_id, year)]
        m = meta.get(indicator_id) or build_meta([indicator_id], [])[indicator_id]

        def fig(geo: str, m: IndicatorMeta = m, cells: dict = cells) -> Figure:
            return b.published_figure(m, (cells.get(geo) or {}).get("value"))

        sn_count = (cells.get("sn_average") or {}).get("sn_count")
        result.append(
            ComparatorRow(
                indicator_id=indicator_id,
                title=m.title,
                year=year,
                la=fig("la"),
                sn_average=fig("sn_average"),
                sn_count=int(sn_count) if sn_count is not None else None,
                sn_median=fig("sn_median"),
                england=fig("england"),
            )
        )
    return result


def collection_year_label(year: int) -> str:
    """'2024-25' for the year ending 31 March 2025."""
    return f"{year - 1}-{str(year)[-2:]}"


__all__ = ["ReportData", "ReportDataError", "collection_year", "load_report_data"]
