"""Helpers of the SSDA903 model tests: write CSVs, land them, read the warehouse."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dagster_project.landing.bootstrap import ensure_all_sources
from dagster_project.landing.loader import LandingReport, land_source
from dagster_project.synthetic.generator import GenerateReport
from dagster_project.warehouse import connect

SSDA903_MODELS = " ".join(
    [
        "+path:models/marts/ssda903",
        "+path:models/intermediate/mosaic",
        "+path:models/intermediate/ssda903",
        "+path:models/intermediate/cohorts",
        "+path:models/intermediate/reporting",
    ]
)

EPISODE_COLUMNS = (
    "CHILD, DECOM, RNE, LS, CIN, PLACE, PLACE_PROVIDER, DEC, REC, REASON_PLACE_CHANGE, "
    "HOME_POST, PL_POST, URN"
)

Builder = Callable[..., None]


def write_csv(path: Path, header: str, rows: Iterable[Sequence[object]]) -> None:
    """A small CSV as an LA would drop it (None -> blank)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header.split(","))
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])


def land(warehouse: Path, source: str, root: Path) -> LandingReport:
    """Land one source's folder into a (new or existing) warehouse, every raw table present."""
    with connect(warehouse) as con:
        ensure_all_sources(con)
        report = land_source(con, source, root)
    assert not report.rejected, [(o.source_file, o.message) for o in report.rejected]
    return report


def rows(warehouse: Path, sql: str, params: Sequence[object] | None = None) -> list[tuple]:
    with connect(warehouse, read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def d(text: str | None) -> dt.date | None:
    """dd/mm/yyyy (as in the fixtures) to a date."""
    return dt.datetime.strptime(text, "%d/%m/%Y").date() if text else None


@dataclass
class GeneratedLA:
    """One synthetic LA in both forms, landed into one warehouse built as a Mosaic run."""

    root: Path
    report: GenerateReport
    warehouse: Path

    def years(self) -> list[int]:
        return sorted(self.report.collection_years)
