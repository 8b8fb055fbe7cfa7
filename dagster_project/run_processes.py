"""The run's helper processes, for every run of the pipeline however it was launched.

A run of the pipeline job has two helpers beside its own process: dbt's worker
(`transform/dbt_worker.py`: dbt builds there, and writes the docs page) and Great
Expectations' process (`quality/gx_process.py`: the gate's GX suites validate there).
`cla run` starts both as the command starts, before it loads Dagster. A run the daemon
launches (the nightly schedule, the new-extract sensor, "Materialize all" in the UI) had
neither: each dbt step started a worker of its own (three a run: two builds and the docs
page, each importing dbt and reading the parse again, ~3 s on the run's path each time) and
GE loaded and validated in the run's own interpreter.

`for_run` gives such a run the same helpers, started when its resources are (after its
run lock, `PipelineResource`) so they load while the run lands its files, and ended with
it: dbt's worker when the run executes a dbt step or the publication (dbt's docs page),
GE's process when it executes the gate (by its step keys, or by the assets and checks it
selects: a few assets from the UI get only what they need). Helpers already running
(`cla run`'s) are used, and left to whoever started them. A finished run gets none:
Dagster initialises a run's resources again after the run when `execute_job` (`dagster
job execute`) hands back its result, and that started a dbt worker and a GE process for
nothing at the end of every such run (1.6 s of CPU; docs/benchmarks.md, fourteenth
session).
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dagster import AssetsDefinition, DagsterRun

# the pipeline job's name (definitions.PIPELINE_JOB, which imports every asset module)
PIPELINE_JOB = "cla_pipeline"


def _executes(run: DagsterRun | None, *assets: AssetsDefinition) -> bool:
    """Will `run` (of the pipeline job) execute any of these assets' steps? Its step keys
    say, when it has them (a run of the job executed in process, or launched, lists every
    step); else its selection of assets and checks (none: the whole job, as the schedule
    and the sensor run it)."""
    if run is None or run.job_name != PIPELINE_JOB:
        return False
    if run.step_keys_to_execute is not None:
        return any(a.op.name in run.step_keys_to_execute for a in assets)
    if not run.asset_selection and not run.asset_check_selection:
        return True
    selected = set(run.asset_selection or ()) | set(run.asset_check_selection or ())
    return any(selected & (set(a.keys) | set(a.check_keys)) for a in assets)


# What a run's process loads while dbt builds, after the DfE rules: the record errors', the
# gate's and the report's modules, and with them pandas and openpyxl (about 0.5 s kept out
# of the definitions, so a run is created that much sooner; docs/benchmarks.md)
LOADED_WHILE_DBT_BUILDS = (
    "dagster_project.quality.record_errors",
    "dagster_project.quality.gate",
    "dagster_project.publication.excel_report",
)


def _load_ahead() -> None:
    from dagster_project.quality.rules import all_rules

    all_rules()
    for name in LOADED_WHILE_DBT_BUILDS:
        importlib.import_module(name)


def load_while_dbt_builds() -> None:
    """Have the DfE rules and the gate's modules load on a thread when dbt's first build
    begins (`warmup.begin`); `warmup.ready("rules")` waits for it all."""
    from dagster_project import warmup

    warmup.later("rules", _load_ahead)


@contextlib.contextmanager
def for_run(run: DagsterRun | None) -> Iterator[None]:
    """dbt's worker and GE's process for the run's duration (see the module)."""
    if run is None or run.job_name != PIPELINE_JOB or run.is_finished:
        yield
        return
    # the definitions are loaded by now: this process is executing the run
    from dagster_project.publication.assets import publish_assets
    from dagster_project.quality.assets import data_quality_gate
    from dagster_project.transform.assets import DBT_ASSETS

    with contextlib.ExitStack() as stack:
        if _executes(run, *DBT_ASSETS, publish_assets):  # publish: dbt's docs page
            from dagster_project import warmup
            from dagster_project.transform import dbt_worker

            if dbt_worker.keep_warm():
                stack.callback(dbt_worker.stop_warm)
            load_while_dbt_builds()
            stack.callback(warmup.forget)
        if _executes(run, data_quality_gate):
            from dagster_project.quality import gx_process

            if gx_process.keep_warm():
                stack.callback(gx_process.stop_warm)
        yield
