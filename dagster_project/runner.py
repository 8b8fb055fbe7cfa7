"""Run the pipeline in process: the same assets the schedule runs, for `cla` and tests.

The outcome names what failed (a blocking check, or a step) in words a person at a
terminal or reading a cron mail can act on, without opening the Dagster UI.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg

from dagster_project.definitions import PIPELINE_JOB, build_definitions
from dagster_project.quality.assets import QUALITY_GATE
from dagster_project.quality.fallback import write_findings_after_early_stop
from dagster_project.resources import PipelineResource
from dagster_project.settings import Settings, settings


@dataclass
class RunOutcome:
    success: bool
    run_id: str
    failed_checks: list[str] = field(default_factory=list)
    failed_steps: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    publish_dir: Path | None = None

    def summary(self) -> str:
        lines = []
        if self.success:
            lines.append(f"run {self.run_id} succeeded; publication in {self.publish_dir}")
        else:
            lines.append(f"run {self.run_id} FAILED; the previous publication is unchanged.")
            for check in self.failed_checks:
                lines.append(f"  blocking check failed: {check}")
            for step in self.failed_steps:
                lines.append(f"  step failed: {step}")
            if self.publish_dir is not None:
                lines.append(f"  findings: {self.publish_dir / 'quality' / 'findings.csv'}")
        for warning in self.warnings:
            lines.append(f"  warning: {warning}")
        return "\n".join(lines)


DBT_ERRORS_MARKER = "Errors parsed from dbt logs:"


def _readable_error(message: str, max_lines: int = 12) -> str:
    """The part of a step error a person can act on.

    dagster-dbt's error starts with the dbt command line; what dbt itself said (which model
    or test failed, and why) follows a marker, so show that part when it is there.
    """
    text = message.strip()
    if DBT_ERRORS_MARKER in text:
        details = [
            line.strip()
            for line in text.split(DBT_ERRORS_MARKER, 1)[1].splitlines()
            if line.strip()
        ]
        return "dbt failed:\n    " + "\n    ".join(details[:max_lines])
    return text.splitlines()[0] if text else ""


def _instance() -> dg.DagsterInstance:
    """The persistent instance when DAGSTER_HOME is set (runs show in the UI), else temporary."""
    if os.environ.get("DAGSTER_HOME"):
        return dg.DagsterInstance.get()
    return dg.DagsterInstance.ephemeral()


def run_pipeline(
    pipeline: PipelineResource,
    warehouse_path: Path | str,
    config: Settings | None = None,
    instance: dg.DagsterInstance | None = None,
    log_level: str = "WARNING",
) -> RunOutcome:
    """Execute the pipeline job in process and describe what happened."""
    defs = build_definitions(pipeline=pipeline, warehouse_path=str(warehouse_path), config=config)
    job = defs.resolve_job_def(PIPELINE_JOB)
    result = job.execute_in_process(
        instance=instance or _instance(),
        raise_on_error=False,
        run_config={"loggers": {"console": {"config": {"log_level": log_level}}}},
    )
    outcome = RunOutcome(
        success=result.success, run_id=result.run_id, publish_dir=Path(pipeline.publish_dir)
    )
    for event in result.all_events:
        if event.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION:
            evaluation = event.asset_check_evaluation_data
            if evaluation.passed:
                continue
            name = f"{evaluation.asset_key.to_user_string()}:{evaluation.check_name}"
            text = evaluation.description or ""
            if evaluation.severity == dg.AssetCheckSeverity.ERROR:
                outcome.failed_checks.append(f"{name} {text}".strip())
            else:
                outcome.warnings.append(f"{name} {text}".strip())
        elif event.event_type == dg.DagsterEventType.STEP_FAILURE:
            error = event.step_failure_data.error
            if error is not None and error.cls_name == "DagsterAssetCheckFailedError":
                continue  # already listed, by name, under failed_checks
            message = _readable_error(error.message) if error else ""
            outcome.failed_steps.append(f"{event.step_key}: {message}")
    if outcome.failed_checks or outcome.failed_steps:
        outcome.success = False
    gate_ran = any(
        event.event_type == dg.DagsterEventType.ASSET_MATERIALIZATION
        and event.asset_key == QUALITY_GATE
        for event in result.all_events
    )
    if not gate_ran:
        # the run stopped before the gate: still show in quality/ what was found
        outcome.warnings.extend(write_findings_after_early_stop(pipeline, warehouse_path))
    return outcome


def default_warehouse() -> Path:
    return settings().warehouse_path
