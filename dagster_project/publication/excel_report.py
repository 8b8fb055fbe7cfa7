"""The Panel report's tables as an Excel workbook: one sheet per table, native charts.

Numbers stay numbers (analysts re-use them); a suppressed figure is the text "c", a
missing one is empty. Charts read a hidden sheet where suppressed points are blank, so
Excel draws a gap rather than a zero.
"""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dagster_project.formulas import neutralise
from dagster_project.publication.figures import MISSING, Figure
from dagster_project.publication.html_report import RAG_TEXT
from dagster_project.publication.periods import long_label
from dagster_project.publication.report_data import ReportData, collection_year_label

HEADER_FILL = PatternFill("solid", fgColor="DEE0E2")
RAG_FILL = {"green": "00703C", "amber": "FFDD00", "red": "D4351C"}
NUMBER_FORMAT = {"count": "#,##0", "percent": '0"%"', "rate": "0", "score": "0.0"}


def _cell_value(f: Figure) -> object:
    if f.number is not None:
        return f.number
    return None if f.text == MISSING else f.text


def _write_table(ws: Worksheet, top: int, headers: list[str], rows: list[list[object]]) -> int:
    for col, header in enumerate(headers, start=1):
        cell = ws.cell(row=top, column=col, value=header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for r, values in enumerate(rows, start=top + 1):
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c)
            if isinstance(value, Figure):
                cell.value = _cell_value(value)
                cell.number_format = NUMBER_FORMAT.get(value.kind, "General")
                cell.alignment = Alignment(horizontal="right")
                if value.provisional and value.number is not None:
                    cell.font = Font(color="B45F06")
            else:
                cell.value = value
    ws.freeze_panes = ws.cell(row=top + 1, column=2)
    return top + len(rows) + 1


def _widths(ws: Worksheet, widths: list[int]) -> None:
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width


def _sheet_name(title: str, used: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", " ", title)[:31].strip()
    base, n = name, 2
    while name in used:
        name = f"{base[:28]} {n}"
        n += 1
    used.add(name)
    return name


def write_workbook(data: ReportData, path: Path) -> None:
    wb = Workbook()
    used: set[str] = set()
    about = wb.active
    about.title = _sheet_name("About", used)
    period = long_label(data.period_end)
    lines = [
        ("Children looked after: performance report", None),
        ("Corporate Parenting Panel, position at", period),
        ("Local authority", data.la_name),
        ("Source", data.source_system),
        ("Produced", data.built_at),
        ("Run", data.run_id),
        ("Provisional", "yes" if data.provisional else "no"),
        (
            "c",
            f"Suppressed: a number of children from 1 to {data.threshold - 1}, a figure "
            "calculated from one, or one that could be worked out from a total shown.",
        ),
        ("Provisional figures", "Collection years DfE has not yet published; may change."),
        ("Empty cell", "Not available for this period."),
    ]
    for r, (label, value) in enumerate(lines, start=1):
        about.cell(row=r, column=1, value=label).font = Font(bold=r == 1 or value is not None)
        about.cell(row=r, column=2, value=value)
    _widths(about, [38, 90])

    ws = wb.create_sheet(_sheet_name("KPIs", used))
    rows = []
    for k in data.kpis:
        rows.append(
            [
                k.theme,
                k.title,
                k.value,
                k.target,
                RAG_TEXT.get(k.rag, k.rag),
                k.previous,
                k.year_ago,
                k.sn_average,
                k.england,
                f"{k.direction} {k.direction_text}".strip(),
                "yes" if k.value.provisional else "no",
            ]
        )
    _write_table(
        ws,
        1,
        [
            "Theme",
            "Indicator",
            data.period_end.strftime("%b %Y"),
            "Target",
            "RAG",
            "Previous quarter",
            "A year ago",
            "Statistical neighbours",
            "England",
            "Direction of travel",
            "Provisional",
        ],
        rows,
    )
    for r, k in enumerate(data.kpis, start=2):
        if k.rag in RAG_FILL:
            ws.cell(row=r, column=5).fill = PatternFill("solid", fgColor=RAG_FILL[k.rag])
    _widths(ws, [22, 48, 12, 10, 10, 12, 12, 14, 10, 18, 11])

    if data.trends:
        _trends(wb, data, used)
    for bd in data.breakdowns:
        ws = wb.create_sheet(_sheet_name(bd.title, used))
        rows = [[r.label, r.count, r.percent] for r in bd.rows]
        rows.append(["Total", bd.total, None])
        _write_table(ws, 1, ["Category", "Number", "%"], rows)
        _widths(ws, [40, 12, 10])

    ws = wb.create_sheet(_sheet_name("Care leavers", used))
    rows = [[r.title, r.cohort, r.number, r.percent] for r in data.care_leavers]
    end = _write_table(ws, 1, ["Indicator", "Cohort", "Number", "%"], rows)
    if data.care_leavers_period:
        ws.cell(row=end + 1, column=1, value=f"Year to {long_label(data.care_leavers_period)}")
    _widths(ws, [52, 10, 10, 8])

    ws = wb.create_sheet(_sheet_name("Comparators", used))
    rows = [
        [
            r.title,
            collection_year_label(r.year),
            r.la,
            r.sn_average,
            r.sn_count,
            r.sn_median,
            r.england,
        ]
        for r in data.comparators
    ]
    _write_table(
        ws,
        1,
        [
            "Indicator",
            "Year",
            "This LA (DfE)",
            "Stat. neighbours (average)",
            "Neighbours with a value",
            "Stat. neighbours (median)",
            "England",
        ],
        rows,
    )
    _widths(ws, [48, 9, 12, 14, 12, 14, 10])
    neutralise_cells(wb)
    wb.save(path)


def neutralise_cells(wb: Workbook) -> None:
    """No text cell is ever a formula (OWASP CSV/spreadsheet injection).

    openpyxl stores any string starting with `=` as a formula and `#N/A`-like strings as
    errors; an LA name or label from a DfE file could be either. Every such text is written
    as text, prefixed with `'` when Excel would read it as a formula (`formulas`); numbers
    (negative ones too) stay numbers. The workbook has no formulas of its own.
    """
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type in ("f", "e") or isinstance(cell.value, str):
                    text = neutralise(str(cell.value)) if cell.value is not None else None
                    if text != cell.value or cell.data_type in ("f", "e"):
                        cell.value = text
                        cell.data_type = "s"


def _trends(wb: Workbook, data: ReportData, used: set[str]) -> None:
    """A table of the eight quarters, and a line chart per indicator reading a hidden sheet."""
    quarters = [p.period_end for p in data.trends[0].points]
    ws = wb.create_sheet(_sheet_name("Trends", used))
    headers = ["Indicator", *[q.strftime("%b %Y") for q in quarters], "Target"]
    rows = [
        [t.title, *[p.figure for p in t.points], t.target if t.target is not None else None]
        for t in data.trends
    ]
    end = _write_table(ws, 1, headers, rows)
    _widths(ws, [44, *[10] * len(quarters), 9])
    plot = wb.create_sheet("chart_data")
    plot.sheet_state = "hidden"
    plot.cell(row=1, column=1, value="Quarter")
    for r, q in enumerate(quarters, start=2):
        plot.cell(row=r, column=1, value=q.strftime("%b %Y"))
    for c, t in enumerate(data.trends, start=2):
        plot.cell(row=1, column=c, value=t.title)
        for r, p in enumerate(t.points, start=2):
            plot.cell(row=r, column=c, value=p.figure.number)
    categories = Reference(plot, min_col=1, min_row=2, max_row=len(quarters) + 1)
    for i, t in enumerate(data.trends):
        chart = LineChart()
        chart.title = t.title
        chart.height, chart.width = 7, 13
        chart.legend = None
        chart.y_axis.title = {"percent": "%", "rate": "per 10,000"}.get(t.unit, "")
        series = Reference(plot, min_col=i + 2, min_row=1, max_row=len(quarters) + 1)
        chart.add_data(series, titles_from_data=True)
        chart.set_categories(categories)
        chart.display_blanks = "gap"
        anchor_row = end + 2 + (i // 2) * 15
        anchor_col = 1 if i % 2 == 0 else 6
        ws.add_chart(chart, f"{get_column_letter(anchor_col)}{anchor_row}")
