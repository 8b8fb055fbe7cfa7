"""The Panel report's tables as an Excel workbook: one sheet per table, native charts.

Numbers stay numbers (analysts re-use them); a suppressed figure is the text "c", a
missing one is empty. Charts read a hidden sheet where suppressed points are blank, so
Excel draws a gap rather than a zero. Every table is an Excel table (filter buttons,
banded rows) and every sheet prints on A4 one page wide with its header row repeated.
Sheet names are the catalogue's short titles (Excel allows 31 characters); the `Contents`
sheet lists each sheet with its full title and indicator number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from dagster_project.formulas import neutralise
from dagster_project.publication.figures import MISSING, Figure
from dagster_project.publication.html_report import RAG_TEXT, extracted_label
from dagster_project.publication.periods import long_label
from dagster_project.publication.report_data import ReportData, collection_year_label

HEADER_FILL = PatternFill("solid", fgColor="DEE0E2")
RAG_FILL = {"green": "00703C", "amber": "FFDD00", "red": "D4351C"}
NUMBER_FORMAT = {"count": "#,##0", "percent": '0"%"', "rate": "0", "score": "0.0"}


def _cell_value(f: Figure) -> object:
    if f.number is not None:
        return f.number
    return None if f.text == MISSING else f.text


def _write_table(
    ws: Worksheet,
    top: int,
    headers: list[str],
    rows: list[list[object]],
    landscape: bool = False,
) -> int:
    """The rows as an Excel table with filters, under a repeated header row; the sheet
    prints on A4, one page wide."""
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
                if isinstance(value, str) and len(value) > 60:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = ws.cell(row=top + 1, column=2)
    if rows:
        name = "T_" + re.sub(r"\W", "_", ws.title)[:60]
        ref = f"A{top}:{get_column_letter(len(headers))}{top + len(rows)}"
        table = Table(displayName=name, ref=ref)
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=True)
        ws.add_table(table)
    _print_setup(ws, top, landscape)
    return top + len(rows) + 1


def _print_setup(ws: Worksheet, header_row: int, landscape: bool = False) -> None:
    """A4, one page wide (as many pages long as needed), the header row on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"


def _widths(ws: Worksheet, widths: list[int]) -> None:
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width


def _sheet_name(title: str, used: set[str]) -> str:
    """A valid, unique sheet name: the title when it fits Excel's 31 characters."""
    name = re.sub(r"[\[\]:*?/\\]", " ", title).strip().strip("'")[:31].strip()
    base, n = name, 2
    while name.lower() in {u.lower() for u in used}:
        name = f"{base[:28]} {n}"
        n += 1
    used.add(name)
    return name


def write_workbook(data: ReportData, path: Path) -> None:
    wb = Workbook()
    used: set[str] = set()
    contents: list[tuple[str, str, int | None]] = []  # sheet, full title, indicator number

    def sheet(title: str, full: str | None = None, number: int | None = None) -> Worksheet:
        ws = wb.create_sheet(_sheet_name(title, used))
        contents.append((ws.title, full or title, number))
        return ws

    about = wb.active
    about.title = _sheet_name("About", used)
    contents.append((about.title, "About this report: source, date of the data, symbols", None))
    index = sheet("Contents", "Contents: every sheet and its full title")
    period = long_label(data.period_end)
    lines = [
        ("Children looked after: performance report", None),
        ("Corporate Parenting Panel, position at", period),
        ("Local authority", data.la_name),
        ("Data extracted", extracted_label(data)),
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
    if data.record_errors is not None:
        lines.append(("Data quality", data.record_errors))
        lines.append(
            (
                "Record errors (KPIs)",
                "yes: the figure counts children whose records have an unresolved error.",
            )
        )
    for r, (label, value) in enumerate(lines, start=1):
        about.cell(row=r, column=1, value=label).font = Font(bold=r == 1 or value is not None)
        about.cell(row=r, column=2, value=value)
    _widths(about, [38, 90])
    _print_setup(about, 1)

    ws = sheet("Key points")
    _write_table(
        ws,
        1,
        ["Point", "Indicator number", "Key point"],
        [[i, p.number, p.text] for i, p in enumerate(data.key_points, start=1)],
    )
    _widths(ws, [7, 10, 110])

    ws = sheet("KPIs", "Key performance indicators")
    rows = []
    for k in data.kpis:
        rows.append(
            [
                k.number,
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
                "yes" if k.record_errors else "no",
                k.commentary,
            ]
        )
    _write_table(
        ws,
        1,
        [
            "Indicator number",
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
            "Record errors",
            "Commentary",
        ],
        rows,
        landscape=True,
    )
    for r, k in enumerate(data.kpis, start=2):
        if k.rag in RAG_FILL:
            ws.cell(row=r, column=6).fill = PatternFill("solid", fgColor=RAG_FILL[k.rag])
    _widths(ws, [10, 20, 44, 11, 9, 10, 11, 11, 13, 10, 16, 11, 13, 60])

    if data.trends:
        _trends(wb, data, sheet)
    for bd in data.breakdowns:
        meta = data.catalogue.get(bd.indicator_id)
        ws = sheet(bd.title, meta.title if meta else bd.title, bd.number)
        rows = [[r.label, r.count, r.percent] for r in bd.rows]
        rows.append(["Total", bd.total, None])
        _write_table(ws, 1, ["Category", "Number", "%"], rows)
        _widths(ws, [44, 12, 10])

    ws = sheet("Care leavers", "Care leavers (former relevant young people)")
    rows = [[r.number, r.title, r.cohort, r.number_in, r.percent] for r in data.care_leavers]
    end = _write_table(ws, 1, ["Indicator number", "Indicator", "Cohort", "Number", "%"], rows)
    if data.care_leavers_period:
        ws.cell(row=end + 1, column=1, value=f"Year to {long_label(data.care_leavers_period)}")
    _widths(ws, [10, 60, 10, 10, 8])

    ws = sheet("Comparators", "Comparison with statistical neighbours and England (DfE)")
    rows = [[r.number, r.title, r.label, *r.cells] for r in data.comparators]
    _write_table(
        ws,
        1,
        [
            "Indicator number",
            "Indicator",
            "Measure",
            *[collection_year_label(y) for y in data.comparator_years],
        ],
        rows,
    )
    _widths(ws, [10, 48, 30, *[10] * len(data.comparator_years)])

    _write_table(
        index,
        1,
        ["Sheet", "Full title", "Indicator number"],
        [[name, full, number] for name, full, number in contents],
    )
    _widths(index, [32, 70, 10])
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


def _trends(wb: Workbook, data: ReportData, sheet: Callable[..., Worksheet]) -> None:
    """A table of the eight quarters, and a line chart per indicator reading a hidden sheet."""
    quarters = [p.period_end for p in data.trends[0].points]
    ws = sheet("Trends", "Trends over eight quarters (headline indicators)")
    headers = [
        "Indicator number",
        "Indicator",
        *[q.strftime("%b %Y") for q in quarters],
        "Target",
    ]
    rows = [
        [
            t.number,
            t.title,
            *[p.figure for p in t.points],
            t.target if t.target is not None else None,
        ]
        for t in data.trends
    ]
    end = _write_table(ws, 1, headers, rows, landscape=True)
    _widths(ws, [10, 44, *[10] * len(quarters), 9])
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
