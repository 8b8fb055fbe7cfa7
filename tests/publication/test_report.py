"""The Panel report's figures, worked out by hand from fixtures.py, in HTML and Excel."""

from __future__ import annotations

import re

from openpyxl import load_workbook

from dagster_project.publication.publish import Publication

from .conftest import ReportHtml

SMALL = re.compile(r"^[1-5](\.0)?%?$")


def _kpi(report_html: ReportHtml, indicator: str) -> list[str]:
    """The KPI row without its indicator number (checked in test_indicator_numbers)."""
    (row,) = report_html.rows[indicator][:1]
    return row[1:]


def test_kpi_row_values_and_suppression(report_html: ReportHtml) -> None:
    # columns: title, value, target, RAG, previous quarter, a year ago, SN, England, direction
    assert _kpi(report_html, "cla_at_period_end")[1:7] == [
        "200p",
        "–",
        "No target",
        "190p",
        "175p",
        "–",
    ]
    started = _kpi(report_html, "cla_started")
    assert started[1] == "c" and started[4] == "37p" and started[5] == "c"
    assert started[3] == "c"  # no RAG for a hidden value
    placements = _kpi(report_html, "placements_3plus_pct")
    # 22/200 = 11%; Mar 25 2/190 hidden; Jun 24 20/170 = 11.76 -> 12%
    assert placements[1:9] == [
        "11%p",
        "10%",
        "Amber",
        "c",
        "12%p",
        "10%",
        "10%",
        "– not comparable",
    ]
    # 58 of 60 = 96.7%: the 2 without cannot be worked out, 60 is printed nowhere
    assert _kpi(report_html, "health_assessment_pct")[1] == "97%p"
    assert _kpi(report_html, "sdq_average_score")[1:5] == ["15.0p", "–", "No target", "c"]
    rate = _kpi(report_html, "cla_rate_per_10k")
    assert rate[1] == "40p" and rate[6:8] == ["52", "70"]  # SN 52.4 rounded
    missing = _kpi(report_html, "missing_incident_pct")
    assert missing[1] == "6%p" and missing[8] == "► no change"


def test_breakdowns_primary_and_secondary(report_html: ReportHtml) -> None:
    gender = {r[0]: r[1:] for r in report_html.rows["cla_by_gender"]}
    assert gender["Male"] == ["110p", "55%p"]
    assert gender["Female"] == ["c", "c"]  # secondary: 3 = 200 - 110 - 87 otherwise
    assert gender["Other or unknown"] == ["c", "c"]
    assert gender["Total"][0] == "200p"
    legal = {r[0]: r[1:] for r in report_html.rows["cla_by_legal_status"]}
    assert legal["Youth justice"] == ["c", "c"]
    assert legal["Voluntary (section 20)"] == ["c", "c"]
    assert legal["Child protection (PP, EPO)"] == ["0p", "0%p"]  # zero is shown; seed's label
    # the categories seed orders its categories first, the rest follow indicators.md
    assert [r[0] for r in report_html.rows["cla_by_legal_status"]][1:5] == [
        "Child protection (PP, EPO)",
        "Care order",
        "Interim care order",
        "Placement order",
    ]
    assert legal["Interim care order"] == ["25p", "13%p"]  # 12.5 rounds half up
    ceased = {r[0]: r[1:] for r in report_html.rows["cla_ceased_reason"]}
    assert ceased["Adopted"] == ["c", "c"] and ceased["Special guardianship order"] == ["c", "c"]
    assert ceased["Returned home"] == ["21p", "70%p"]
    uasc = {r[0]: r[1:] for r in report_html.rows["cla_by_uasc"]}  # the mart's breakdown
    assert uasc["UASC"] == ["17p", "9%p"] and uasc["Not UASC"] == ["183p", "92%p"]


def test_order_follows_the_indicator_catalogue(report_html: ReportHtml) -> None:
    ids = list(report_html.rows)
    assert ids[:12] == [
        "cla_at_period_end",
        "cla_rate_per_10k",
        "cla_started",
        "cla_ceased",
        "uasc_pct",
        "placements_3plus_pct",
        "health_assessment_pct",
        "sdq_average_score",
        "missing_incident_pct",
        "care_leavers_19_21_eet_pct",
        "care_leavers_19_21_in_touch_pct",
        "care_leavers_17_18_eet_pct",
    ]
    assert [i for i in ids if i.startswith(("cla_by_", "cla_ceased_"))] == [
        "cla_ceased_reason",
        "cla_by_gender",
        "cla_by_age",
        "cla_by_legal_status",
        "cla_by_location",
        "cla_by_uasc",
    ]


def test_care_leavers(report_html: ReportHtml) -> None:
    assert report_html.rows["care_leavers_19_21_eet_pct"][-1][2:] == ["40p", "20p", "50%p"]
    assert report_html.rows["care_leavers_17_18_eet_pct"][-1][2:] == ["25p", "c", "c"]
    assert report_html.rows["care_leavers_19_21_in_touch_pct"][-1][2:] == ["40p", "c", "c"]


def test_comparators_table_has_years_as_columns(publication: Publication) -> None:
    text = publication.html.read_text(encoding="utf-8")
    table = text.split('<table class="comparators">')[1].split("</table>")[0]
    header = re.findall(r'<th scope="col" class="n">([^<]+)</th>', table)
    assert header == ["2022-23", "2023-24"]  # the fixture's two DfE years, oldest first
    rows = _html_rows(table, "placements_3plus_pct")
    assert rows == [
        ["This LA (DfE)", "11%", "10%"],
        ["Statistical neighbours (average)", "10%", "10%"],  # 10.2 and 9.6
        ["Neighbours with a value", "10", "9"],
        ["Statistical neighbours (median)", "10%", "9%"],
        ["England", "10%", "10%"],
    ]
    # an indicator DfE has one year for: the other year is empty
    assert _html_rows(table, "cla_rate_per_10k")[0] == ["This LA (DfE)", "–", "38"]


def _html_rows(table: str, indicator: str) -> list[list[str]]:
    rows = re.findall(rf'<tr data-indicator="{indicator}" data-measure="\w+">(.*?)</tr>', table)
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r)
        ]
        for r in rows
    ]


def test_trend_charts_gap_at_hidden_quarters(report_html: ReportHtml) -> None:
    # cla_started: 30, 31, 32, 3 (c), 33, 34, 37, 4 (c); placements: 12% x5, c, c, 11%
    labels = report_html.chart_labels
    started = ["30", "31", "32", "c", "33", "34", "37", "c"]
    placements = ["12%", "12%", "12%", "12%", "12%", "c", "c", "11%"]
    joined = "|".join(labels)
    assert "|".join(started) in joined
    assert "|".join(placements) in joined


def test_no_count_from_one_to_five_in_the_html(report_html: ReportHtml) -> None:
    shown = [text.rstrip("p") for _, text in report_html.figures] + report_html.chart_labels
    assert shown, "the report shows no figures"
    leaks = [t for t in shown if SMALL.match(t)]
    assert leaks == []
    hidden = [t for t in shown if t == "c"]
    assert len(hidden) >= 20


def test_no_count_from_one_to_five_in_the_workbook(publication: Publication) -> None:
    wb = load_workbook(publication.excel)
    assert {"About", "KPIs", "Trends", "Gender", "Care leavers", "Comparators"} <= set(
        wb.sheetnames
    )
    leaks, hidden = [], 0
    labels = {"Indicator number", "Point"}  # identifiers, not counts
    for ws in wb.worksheets:
        skip = {c.column for c in ws[1] if c.value in labels}
        for row in ws.iter_rows():
            for cell in row:
                if cell.column in skip:
                    continue
                if isinstance(cell.value, int | float) and 1 <= cell.value <= 5:
                    leaks.append(f"{ws.title}!{cell.coordinate}={cell.value}")
                hidden += cell.value == "c"
    assert leaks == []
    assert hidden >= 20


def test_workbook_has_the_same_figures(publication: Publication) -> None:
    wb = load_workbook(publication.excel)
    kpis = {r[2]: r[:1] + r[3:] for r in wb["KPIs"].iter_rows(min_row=2, values_only=True)}
    assert kpis["Children looked after"][:6] == (1, 200, None, "No target", 190, 175)
    assert kpis["Children starting to be looked after"][1] == "c"
    assert kpis["Three or more placements in the year"][:5] == (21, 11, 10, "Amber", "c")
    gender = {r[0]: r[1:] for r in wb["Gender"].iter_rows(min_row=2, values_only=True)}
    assert gender["Male"] == (110, 55) and gender["Female"] == ("c", "c")
    assert wb["chart_data"].sheet_state == "hidden"
    trends = wb["Trends"]
    assert len(trends._charts) == 5  # one native line chart per headline indicator


def test_report_is_self_contained(publication: Publication) -> None:
    text = publication.html.read_text(encoding="utf-8")
    assert "<script" not in text
    assert not re.search(r"(src|href)=\"(https?:)?//", text)
    assert "@page" in text and "A4" in text
    assert "Provisional." in text
    style = text.split("<style>")[1].split("</style>")[0]
    assert '"Liberation Sans"' in style and "&#34;" not in style  # CSS not HTML-escaped


def test_the_report_names_the_la_as_the_dfe_files_do() -> None:
    from dagster_project.publication.report_data import _la_label

    named = {
        "la_code": "310",
        "la_name": "Harrow",
        "old_la_code": "310",
        "new_la_code": "E09000015",
    }
    assert _la_label(named) == "Harrow (310 / E09000015)"
    assert _la_label({"la_code": "310", "la_name": None}) == "310"  # no DfE files landed
