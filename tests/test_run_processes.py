"""Which runs get which helper process at their start (dagster_project/run_processes.py):
the run's own step keys or selection, against the project's real assets; and that a run
refused or killed leaves none of them running."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import dagster as dg
import pytest

from dagster_project import run_processes, runlock
from dagster_project.definitions import PIPELINE_JOB, build_definitions
from dagster_project.publication.assets import publish_assets
from dagster_project.quality import gx_process
from dagster_project.quality.assets import data_quality_gate
from dagster_project.resources import PipelineResource
from dagster_project.settings import REPO_ROOT
from dagster_project.synthetic.generator import generate
from dagster_project.transform import dbt_worker
from dagster_project.transform.assets import DBT_ASSETS
from tests.spawned import gone, helpers_started

STEPS = ["land_mosaic", "cla_dbt", "quality__record_errors", "quality__data_quality_gate"]
GATE = dg.AssetKey(["quality", "data_quality_gate"])


@pytest.mark.parametrize(
    ("job", "steps", "assets", "checks", "dbt", "gate"),
    [
        (PIPELINE_JOB, STEPS, None, None, True, True),  # executed in process, or launched
        (PIPELINE_JOB, None, None, None, True, True),  # the schedule and the sensor
        (PIPELINE_JOB, ["land_mosaic"], None, None, False, False),
        (PIPELINE_JOB, ["cla_dbt_indicators"], None, None, True, False),
        (PIPELINE_JOB, ["publish"], None, None, True, False),  # dbt's docs page
        # a few assets from the UI: what they need
        (PIPELINE_JOB, None, {dg.AssetKey(["core", "ssda903_episodes"])}, None, True, False),
        (PIPELINE_JOB, None, {GATE}, None, False, True),
        (PIPELINE_JOB, None, None, {dg.AssetCheckKey(GATE, "dfe_903_rules")}, False, True),
        (PIPELINE_JOB, None, {dg.AssetKey(["mosaic", "persons"])}, None, False, False),
        ("fetch_dfe_release", None, None, None, False, False),
    ],
)
def test_the_helpers_a_run_gets(
    job: str,
    steps: list[str] | None,
    assets: set[dg.AssetKey] | None,
    checks: set[dg.AssetCheckKey] | None,
    dbt: bool,
    gate: bool,
) -> None:
    run = dg.DagsterRun(
        job_name=job,
        step_keys_to_execute=steps,
        asset_selection=assets,
        asset_check_selection=checks,
    )
    assert run_processes._executes(run, *DBT_ASSETS, publish_assets) is dbt
    assert run_processes._executes(run, data_quality_gate) is gate
    assert run_processes._executes(None, *DBT_ASSETS) is False


def test_a_run_refused_after_its_helpers_started_leaves_none(tmp_path: Path) -> None:
    """The job executed as the daemon executes it, while another run holds the warehouse's
    lock: the pipeline's resource has started the helpers when the warehouse's refuses the
    run; Dagster tears the resources down and the helpers end with them."""
    warehouse = tmp_path / "warehouse" / "cla.duckdb"
    warehouse.parent.mkdir()
    pipeline = PipelineResource(
        la_code="310", source_system="mosaic", publish_dir=str(tmp_path / "publish")
    )
    defs = build_definitions(pipeline=pipeline, warehouse_path=str(warehouse))
    with (
        helpers_started() as started,
        runlock.hold([runlock.warehouse_lock_path(warehouse)], "another-run"),
    ):
        result = defs.resolve_job_def(PIPELINE_JOB).execute_in_process(
            instance=dg.DagsterInstance.ephemeral(), raise_on_error=False
        )
    assert not result.success
    assert sorted(type(h).__name__ for h in started) == ["DbtWorker", "GxProcess"]
    assert all(helper.process.wait(timeout=30) is not None for helper in started)
    assert dbt_worker._warm == [] and gx_process._warm == []


# The job executed as the daemon's run worker executes it (in process, the pipeline's
# resource starting the helpers), each helper's pid printed when it starts.
KILLED_RUN = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import dagster as dg
    from dagster_project.definitions import PIPELINE_JOB, build_definitions
    from dagster_project.quality import gx_process
    from dagster_project.resources import PipelineResource
    from dagster_project.transform import dbt_worker

    def printing(init):
        def start(self):
            init(self)
            print(type(self).__name__, self.process.pid, flush=True)
        return start

    for kind in (dbt_worker.DbtWorker, gx_process.GxProcess):
        kind.__init__ = printing(kind.__init__)
    root = Path(sys.argv[1])
    pipeline = PipelineResource(
        la_code="310", source_system="mosaic", mosaic_dir=str(root / "landing" / "mosaic"),
        publish_dir=str(root / "publish"),
    )
    defs = build_definitions(pipeline=pipeline, warehouse_path=str(root / "w" / "cla.duckdb"))
    defs.resolve_job_def(PIPELINE_JOB).execute_in_process(instance=dg.DagsterInstance.ephemeral())
    """
)


def test_a_run_killed_leaves_neither_helper_its_resource_started(tmp_path: Path) -> None:
    """SIGKILL of a run the daemon would have launched (no `cla` around it, no clean-up code
    runs), while it lands and builds: dbt's worker and GE's process see their pipe close and
    exit."""
    generate(tmp_path / "landing", children=60, years=3, seed=5, source="mosaic", workers=1)
    (tmp_path / "w").mkdir()
    run = subprocess.Popen(
        [sys.executable, "-c", KILLED_RUN, str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=REPO_ROOT,
    )
    try:
        assert run.stdout is not None
        helpers = dict(run.stdout.readline().split() for _ in range(2))
        assert sorted(helpers) == ["DbtWorker", "GxProcess"]
        pids = [int(pid) for pid in helpers.values()]
        time.sleep(1.0)
        assert run.poll() is None, "the run ended before it could be killed"
        assert not any(gone(pid, seconds=0) for pid in pids)  # both running at the kill
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=30)
    finally:
        run.kill()
    assert [pid for pid in pids if not gone(pid)] == [], "a helper outlived its killed run"


@pytest.mark.parametrize(
    ("status", "helpers"),
    [
        (dg.DagsterRunStatus.NOT_STARTED, ["DbtWorker", "GxProcess"]),  # the run starts
        (dg.DagsterRunStatus.STARTED, ["DbtWorker", "GxProcess"]),
        # Dagster initialises the resources again once the run is over (`execute_job`'s
        # result, `dagster job execute`): nothing to build or validate then
        (dg.DagsterRunStatus.SUCCESS, []),
        (dg.DagsterRunStatus.FAILURE, []),
    ],
)
def test_helpers_start_for_a_run_to_execute_not_for_a_finished_one(
    status: dg.DagsterRunStatus, helpers: list[str]
) -> None:
    run = dg.DagsterRun(job_name=PIPELINE_JOB, run_id=f"run-{status.value}", status=status)
    with helpers_started() as started, run_processes.for_run(run):
        assert sorted(type(h).__name__ for h in started) == helpers
    assert all(helper.process.wait(timeout=30) is not None for helper in started)
    assert dbt_worker._warm == [] and gx_process._warm == []
