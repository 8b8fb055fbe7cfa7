"""Build the whole publication aside, then put it in place: database first, then report.

Both are built before either is swapped in, and the report is read from the new database
file, so the Panel and the analysts see the same run; any failure before the swap leaves
the previous `cla_marts.duckdb` and `report/` exactly as they were.
"""

from __future__ import annotations

import contextlib
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb

from dagster_project.publication.database import (
    PUBLISHED_NAME,
    Descriptions,
    RunInfo,
    build_database,
)
from dagster_project.publication.excel_report import write_workbook
from dagster_project.publication.html_report import render_html
from dagster_project.publication.report_data import ReportData, load_report_data
from dagster_project.publication.swap import replace_file, replace_folder

REPORT_DIR = "report"
HTML_NAME = "panel_report.html"
EXCEL_NAME = "panel_report.xlsx"


@dataclass
class Publication:
    database: Path
    report_dir: Path
    html: Path
    excel: Path
    row_counts: dict[str, int]
    report: ReportData


def write_report(database: Path, folder: Path, threshold: int) -> ReportData:
    """The HTML and Excel report of the database's latest period, into `folder`."""
    folder.mkdir(parents=True)
    con = duckdb.connect(str(database), read_only=True)
    try:
        data = load_report_data(con, threshold)
    finally:
        con.close()
    (folder / HTML_NAME).write_text(render_html(data), encoding="utf-8")
    write_workbook(data, folder / EXCEL_NAME)
    return data


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def clear_leftovers(publish_dir: Path) -> None:
    """Temporary files of a run that died mid-way (they are never the published ones)."""
    for pattern in (".cla_marts.*.tmp*", ".report.*.tmp", ".report.previous"):
        for path in publish_dir.glob(pattern):
            _remove(path)


def publish(
    warehouse: Path,
    publish_dir: Path,
    run: RunInfo,
    descriptions: Descriptions,
) -> Publication:
    publish_dir.mkdir(parents=True, exist_ok=True)
    clear_leftovers(publish_dir)
    token = uuid.uuid4().hex[:12]
    new_db = publish_dir / f".cla_marts.{token}.tmp.duckdb"
    new_report = publish_dir / f".report.{token}.tmp"
    try:
        counts = build_database(warehouse, new_db, run, descriptions)
        data = write_report(new_db, new_report, run.suppression_threshold)
        database = publish_dir / PUBLISHED_NAME
        report_dir = publish_dir / REPORT_DIR
        replace_file(new_db, database)
        replace_folder(new_report, report_dir)
    except BaseException:
        for path in (new_db, Path(f"{new_db}.wal"), new_report):
            _remove(path)
        raise
    return Publication(
        database=database,
        report_dir=report_dir,
        html=report_dir / HTML_NAME,
        excel=report_dir / EXCEL_NAME,
        row_counts=counts,
        report=data,
    )
