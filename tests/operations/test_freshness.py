"""Freshness: a stale Mosaic extract is told (warn) or refused (error), and runs are tagged
with the extract they landed."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import duckdb
import pytest

from dagster_project.config_schema import FreshnessConfig
from dagster_project.definitions import build_definitions
from dagster_project.landing.extracts import (
    FINGERPRINT_TAG,
    extract_age,
    fingerprint,
    latest_extract,
)
from dagster_project.runner import _outcome, run_pipeline
from dagster_project.settings import load_settings

from .test_alerts import GOOD_PERSONS, pipeline_for, write_extract


def settings_with(freshness: FreshnessConfig):
    config = load_settings()
    return type(config)(**{**config.__dict__, "freshness": freshness})


def landing_only(config, mosaic: Path, tmp_path: Path, instance: dg.DagsterInstance):
    """Land the Mosaic extract and run its checks (the freshness check among them)."""
    pipeline = pipeline_for(mosaic, tmp_path)
    defs = build_definitions(
        pipeline=pipeline, warehouse_path=str(tmp_path / "w.duckdb"), config=config
    )
    job = defs.resolve_implicit_global_asset_job_def()
    keys = [k for k in defs.resolve_asset_graph().get_all_asset_keys() if k.path[0] == "mosaic"]
    return pipeline, job.execute_in_process(instance=instance, asset_selection=keys)


def freshness_evaluation(result: dg.ExecuteInProcessResult):
    (evaluation,) = [
        e.asset_check_evaluation_data
        for e in result.all_events
        if e.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION
        and e.asset_check_evaluation_data.check_name == "extract_fresh"
    ]
    return evaluation


def test_latest_extract_and_its_age(tmp_path: Path) -> None:
    write_extract(tmp_path / "a", GOOD_PERSONS, age_days=4)
    older = tmp_path / "a" / "mosaic" / "2026-10-31"
    older.mkdir()
    (older / "persons.csv").write_text(GOOD_PERSONS)
    (tmp_path / "a" / "mosaic" / "notes").mkdir()  # no CSV: not an extract
    folder = latest_extract(tmp_path / "a" / "mosaic")
    assert folder is not None and folder.name == "2026-11-30"
    assert latest_extract(folder) == folder  # the extract folder itself, given directly
    assert extract_age(folder).age_days == pytest.approx(4, abs=0.01)
    assert latest_extract(tmp_path / "missing") is None
    # the fingerprint follows content, not names or times
    copy = tmp_path / "b" / "elsewhere"
    copy.mkdir(parents=True)
    for path in folder.iterdir():
        (copy / path.name).write_bytes(path.read_bytes())
    assert fingerprint(copy) == fingerprint(folder)
    (copy / "persons.csv").write_text(GOOD_PERSONS + "7001235,M,01/01/2014,WBRI\n")
    assert fingerprint(copy) != fingerprint(folder)


@pytest.mark.slow
def test_a_fresh_extract_passes_and_the_run_is_tagged_with_it(
    tmp_path: Path, project_instance: dg.DagsterInstance
) -> None:
    mosaic = write_extract(tmp_path / "landing", GOOD_PERSONS, age_days=0.5)
    _, result = landing_only(settings_with(FreshnessConfig()), mosaic, tmp_path, project_instance)
    evaluation = freshness_evaluation(result)
    assert evaluation.passed
    assert evaluation.metadata["extract"].value == "2026-11-30"
    assert evaluation.metadata["age_days"].value == pytest.approx(0.5, abs=0.01)
    run = project_instance.get_run_by_id(result.run_id)
    assert run.tags[FINGERPRINT_TAG] == fingerprint(mosaic / "2026-11-30")
    assert run.tags["cla/mosaic_extract"] == "2026-11-30"


@pytest.mark.slow
def test_a_stale_extract_warns_and_the_run_still_succeeds(
    tmp_path: Path, project_instance: dg.DagsterInstance
) -> None:
    mosaic = write_extract(tmp_path / "landing", GOOD_PERSONS, age_days=4)
    config = settings_with(FreshnessConfig(max_extract_age_days=3))
    pipeline, result = landing_only(config, mosaic, tmp_path, project_instance)
    assert result.success
    evaluation = freshness_evaluation(result)
    assert not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.WARN
    outcome = _outcome(result, pipeline, tmp_path / "w.duckdb")
    assert (
        "mosaic/persons:extract_fresh newest extract 2026-11-30 written 4.0 day(s) ago, older "
        "than the 3-day limit: has the Mosaic export stopped arriving?"
    ) in outcome.warnings
    assert not outcome.failed_checks
    assert "warning: mosaic/persons:extract_fresh newest extract" in outcome.summary()


@pytest.mark.slow
def test_severity_error_refuses_to_publish_a_stale_extract(
    tmp_path: Path, project_instance: dg.DagsterInstance
) -> None:
    mosaic = write_extract(tmp_path / "landing", GOOD_PERSONS, age_days=10)
    config = settings_with(FreshnessConfig(max_extract_age_days=7, severity="error"))
    warehouse = tmp_path / "w" / "cla.duckdb"
    outcome = run_pipeline(
        pipeline_for(mosaic, tmp_path), warehouse, config=config, instance=project_instance
    )
    assert not outcome.success
    assert [c.split(" ", 1)[0] for c in outcome.failed_checks] == ["mosaic/persons:extract_fresh"]
    assert not (tmp_path / "publish" / "cla_marts.duckdb").exists()
    con = duckdb.connect(str(warehouse), read_only=True)
    schemas = {r[0] for r in con.execute("select schema_name from duckdb_schemas()").fetchall()}
    con.close()
    assert "staging" not in schemas  # dbt never ran: the check blocked it


def test_the_check_is_only_part_of_runs_that_land_mosaic() -> None:
    from dagster_project.definitions import PIPELINE_JOB
    from dagster_project.resources import PipelineResource

    ssda903 = PipelineResource(
        la_code="310", source_system="ssda903", ssda903_dir="/x", publish_dir="/p"
    )
    job = build_definitions(pipeline=ssda903).resolve_job_def(PIPELINE_JOB)
    assert "mosaic__persons_extract_fresh" not in job.graph.node_dict
    mosaic = PipelineResource(
        la_code="310", source_system="mosaic", mosaic_dir="/x", publish_dir="/p"
    )
    job = build_definitions(pipeline=mosaic).resolve_job_def(PIPELINE_JOB)
    assert "mosaic__persons_extract_fresh" in job.graph.node_dict
