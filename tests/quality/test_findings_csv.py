"""findings.csv and rule_summary.csv are written by DuckDB: each cell a reader gets back is
the finding's value (neutralised against formulas), whatever it holds, and the files are the
RFC 4180 CSV a spreadsheet and Python's csv module read (CRLF rows, quotes doubled)."""

from __future__ import annotations

import csv
import io
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest

from dagster_project.formulas import neutralise
from dagster_project.quality import findings as fnd

AWKWARD = [
    'a "quoted" value',
    "comma, inside",
    "line\nbreak",
    "carriage\rreturn",
    "crlf\r\nboth",
    "  spaces kept  ",
    "",
    "é ü 中文 \u200b",
    "=1+1",
    "-5",
    "'=a",
    "\\back\\slash",
    "tab\tinside",
]


def _findings() -> fnd.pd.DataFrame:
    rows = [
        {
            "check_name": "dfe_903_rules",
            "rule_code": f"R{i:02d}",
            "message": value,
            "severity": "record_error" if i % 2 else "warning",
            "table_name": "episodes",
            "child_id": value,
            "fields": "RNE",
            "field_values": f"RNE={value}",
            "source_file": "episodes.csv",
            "row_number": i + 2,
            "collection_year": 2026,
        }
        for i, value in enumerate(AWKWARD)
    ]
    rows.append({"check_name": "landing", "rule_code": "L1", "severity": "structural"})
    return fnd.frame(rows)


def test_every_cell_reads_back_as_the_value_neutralised(tmp_path: Path) -> None:
    findings = _findings()
    fnd.write_csv(findings, fnd.summary(findings), tmp_path)
    raw = (tmp_path / "findings.csv").read_bytes()
    assert raw.count(b"\r\n") >= len(findings) + 1  # header and rows end in CRLF
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert list(rows[0]) == list(fnd.COLUMNS)
    assert len(rows) == len(findings)
    for row, value in zip(rows, AWKWARD, strict=False):
        assert row["child_id"] == neutralise(value)
        assert row["message"] == neutralise(value)
        assert row["field_values"] == f"RNE={value}"
    assert [r["blocking"] for r in rows[:2]] == ["False", "False"]  # warning, record error
    last = rows[-1]  # the landing finding: blanks are empty cells, structural blocks
    assert (last["child_id"], last["row_number"], last["blocking"]) == ("", "", "True")
    assert rows[0]["row_number"] == "2" and rows[0]["collection_year"] == "2026"


def test_the_summary_counts_each_rule_and_names_no_child(tmp_path: Path) -> None:
    findings = _findings()
    fnd.write_csv(findings, fnd.summary(findings), tmp_path)
    with (tmp_path / "rule_summary.csv").open(newline="", encoding="utf-8") as handle:
        summary = list(csv.DictReader(handle))
    assert list(summary[0]) == list(fnd.SUMMARY_COLUMNS)
    by_code = {r["rule_code"]: r for r in summary}
    assert len(by_code) == len(AWKWARD) + 1
    assert by_code["R00"]["failing_rows"] == "1" and by_code["R00"]["children"] == "1"
    assert by_code["R06"]["children"] == "1"  # an empty child ID is still one child
    assert by_code["L1"]["children"] == "0"  # no child ID at all: none counted
    assert by_code["L1"]["blocking"] == "True" and by_code["R01"]["blocking"] == "False"
    # by check (dfe_903_rules before landing), then rule
    assert [r["rule_code"] for r in summary] == [f"R{i:02d}" for i in range(len(AWKWARD))] + ["L1"]


def test_a_failed_write_keeps_the_last_files_and_leaves_no_scratch(tmp_path: Path) -> None:
    findings = _findings()
    fnd.write_csv(findings, fnd.summary(findings), tmp_path)
    before = (tmp_path / "findings.csv").read_bytes()
    con = duckdb.connect()
    with pytest.raises(duckdb.CatalogException):
        fnd.write_files(con, "no_such_findings", "no_such_summary", tmp_path)
    assert (tmp_path / "findings.csv").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "findings.csv",
        "index.html",
        "rule_summary.csv",
    ]


def test_writers_of_one_folder_at_once_each_leave_whole_files(tmp_path: Path) -> None:
    """Two commands writing the same output folder: each file is one writer's, whole."""
    small, large = _findings().head(2), _findings()
    sizes = {len(small), len(large)}

    def write(frame: fnd.pd.DataFrame) -> None:
        for _ in range(15):
            fnd.write_csv(frame, fnd.summary(frame), tmp_path)

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(write, [small, large]))
    with (tmp_path / "findings.csv").open(newline="", encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) in sizes
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_findings_tied_on_child_and_row_come_out_in_one_order() -> None:
    """Rule 205B flags one Mosaic person's row in the header and the UASC table: the same
    rule, child, file and row. Before every column was a sort key, the two came out in
    whichever order the rules produced them, so findings.csv differed between two runs on
    the same extract (seen on the Harrow-sized extract, sixth session)."""
    import pandas as pd

    from dagster_project.quality.engine import ORDER
    from dagster_project.quality.gate import in_reading_order

    def finding(table: str, values: str) -> dict[str, object]:
        return {
            "check_name": "dfe_903_rules",
            "rule_code": "205B",
            "message": "m",
            "severity": "warning",
            "blocking": False,
            "table_name": table,
            "child_id": "1000067",
            "fields": "DUC, UASC",
            "field_values": values,
            "source_file": "2026-03-31/persons.csv",
            "row_number": 68,
            "collection_year": 2026,
        }

    rows = [finding("uasc", "DUC=(blank); UASC=1"), finding("header", "DUC=(blank); UASC=1")]
    one = in_reading_order(fnd.normalise(pd.DataFrame(rows)))
    other = in_reading_order(fnd.normalise(pd.DataFrame(rows[::-1])))
    assert one.to_csv(index=False) == other.to_csv(index=False)
    assert list(one["table_name"]) == ["header", "uasc"]
    # the rules' own order (findings of one rule, read from DuckDB) names them too
    assert {"table_name", "fields"} <= {part.strip() for part in ORDER.split(",")}
