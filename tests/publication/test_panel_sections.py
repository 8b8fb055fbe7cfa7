"""The report's CIN/CP, out-of-borough and disability sections (publication/panel_sections)."""

from __future__ import annotations

import datetime as dt
import re

from dagster_project.publication.figures import make_figure
from dagster_project.publication.html_report import render_html
from dagster_project.publication.panel_sections import split_sections
from dagster_project.publication.report_data import (
    Breakdown,
    BreakdownRow,
    KpiRow,
    ReportData,
    Trend,
    TrendPoint,
)

P = dt.date(2025, 3, 31)


def _kpi(indicator_id: str, theme: str, value: float, unit: str = "percent") -> KpiRow:
    f = make_figure(value, unit)
    none = make_figure(None, unit)
    return KpiRow(indicator_id, 1, indicator_id.upper(), theme, unit, f, none, "none", none,
                  none, make_figure(20.0, unit), make_figure(22.6, unit), "", "same")  # fmt: skip


def _breakdown(indicator_id: str) -> Breakdown:
    count = make_figure(10, "count")
    return Breakdown(
        indicator_id,
        1,
        indicator_id,
        count,
        [BreakdownRow("a", "A", count, make_figure(100, "percent"))],
    )


def _data(with_cin: bool = True) -> ReportData:
    data = ReportData("310", "Harrow", "ssda903", "run", "now", P, False, 2024, 6)
    data.kpis = [
        _kpi("cla_at_period_end", "Activity", 200, "count"),
        _kpi("cla_disabled_pct", "Characteristics", 12.0),
        _kpi("placed_outside_la_pct", "Placement location", 39.0),
        _kpi("uasc_pct", "Characteristics", 8.0),
    ]
    if with_cin:
        data.kpis += [
            _kpi("cin_at_period_end", "Children in need", 1456, "count"),
            _kpi("cpp_subsequent_pct", "Child protection", 17.2),
        ]
        data.trends = [
            Trend(
                "cin_at_period_end",
                47,
                "CIN",
                "count",
                "neutral",
                [TrendPoint(P, make_figure(1456, "count"))],
                None,
            ),
        ]
    data.trends.append(
        Trend(
            "cla_at_period_end",
            1,
            "CLA",
            "count",
            "neutral",
            [TrendPoint(P, make_figure(200, "count"))],
            None,
        )
    )
    data.breakdowns = [_breakdown("cla_by_gender"), _breakdown("cla_by_placement_area")]
    if with_cin:
        data.breakdowns.append(_breakdown("cpp_by_category"))
    return data


def test_each_figure_goes_to_one_section() -> None:
    core, (cin, borough, disabled) = split_sections(_data())
    assert [k.indicator_id for k in core.kpis] == ["cla_at_period_end", "uasc_pct"]
    assert [t.indicator_id for t in core.trends] == ["cla_at_period_end"]
    assert [b.indicator_id for b in core.breakdowns] == ["cla_by_gender"]
    assert [k.indicator_id for k in cin.kpis] == ["cin_at_period_end", "cpp_subsequent_pct"]
    assert [t.indicator_id for t in cin.trends] == ["cin_at_period_end"]
    assert [b.indicator_id for b in cin.breakdowns] == ["cpp_by_category"]
    assert [k.indicator_id for k in borough.kpis] == ["placed_outside_la_pct"]
    assert [b.indicator_id for b in borough.breakdowns] == ["cla_by_placement_area"]
    assert [k.indicator_id for k in disabled.kpis] == ["cla_disabled_pct"]


def test_sections_render_with_sn_and_england_and_renumber_the_rest() -> None:
    html = render_html(_data())
    # sections are numbered by the stylesheet's counter, in document order
    anchors = re.findall(r'<section[^>]*id="([a-z-]+)">\s*<h2>', html)
    cin_at = anchors.index("children-in-need")
    assert anchors[cin_at : cin_at + 5] == [
        "children-in-need",
        "out-of-borough",
        "disabilities",
        "comparators",
        "notes",
    ]
    cin = html.split('<section id="children-in-need">', 1)[1].split("</section>", 1)[0]
    row = cin.split('<tr data-indicator="cpp_subsequent_pct" class="ind', 1)[1]
    row = row.split("</tr>", 1)[0]
    assert ">17%<" in row and ">20%<" in row and ">23%<" in row  # LA, SN, England (rounded)


def test_without_cin_data_the_section_says_why() -> None:
    html = render_html(_data(with_cin=False))
    cin = html.split('<section id="children-in-need">', 1)[1].split("</section>", 1)[0]
    assert "no CIN census returns or Mosaic CIN files were given" in cin
    assert "<table" not in cin
