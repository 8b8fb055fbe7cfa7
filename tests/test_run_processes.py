"""Which runs get the helper processes at their start (dagster_project/run_processes.py)."""

from __future__ import annotations

import dagster as dg
import pytest

from dagster_project import run_processes
from dagster_project.definitions import PIPELINE_JOB

STEPS = ["land_mosaic", "cla_dbt", "quality__record_errors", "quality__data_quality_gate"]


@pytest.mark.parametrize(
    ("job", "steps", "assets", "dbt", "gate"),
    [
        (PIPELINE_JOB, STEPS, None, True, True),  # executed in process: every step listed
        (PIPELINE_JOB, None, None, True, True),  # the schedule: the whole job
        (PIPELINE_JOB, ["land_mosaic"], None, False, False),
        (PIPELINE_JOB, ["cla_dbt"], None, True, False),
        # a few assets from the UI, steps not yet known: their steps start their own
        (PIPELINE_JOB, None, {dg.AssetKey(["core", "ssda903_episodes"])}, False, False),
        ("fetch_dfe_release", None, None, False, False),
    ],
)
def test_the_helpers_a_run_gets(
    job: str, steps: list[str] | None, assets: set[dg.AssetKey] | None, dbt: bool, gate: bool
) -> None:
    run = dg.DagsterRun(job_name=job, step_keys_to_execute=steps, asset_selection=assets)
    assert run_processes._executes(run, "cla_dbt") is dbt
    assert run_processes._executes(run, "quality__data_quality_gate") is gate
    assert run_processes._executes(None, "cla_dbt") is False
