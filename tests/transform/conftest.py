"""Shared set-up of the SSDA903 model tests: build our dbt models on landed fixtures.

dbt runs for real against small DuckDB warehouses. Only the SSDA903 part of the project is
built (staging, intermediate and marts of this domain and what they read), and each source
keeps its own dbt target folder for the session, so dbt's partial parsing is reused (a
change of --vars forces a full parse).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dagster_project.synthetic.generator import generate
from dagster_project.transform.dbt_cli import run_dbt

from .hand_made import write_faulty_extract, write_two_years
from .helpers import SSDA903_MODELS, Builder, GeneratedLA, land


@pytest.fixture(scope="session")
def build_ssda903(tmp_path_factory: pytest.TempPathFactory) -> Builder:
    """`build(warehouse, source, period_ends=None)`: dbt build of the SSDA903 models."""
    targets = tmp_path_factory.mktemp("ssda903_dbt_targets")

    def build(warehouse: Path, source: str, period_ends: list[str] | None = None) -> None:
        dbt_vars = {"source_system": source, "la_code": "310", "period_ends": period_ends or []}
        run_dbt(
            ["build", "--exclude-resource-type", "unit_test", "--select", SSDA903_MODELS],
            warehouse,
            dbt_vars,
            target=targets / source,
        )

    return build


@pytest.fixture(scope="session")
def generated_la(tmp_path_factory: pytest.TempPathFactory, build_ssda903: Builder) -> GeneratedLA:
    """Both forms landed into one warehouse, built once as a Mosaic run.

    The 903 years' combined history is built whatever the run's source (the
    int_ssda903__* models; the marts only choose between the two), so one build gives
    both sides of the comparison.
    """
    root = tmp_path_factory.mktemp("generated_la")
    report = generate(root / "landing", children=500, years=6, seed=2031, workers=1)
    warehouse = root / "generated.duckdb"
    land(warehouse, "mosaic", root / "landing" / "mosaic")
    land(warehouse, "ssda903", root / "landing" / "ssda903")
    build_ssda903(warehouse, "mosaic")
    return GeneratedLA(root, report, warehouse)


@pytest.fixture(scope="session")
def hand_made(tmp_path_factory: pytest.TempPathFactory, build_ssda903: Builder) -> Path:
    """The hand-made Mosaic extract and 903 years in one warehouse, built as an ssda903 run."""
    root = tmp_path_factory.mktemp("hand_made")
    write_faulty_extract(root)
    write_two_years(root)
    warehouse = root / "hand_made.duckdb"
    land(warehouse, "mosaic", root / "mosaic")
    land(warehouse, "ssda903", root / "ssda903")
    build_ssda903(warehouse, "ssda903")
    return warehouse
