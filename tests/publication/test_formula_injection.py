"""No value from an input becomes a live formula in findings.csv, rule_summary.csv or the
Panel workbook (OWASP CSV injection): such cells start with `'`; numbers stay numbers."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import openpyxl
import pytest

from dagster_project.formulas import neutralise
from dagster_project.publication.database import Descriptions, RunInfo
from dagster_project.publication.publish import publish
from dagster_project.quality import findings as fnd

from .fixtures import make_warehouse

HOSTILE = [
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_formula_trigger_is_prefixed(value: str) -> None:
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["-5", "+1.5", "-0.25", "12", "WBRI", "", "O'Brien", "1e-3"])
def test_numbers_and_ordinary_text_are_untouched(value: str) -> None:
    assert neutralise(value) == value


def test_findings_and_summary_cells_are_neutralised(tmp_path: Path) -> None:
    findings = fnd.frame(
        [
            {
                "check_name": "dfe_903_rules",
                "rule_code": "103",
                "message": "Ethnicity not valid",
                "severity": "warning",
                "table_name": "header",
                "child_id": child,
                "fields": "ETHNIC",
                "field_values": f"ETHNIC={child}",
                "source_file": "2025/header.csv",
                "row_number": n,
            }
            for n, child in enumerate(HOSTILE, start=1)
        ]
        + [{"check_name": "landing", "rule_code": "=1+1", "message": "-1", "severity": "warning"}]
    )
    fnd.write_csv(findings, fnd.summary(findings), tmp_path)
    with (tmp_path / "findings.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["child_id"] for r in rows[:6]] == ["'" + v for v in HOSTILE]
    assert rows[0]["field_values"] == 'ETHNIC==HYPERLINK("http://x","y")'  # starts with E
    assert rows[0]["row_number"] == "1"
    assert rows[6]["rule_code"] == "'=1+1" and rows[6]["message"] == "-1"  # a number stays
    for name in ("findings.csv", "rule_summary.csv"):
        with (tmp_path / name).open(newline="", encoding="utf-8") as handle:
            for row in csv.reader(handle):
                for cell in row:
                    assert not cell.startswith(("=", "+", "@", "\t", "\r")), (name, cell)
                    assert not cell.startswith("-") or cell.lstrip("-").replace(".", "").isdigit()


def test_an_la_name_from_a_dfe_file_is_never_a_formula_in_the_workbook(tmp_path: Path) -> None:
    warehouse = make_warehouse(tmp_path / "warehouse" / "cla.duckdb", "A")
    con = duckdb.connect(str(warehouse))
    con.execute("create schema if not exists intermediate")
    con.execute(
        "create or replace table intermediate.int_comparators__reporting_la as select "
        """'=HYPERLINK("http://x","y")' as la_name, '310' as old_la_code, """
        "'E09000015' as new_la_code"
    )
    con.close()
    published = publish(
        warehouse, tmp_path / "publish", RunInfo("run-F", "mosaic", "310", 6), Descriptions()
    )
    workbook = openpyxl.load_workbook(published.excel)
    about = {row[0].value: row[1] for row in workbook["About"].iter_rows() if row[0].value}
    cell = about["Local authority"]
    assert cell.data_type == "s"
    assert cell.value == '\'=HYPERLINK("http://x","y") (310 / E09000015)'
    numbers = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for c in row:
                assert c.data_type != "f", (sheet.title, c.coordinate, c.value)
                if isinstance(c.value, str):
                    assert not c.value.startswith(("=", "+", "@", "\t", "\r")), c.value
                if isinstance(c.value, int | float):
                    numbers += 1
    assert numbers > 100  # figures are still numbers
    # the HTML shows the name as text (Jinja escapes it)
    assert "=HYPERLINK(&#34;http://x&#34;,&#34;y&#34;)" in published.html.read_text()


EDGES = [
    *HOSTILE,
    *["-5", "+1.5", "-0.25", "12", "WBRI", "", "O'Brien", "1e-3", "-.5", "-5.", "-5e+3"],
    "-5\n",  # a number then a line break: a spreadsheet reads more than a number
    "-5 ",
    " -5",
    "\r\n=1+1",  # CRLF: the CR is a trigger of its own
    "-\u0661\u0662",  # Arabic-Indic digits: not an ASCII number, so neutralised
    "\uff15",  # a fullwidth digit, no trigger
    "-\uff15",
    "+",
    "-",
    "=",
    "--5",
    "-5e",
    "'=a",
    "\u00e9=",
    "@",
    "\t",
    "\x00=",
]


def test_sql_and_python_neutralise_exactly_the_same_values() -> None:
    """The findings files are written by DuckDB (`neutralise_sql`), the workbook by Python
    (`neutralise`): one rule, so each value comes out the same from both."""
    from dagster_project.formulas import neutralise_sql

    con = duckdb.connect()
    con.execute("create table v (i integer, x varchar)")
    con.executemany("insert into v values (?, ?)", [[i, v] for i, v in enumerate(EDGES)])
    con.execute("insert into v values (?, null)", [len(EDGES)])
    got = dict(con.execute(f"select i, {neutralise_sql('x')} from v").fetchall())
    for i, value in enumerate([*EDGES, None]):
        assert got[i] == neutralise(value), (value, got[i])
    assert got[EDGES.index("-5\n")] == "'-5\n"  # not a plain number: prefixed
    assert got[EDGES.index("-\u0661\u0662")] == "'-\u0661\u0662"
    assert got[EDGES.index("-5e+3")] == "-5e+3"
