"""One small synthetic LA shared by the generator tests (generated once per module)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from dagster_project.synthetic.generator import GenerateReport, generate

AS_AT = dt.date(2026, 3, 31)
CHILDREN = 400
YEARS = 6
SEED = 11


@dataclass
class SmallLA:
    root: Path
    report: GenerateReport

    @property
    def mosaic(self) -> Path:
        return self.root / "mosaic" / AS_AT.isoformat()

    @property
    def ssda903(self) -> Path:
        return self.root / "ssda903"

    def years(self) -> list[int]:
        return sorted(int(p.name) for p in self.ssda903.iterdir() if p.is_dir())


@pytest.fixture(scope="session")
def small_la(tmp_path_factory: pytest.TempPathFactory) -> SmallLA:
    root = tmp_path_factory.mktemp("synthetic_la")
    report = generate(root, CHILDREN, YEARS, SEED, source="both", as_at=AS_AT, workers=1)
    return SmallLA(root, report)


@pytest.fixture(scope="session")
def con(small_la: SmallLA) -> duckdb.DuckDBPyConnection:
    """Every file of the small LA as a DuckDB table (text, blanks as ''), 903 with `year`."""
    con = duckdb.connect()
    for name in (
        "persons", "periods_of_care", "legal_statuses", "placements", "health_events",
        "missing_episodes", "care_leaver_contacts", "reviews",
    ):  # fmt: skip
        con.execute(
            f"create table m_{name} as select * from read_csv(?, all_varchar=true, "
            "header=true, nullstr='\x01')",
            [str(small_la.mosaic / f"{name}.csv")],
        )
    for name in ("header", "episodes", "uasc", "oc2", "oc3", "missing", "reviews"):
        selects = " union all ".join(
            f"select {y} as year, * from read_csv('{small_la.ssda903 / str(y) / name}.csv', "
            "all_varchar=true, header=true, nullstr='\x01')"
            for y in small_la.years()
        )
        con.execute(f"create table s_{name} as {selects}")
    return con
