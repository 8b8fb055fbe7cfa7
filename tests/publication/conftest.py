"""Shared fixtures: one publication built from the hand-made warehouse, and an HTML reader."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from dagster_project.publication.database import Descriptions, RunInfo
from dagster_project.publication.publish import Publication, publish

from .fixtures import make_warehouse, write_manifest


@dataclass
class ReportHtml:
    """What the tests read from the report: figures by kind, chart labels, rows by id."""

    figures: list[tuple[str, str]] = field(default_factory=list)  # (data-kind, text)
    chart_labels: list[str] = field(default_factory=list)
    rows: dict[str, list[list[str]]] = field(default_factory=dict)  # data-indicator -> rows


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.out = ReportHtml()
        self.kind: str | None = None
        self.text: list[str] = []
        self.label = False
        self.indicator: list[str | None] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "span" and a.get("data-kind"):
            self.kind, self.text = a["data-kind"], []
        if tag == "text" and "value-label" in (a.get("class") or ""):
            self.label, self.text = True, []
        if tag in ("tr", "div", "figure"):
            self.indicator.append(a.get("data-indicator"))
        if tag == "tr":
            self.row = []
        if tag in ("td", "th") and self.row is not None:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self.kind:
            self.out.figures.append((self.kind, "".join(self.text).strip()))
            self.kind = None
        if tag == "text" and self.label:
            self.out.chart_labels.append("".join(self.text).strip())
            self.label = False
        if tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        if tag in ("tr", "div", "figure") and self.indicator:
            if tag == "tr" and self.row is not None:
                owner = next((i for i in reversed(self.indicator) if i), None)
                if owner:
                    self.out.rows.setdefault(owner, []).append(self.row)
                self.row = None
            self.indicator.pop()

    def handle_data(self, data: str) -> None:
        if self.kind or self.label:
            self.text.append(data)
        if self.cell is not None:
            self.cell.append(data)


def read_html(path: Path) -> ReportHtml:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader.out


# The BI team's commentary for the fixture's period: one by number (hostile text: markup
# and a spreadsheet formula), one by id.
COMMENTARY = (
    "period_end: 2025-06-30\n"
    "indicators:\n"
    '  21: \'=HYPERLINK("http://x","y") <script>alert(1)</script> & more\'\n'
    "  health_assessment_pct: Catch-up clinics ran in February.\n"
)


def build(tmp: Path, marker: str = "A", run_id: str = "run-A") -> Publication:
    warehouse = make_warehouse(tmp / "warehouse" / "cla.duckdb", marker)
    manifest = write_manifest(tmp / "manifest.json")
    commentary = tmp / "commentary"
    commentary.mkdir(exist_ok=True)
    (commentary / "2025-06-30.yaml").write_text(COMMENTARY, encoding="utf-8")
    return publish(
        warehouse,
        tmp / "publish",
        RunInfo(
            run_id=run_id,
            source_system="mosaic",
            la_code="310",
            suppression_threshold=6,
            data_extracted=dt.date(2025, 7, 4),
        ),
        Descriptions.from_manifest(manifest),
        commentary_dir=commentary,
    )


@pytest.fixture(scope="session")
def publication(tmp_path_factory: pytest.TempPathFactory) -> Publication:
    return build(tmp_path_factory.mktemp("publication"))


@pytest.fixture(scope="session")
def report_html(publication: Publication) -> ReportHtml:
    return read_html(publication.html)
