"""Run every dbt unit test (YAML `unit_tests:`) once and report each as its own pytest test.

dbt unit tests pin model logic on hand-made rows. The nightly build excludes them; this is
where they run. One dbt invocation for all of them keeps the suite fast; the parametrised
tests then read its results, so a failure names the model and the unit test.
"""

from __future__ import annotations

import json

import pytest

from dagster_project.landing.bootstrap import ensure_all_sources
from dagster_project.transform.dbt_cli import run_dbt
from dagster_project.transform.project import ensure_manifest
from dagster_project.warehouse import connect


def _unit_tests() -> list[str]:
    manifest = json.loads(ensure_manifest().read_text())
    return sorted(manifest.get("unit_tests", {}))


@pytest.fixture(scope="module")
def unit_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    base = tmp_path_factory.mktemp("dbt_unit")
    warehouse = base / "unit.duckdb"
    target = base / "target"
    with connect(warehouse) as con:
        ensure_all_sources(con)
    # Every relation must exist (empty is enough) for dbt to read the inputs' columns; data
    # tests on empty relations would prove nothing, so only models and seeds are built.
    run_dbt(
        ["build", "--empty", "--resource-type", "model", "--resource-type", "seed"],
        warehouse,
        target=target,
    )
    run_dbt(["test", "--select", "test_type:unit"], warehouse, check=False, target=target)
    results = json.loads((target / "run_results.json").read_text())["results"]
    return {r["unique_id"]: r for r in results}


@pytest.mark.parametrize("unique_id", _unit_tests())
def test_dbt_unit_test(unique_id: str, unit_results: dict[str, dict]) -> None:
    result = unit_results.get(unique_id)
    assert result is not None, f"{unique_id} did not run"
    assert result["status"] == "pass", f"{unique_id}: {result.get('message')}"
