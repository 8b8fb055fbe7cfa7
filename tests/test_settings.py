"""Configuration reaches the run: config/pipeline.yaml -> Settings -> dbt variables."""

from __future__ import annotations

from pathlib import Path

import pytest

from dagster_project.resources import PipelineResource
from dagster_project.settings import load_settings


def test_config_file_and_environment_reach_the_dbt_variables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "pipeline.yaml"
    config.write_text(
        "local_authority:\n  code: E09000015\n  statistical_neighbours: [317, '312']\n"
        "source: ssda903\npaths: {data: data}\npublication: {suppression_threshold: 10}\n"
    )
    monkeypatch.setenv("CLA_CONFIG", str(config))
    monkeypatch.setenv("CLA_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CLA_LA", raising=False)
    monkeypatch.delenv("CLA_SOURCE", raising=False)
    settings = load_settings()
    assert settings.warehouse_path == tmp_path / "home" / "warehouse" / "cla.duckdb"
    assert settings.mosaic_dir == tmp_path / "home" / "landing" / "mosaic"
    pipeline = PipelineResource.from_settings(settings)
    assert pipeline.suppression_threshold == 10
    assert pipeline.dbt_vars() == {
        "source_system": "ssda903",
        "la_code": "E09000015",
        "period_ends": [],
        "statistical_neighbours": ["317", "312"],
    }
    monkeypatch.setenv("CLA_LA", "310")
    assert load_settings().la_code == "310"
