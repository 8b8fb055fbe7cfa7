"""The Panel workbook as an analyst and a printer see it: named sheets with an index,
Excel tables with filters, A4 one page wide with the header row on every page."""

from __future__ import annotations

from openpyxl import load_workbook

from dagster_project.publication.publish import Publication


def test_sheet_names_are_short_titles_and_contents_gives_full_ones(
    publication: Publication,
) -> None:
    wb = load_workbook(publication.excel)
    assert wb.sheetnames[:4] == ["About", "Contents", "Key points", "KPIs"]
    assert all(len(name) <= 31 for name in wb.sheetnames)
    # the 40-character title of cla_ceased_reason does not fit: its short title does
    assert "Reason for leaving care" in wb.sheetnames
    assert not any(name.startswith("Reason for leaving care (last") for name in wb.sheetnames)
    contents = {r[0]: (r[1], r[2]) for r in wb["Contents"].iter_rows(min_row=2, values_only=True)}
    visible = [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert set(contents) == set(visible)  # every sheet listed, the hidden chart data not
    assert contents["Reason for leaving care"] == ("Breakdown Reason for leaving care", 7)
    assert contents["UASC"] == ("Breakdown UASC", 43)  # a new number, after the 42 of v1


def test_every_table_is_an_excel_table_with_filters(publication: Publication) -> None:
    wb = load_workbook(publication.excel)
    for ws in wb.worksheets:
        if ws.title in ("About", "chart_data"):
            continue
        assert len(ws.tables) == 1, ws.title
        (table,) = ws.tables.values()
        first, last = table.ref.split(":")
        assert first == "A1", ws.title
        rows = int("".join(ch for ch in last if ch.isdigit()))
        assert rows >= 2 and ws.cell(rows, 1).value is not None, ws.title  # data included
        assert table.autoFilter is not None, ws.title
        width = ws.max_column if ws.title != "Trends" else len(next(ws.iter_rows(max_row=1)))
        headers = [c.value for c in ws[1]][:width]
        assert all(isinstance(h, str) and h for h in headers), ws.title


def test_every_sheet_prints_a4_one_page_wide_with_titles(publication: Publication) -> None:
    wb = load_workbook(publication.excel)
    for ws in wb.worksheets:
        if ws.title == "chart_data":
            continue
        assert int(ws.page_setup.paperSize) == 9, ws.title  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0, ws.title
        assert ws.print_title_rows == "$1:$1", ws.title
    assert wb["KPIs"].page_setup.orientation == "landscape"


def test_comparators_sheet_has_years_as_columns(publication: Publication) -> None:
    ws = load_workbook(publication.excel)["Comparators"]
    assert [c.value for c in ws[1]] == [
        "Indicator number",
        "Indicator",
        "Measure",
        "2022-23",
        "2023-24",
    ]
    rows = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == 21]
    assert rows[0][2:] == ("This LA (DfE)", 11, 10)
    assert rows[4][2:] == ("England", 10, 10)
