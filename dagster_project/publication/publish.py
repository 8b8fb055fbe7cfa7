"""Build the whole publication aside, then switch it in as one unit (`releases`).

The database and the report are built in this run's staging folder (beside the quality
findings the gate wrote there), the report read from the new database file, so the Panel
and the analysts see the same run; nothing a reader sees changes until `releases.commit`
switches the `current` link. Any failure before that leaves the previous publication
exactly as it was.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from dagster_project.publication import releases
from dagster_project.publication.database import (
    PUBLISHED_NAME,
    Descriptions,
    RunInfo,
    build_database,
)
from dagster_project.publication.html_report import render_html
from dagster_project.publication.report_data import ReportData, load_report_data

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
    release: Path


def write_report(
    database: Path, folder: Path, threshold: int, commentary_dir: Path | None = None
) -> ReportData:
    """The HTML and Excel report of the database's latest period, into `folder`."""
    # openpyxl (and numpy) load when a report is written, not with the definitions
    from dagster_project.publication.excel_report import write_workbook

    folder.mkdir(parents=True)
    con = duckdb.connect(str(database), read_only=True)
    try:
        data = load_report_data(con, threshold, commentary_dir=commentary_dir)
    finally:
        con.close()
    (folder / HTML_NAME).write_text(render_html(data), encoding="utf-8")
    write_workbook(data, folder / EXCEL_NAME)
    return data


def publish(
    warehouse: Path,
    publish_dir: Path,
    run: RunInfo,
    descriptions: Descriptions,
    figures: dict[str, Any] | None = None,
    group: str | None = None,
    commentary_dir: Path | None = None,
    dbt_docs: Callable[[], Path] | None = None,
) -> Publication:
    """Build the database and report for `run` and switch the publication to them.

    `figures` (what the run's data covers: source, as-at date, rows per file) goes into
    the release's manifest, where the next run's structural checks compare against it.
    `dbt_docs`: a function that waits for dbt's docs page (written meanwhile) and gives it.
    """
    publish_dir = Path(publish_dir)
    staged = releases.prepare_staging(publish_dir, run.run_id, group)
    new_db = staged / PUBLISHED_NAME
    new_report = staged / REPORT_DIR
    new_docs = staged / releases.DBT_DOCS
    for leftover in (new_db, Path(f"{new_db}.wal"), new_report, new_docs):
        releases.remove(leftover)
    try:
        counts = build_database(warehouse, new_db, run, descriptions)
        data = write_report(new_db, new_report, run.suppression_threshold, commentary_dir)
        if dbt_docs is not None:
            new_docs.mkdir()
            shutil.copyfile(dbt_docs(), new_docs / "index.html")
    except BaseException:
        for path in (new_db, Path(f"{new_db}.wal"), new_report, new_docs):
            releases.remove(path)
        raise
    release = releases.commit(
        publish_dir,
        run.run_id,
        "published",
        {"run_id": run.run_id, **(figures or {})},
        group=group,
    )
    report_dir = publish_dir / REPORT_DIR
    return Publication(
        database=publish_dir / PUBLISHED_NAME,
        report_dir=report_dir,
        html=report_dir / HTML_NAME,
        excel=report_dir / EXCEL_NAME,
        row_counts=counts,
        report=data,
        release=release,
    )
