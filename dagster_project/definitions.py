"""The Dagster code location: every asset, check, job, schedule and sensor.

`build_definitions()` takes the run options so the `cla` command can run the very same
assets in process with its own inputs; the module-level `defs` is what `dagster dev` and
the nightly schedule load, configured from `config/pipeline.yaml` (an invalid file stops
the code location from loading, and the UI shows which key is wrong).
"""

from __future__ import annotations

import dagster as dg

from dagster_project import run_processes
from dagster_project.comparators.assets import dfe_release_download, fetch_dfe_release_job
from dagster_project.indicators.assets import indicator_targets
from dagster_project.landing.assets import land_cin, land_dfe, land_mosaic, land_ssda903
from dagster_project.landing.sensors import new_extract_sensor
from dagster_project.operations.alerts import alert_sensors
from dagster_project.operations.freshness import (
    FRESHNESS_CHECK,
    MOSAIC_PERSONS,
    extract_freshness_check,
)
from dagster_project.publication.assets import publish_assets
from dagster_project.quality.assets import data_quality_gate, record_errors_asset
from dagster_project.reference.assets import reference_postcodes
from dagster_project.resources import PipelineResource
from dagster_project.settings import Settings, settings
from dagster_project.transform.assets import DBT_ASSETS
from dagster_project.warehouse import WarehouseResource

PIPELINE_JOB = run_processes.PIPELINE_JOB

LANDING_ASSETS = {
    "mosaic": land_mosaic,
    "ssda903": land_ssda903,
    "dfe": land_dfe,
    "cin": land_cin,
}


def pipeline_selection(pipeline: PipelineResource) -> dg.AssetSelection:
    """Every asset but the DfE fetch (network), which runs on demand (`cla fetch-dfe`).

    Every source lands on every run, even one the run was given no folder for: its
    landing then removes what earlier runs landed, so it never feeds this run. The Mosaic
    extract's freshness check belongs only to runs that read Mosaic: an SSDA903 run has no
    extract to be stale.
    """
    selection = dg.AssetSelection.all() - dg.AssetSelection.assets(dfe_release_download)
    if pipeline.source_system != "mosaic":
        selection = selection - dg.AssetSelection.checks(
            dg.AssetCheckKey(MOSAIC_PERSONS, FRESHNESS_CHECK)
        )
    return selection


def build_definitions(
    pipeline: PipelineResource | None = None,
    warehouse_path: str | None = None,
    config: Settings | None = None,
) -> dg.Definitions:
    config = config or settings()
    pipeline = pipeline or PipelineResource.from_settings(config)
    job = dg.define_asset_job(
        PIPELINE_JOB,
        selection=pipeline_selection(pipeline),
        description="Land the inputs, build the SSDA903 and indicator marts, check them, "
        "and publish when every blocking check passed.",
        executor_def=dg.in_process_executor,
    )
    nightly = dg.ScheduleDefinition(
        name="nightly",
        job=job,
        cron_schedule=config.schedule_cron,
        execution_timezone=config.schedule_timezone,
        default_status=dg.DefaultScheduleStatus.RUNNING,
        description="The nightly run for the Panel's figures.",
    )
    return dg.Definitions(
        assets=[
            land_mosaic,
            land_ssda903,
            land_dfe,
            land_cin,
            reference_postcodes,
            indicator_targets,
            *DBT_ASSETS,
            dfe_release_download,
            record_errors_asset(pipeline.source_system),
            data_quality_gate,
            publish_assets,
        ],
        asset_checks=[extract_freshness_check(config.freshness)],
        jobs=[job, fetch_dfe_release_job],
        schedules=[nightly],
        sensors=[new_extract_sensor(job, config.mosaic_dir), *alert_sensors(config.alerts)],
        resources={
            "pipeline": pipeline,
            "warehouse": WarehouseResource(path=str(warehouse_path or config.warehouse_path)),
        },
        executor=dg.in_process_executor,
    )


defs = build_definitions()
