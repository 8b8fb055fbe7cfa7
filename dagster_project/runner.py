"""Run the pipeline in process: the same assets the schedule runs, for `cla` and tests.

The outcome names what failed (a blocking check, or a step) in words a person at a
terminal or reading a cron mail can act on, without opening the Dagster UI.

A run holds the warehouse's and the publication folder's run locks from before it lands
anything until its publication (or its refusal's findings) is in place (`runlock`); a run
that finds either held is refused and changes nothing. Files it creates are private
(`permissions`). A refused run's findings are published as a release of their own that
keeps the last good database and report (`publication/releases.py`).
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import dagster as dg

from dagster_project import permissions, runlock
from dagster_project.definitions import PIPELINE_JOB, build_definitions
from dagster_project.landing.extracts import (
    EXTRACT_TAG,
    FINGERPRINT_TAG,
    fingerprint,
    latest_extract,
)
from dagster_project.operations.alerts import ALERTS_TAG, alert_after_cli_run
from dagster_project.operations.console import (
    StageReporter,
    console_logger,
    duration,
    run_log_logger,
    step_stages,
)
from dagster_project.operations.instance import pipeline_instance
from dagster_project.publication import releases
from dagster_project.quality.assets import QUALITY_GATE
from dagster_project.quality.fallback import write_findings_after_early_stop
from dagster_project.quality.impact import totals_line
from dagster_project.resources import PipelineResource
from dagster_project.settings import Settings, settings
from dagster_project.transform.assets import DBT_ASSETS


@dataclass
class RunOutcome:
    success: bool
    run_id: str
    failed_checks: list[str] = field(default_factory=list)
    failed_steps: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    publish_dir: Path | None = None
    seconds: float | None = None
    notes: list[str] = field(default_factory=list)  # e.g. the alert sent
    refused: str | None = None  # another run held a lock: this run did nothing
    # the gate's record-error totals (quality/impact.py): N children, M in these figures
    record_errors: tuple[int, int] | None = None

    def summary(self) -> str:
        lines = []
        took = f" in {duration(self.seconds)}" if self.seconds is not None else ""
        if self.refused:
            lines.append(f"run {self.run_id} REFUSED: {self.refused}")
        elif self.success:
            lines.append(f"run {self.run_id} succeeded{took}; publication in {self.publish_dir}")
            if self.record_errors is not None:
                lines.append(f"  {totals_line(*self.record_errors)}")
        else:
            lines.append(f"run {self.run_id} FAILED; the previous publication is unchanged.")
            for check in self.failed_checks:
                lines.append(f"  blocking check failed: {check}")
            for step in self.failed_steps:
                lines.append(f"  step failed: {step}")
            if self.record_errors is not None:
                lines.append(f"  {totals_line(*self.record_errors)}")
            if self.publish_dir is not None:
                lines.append(f"  findings: {self.publish_dir / 'quality' / 'findings.csv'}")
        for warning in group_warnings(self.warnings):
            lines.append(f"  warning: {warning}")
        for note in self.notes:
            lines.append(f"  {note}")
        return "\n".join(lines)


def _common_suffix(texts: list[str]) -> str:
    """The longest ending all `texts` share, starting at a word."""
    reversed_texts = [t[::-1] for t in texts]
    length = 0
    for chars in zip(*reversed_texts, strict=False):
        if len(set(chars)) != 1:
            break
        length += 1
    suffix = texts[0][len(texts[0]) - length :] if length else ""
    cut = suffix.find(" ")
    return suffix[cut:] if cut >= 0 else ""


def group_warnings(warnings: list[str]) -> list[str]:
    """One line per check name: four optional Mosaic files absent is one warning, not four.

    `mosaic/reviews:files_accepted reviews.csv absent from the extract: ...` and its siblings
    become `files_accepted: health_events.csv, reviews.csv absent from the extract: ...`.
    """
    groups: dict[str, list[str]] = {}
    for warning in warnings:
        check = warning.partition(" ")[0].rsplit(":", 1)[-1]
        groups.setdefault(check, []).append(warning)
    lines = []
    for check, members in groups.items():
        if len(members) == 1:
            lines.append(members[0])
            continue
        texts = [m.partition(" ")[2] for m in members]
        suffix = _common_suffix(texts)
        if len(suffix) >= 10:
            heads = [t[: len(t) - len(suffix)] for t in texts]
            lines.append(f"{check}: {', '.join(heads)}{suffix}")
        else:
            lines.append(f"{check}: {'; '.join(members)}")
    return lines


DBT_ERRORS_MARKER = "Errors parsed from dbt logs:"
# DuckDB's errors about a value quote the value ("Could not convert string '17/13/2011'"):
# what `cla` prints keeps the error's kind and the model, never the value.
_VALUE_ERROR = re.compile(
    r"conversion error|invalid input error|could not (convert|parse|cast)", re.I
)
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")


def without_values(line: str) -> str:
    """`line` with quoted text removed when it is an error about a value."""
    return _QUOTED.sub("'…'", line) if _VALUE_ERROR.search(line) else line


def _readable_error(message: str, max_lines: int = 12) -> str:
    """The part of a step error a person can act on.

    dagster-dbt's error starts with the dbt command line; what dbt itself said (which model
    or test failed, and why) follows a marker, so show that part when it is there.
    """
    text = message.strip()
    if DBT_ERRORS_MARKER in text:
        details = [
            without_values(line.strip())
            for line in text.split(DBT_ERRORS_MARKER, 1)[1].splitlines()
            if line.strip()
        ]
        return "dbt failed:\n    " + "\n    ".join(details[:max_lines])
    return without_values(text.splitlines()[0]) if text else ""


def run_pipeline(
    pipeline: PipelineResource,
    warehouse_path: Path | str,
    config: Settings | None = None,
    instance: dg.DagsterInstance | None = None,
    log_level: str = "WARNING",
    *,
    console: TextIO | None = None,
    run_log: TextIO | None = None,
    tags: Mapping[str, str] | None = None,
    alert: bool = False,
    wait_seconds: float = 0.0,
) -> RunOutcome:
    """Execute the pipeline job in process, under the run locks, and describe what happened.

    The run is recorded in the persistent instance (`paths.dagster_home`) unless `instance`
    is given, so the Dagster UI shows it. With `console` and/or `run_log`, Dagster's events go
    there (one line per stage; every event with its traceback) instead of Dagster's own
    console logger at `log_level`. `alert`: this call sends the configured alert when the run
    fails or used a stale extract, and tags the run so the daemon's sensors do not.
    `wait_seconds`: how long to wait for another run's locks before refusing (0: refuse).
    """
    config = config or settings()
    defs = build_definitions(pipeline=pipeline, warehouse_path=str(warehouse_path), config=config)
    job = defs.resolve_job_def(PIPELINE_JOB)
    reporter: StageReporter | None = None
    run_config: dict[str, Any]
    if console is None and run_log is None:
        run_config = {"loggers": {"console": {"config": {"log_level": log_level}}}}
    else:
        loggers: dict[str, dg.LoggerDefinition] = {}
        if console is not None:
            reporter = StageReporter(console, step_stages(defs, job))
            loggers["cla_console"] = console_logger(reporter)
        if run_log is not None:
            loggers["cla_run_log"] = run_log_logger(run_log)
        job = job.with_logger_defs(loggers)
        run_config = {"loggers": {name: {} for name in loggers}}
    run_tags = dict(tags or {})
    if alert:
        run_tags[ALERTS_TAG] = "cli"
    extract = latest_extract(pipeline.input_dir("mosaic"))
    if extract is not None:  # known before the run starts: the sensor never runs it again
        run_tags.setdefault(EXTRACT_TAG, extract.name)
        run_tags.setdefault(FINGERPRINT_TAG, fingerprint(extract))
    run_id = str(uuid.uuid4())  # Dagster's own form of run id, known before the run
    locks = runlock.run_lock_paths(warehouse_path, pipeline.publish_dir)
    with ExitStack() as stack:
        stack.enter_context(permissions.umask_private())
        try:
            stale = stack.enter_context(runlock.hold(locks, run_id, wait_seconds))
        except runlock.LockHeldError as exc:
            return RunOutcome(success=False, run_id=run_id, refused=str(exc))
        if instance is None:
            instance = stack.enter_context(pipeline_instance(config))
        started = time.monotonic()
        result = job.execute_in_process(
            instance=instance,
            raise_on_error=False,
            run_config=run_config,
            tags=run_tags,
            run_id=run_id,
        )
        if reporter is not None:
            reporter.finish()
        outcome = _outcome(result, pipeline, warehouse_path)
        outcome.warnings[:0] = stale
        outcome.seconds = time.monotonic() - started
        if alert:
            sent, problem = alert_after_cli_run(
                config.alerts, instance, result.run_id, failed=not outcome.success
            )
            outcome.notes += [text for text in (sent, problem) if text]
    return outcome


def _outcome(
    result: dg.ExecuteInProcessResult, pipeline: PipelineResource, warehouse_path: Path | str
) -> RunOutcome:
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
    gate_events = [
        event
        for event in result.all_events
        if event.event_type == dg.DagsterEventType.ASSET_MATERIALIZATION
        and event.asset_key == QUALITY_GATE
    ]
    gate_ran = bool(gate_events)
    if gate_events:
        metadata = gate_events[-1].step_materialization_data.materialization.metadata
        if "children_with_record_errors" in metadata:
            outcome.record_errors = (
                int(metadata["children_with_record_errors"].value),
                int(metadata["children_in_figures"].value),
            )
    publish_dir = Path(pipeline.publish_dir)
    if not outcome.success and not releases.committed(publish_dir, result.run_id):
        # A refused run still shows why: its findings become the publication's quality/,
        # beside the last good database and report, switched in as one unit.
        staged = releases.prepare_staging(publish_dir, result.run_id, pipeline.publish_group)
        if not gate_ran or not (staged / releases.QUALITY).is_dir():
            started = {
                event.step_key
                for event in result.all_events
                if event.event_type == dg.DagsterEventType.STEP_START
            }
            at_landing = not started & {assets.op.name for assets in DBT_ASSETS}
            outcome.notes.extend(
                write_findings_after_early_stop(
                    pipeline, warehouse_path, staged, stopped_at_landing=at_landing
                )
            )
        releases.commit(publish_dir, result.run_id, "refused", group=pipeline.publish_group)
    return outcome
