"""What a run shows a person (one line per stage) and what it keeps (the run log).

`cla run` is read at a terminal and in cron mail: each stage (landing, dbt, quality,
publication) writes one line, begun when its first step starts (so a long stage is seen to
be running) and finished when its last step ends, with its time and counts. Everything
else (every Dagster event with its traceback, dbt's progress lines, Python warnings) goes
to the run log file, plain text without terminal colour codes.

Both are Dagster loggers attached to the job for one run, so they see the same structured
events the UI stores; nothing here changes what a run does.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import dagster as dg

STAGES = ("landing", "dbt", "quality", "publication")
# The Dagster groups that are stages of their own; every other group is a dbt folder
# (staging_mosaic, marts_indicators...: transform/assets.py dbt_group), the dbt stage.
GROUP_STAGES = {"landing": "landing", "quality": "quality", "publication": "publication"}
# Steps of the quality group that run inside dbt (the record-error rules on dbt's core
# SSDA903 tables, whose findings the indicator models read): shown with dbt, so the stages
# never overlap; not counted among dbt's models and tests.
WITHIN_DBT = {"quality__record_errors": "dbt"}
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
END_EVENTS = {
    dg.DagsterEventType.STEP_SUCCESS,
    dg.DagsterEventType.STEP_FAILURE,
    dg.DagsterEventType.STEP_SKIPPED,
}


def strip_colours(text: str) -> str:
    return ANSI.sub("", text)


class RunLog(io.TextIOBase):
    """The run log file: a text stream that drops terminal colour codes as it writes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._file = path.open("w", encoding="utf-8")

    def write(self, text: str) -> int:
        self._file.write(strip_colours(text))
        return len(text)

    def flush(self) -> None:
        if not self._file.closed:
            self._file.flush()

    def writable(self) -> bool:
        return True

    def close(self) -> None:
        super().close()
        if not self._file.closed:
            self._file.close()


def step_stages(defs: dg.Definitions, job: dg.JobDefinition) -> dict[str, str]:
    """The stage of each step of `job`, from the asset group of what the step builds."""
    graph = defs.resolve_asset_graph()
    stages: dict[str, str] = {}
    for node in job.graph.node_dict:
        stages[node] = "landing"
    for assets_def in graph.assets_defs:
        if not assets_def.is_executable or assets_def.node_def.name not in stages:
            continue
        name = assets_def.node_def.name
        keys = list(assets_def.keys) or [c.asset_key for c in assets_def.check_keys]
        found = {GROUP_STAGES.get(graph.get(k).group_name, "dbt") for k in keys if graph.has(k)}
        for stage in ("dbt", "quality", "publication", "landing"):
            if stage in found:
                stages[name] = stage
                break
    # a multi-asset Dagster runs in several steps (dbt around quality/record_errors, from
    # Mosaic) names the others `<node>_2`, `<node>_3`: the same stage as `<node>`
    for node in stages:
        base = re.sub(r"_\d+$", "", node)
        if base != node and base in stages:
            stages[node] = stages[base]
    return {name: WITHIN_DBT.get(name, stage) for name, stage in stages.items()}


def _value(metadata: Mapping[str, Any], key: str, default: Any = 0) -> Any:
    item = metadata.get(key)
    return default if item is None else getattr(item, "value", item)


def duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f}s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}m{rest:02d}s"


@dataclass
class _Stage:
    name: str
    steps: set[str]
    ended: set[str] = field(default_factory=set)
    failed: list[str] = field(default_factory=list)
    skipped: set[str] = field(default_factory=set)
    started_at: float | None = None
    counts: dict[str, Any] = field(default_factory=dict)
    line_open: bool = False
    done: bool = False


class StageReporter:
    """Prints one line per stage to `stream` as the run's events arrive."""

    def __init__(self, stream: TextIO, stages: Mapping[str, str]) -> None:
        self.stream = stream
        self.stage_of = dict(stages)
        self.stages = {
            name: _Stage(name, {s for s, st in stages.items() if st == name}) for name in STAGES
        }
        self.started = time.time()

    # -- events --------------------------------------------------------------------------

    def handle(self, event: dg.DagsterEvent) -> None:
        step = event.step_key
        if step is None or step not in self.stage_of:
            return
        stage = self.stages[self.stage_of[step]]
        kind = event.event_type
        if kind == dg.DagsterEventType.STEP_START:
            self._start(stage)
        elif kind == dg.DagsterEventType.ASSET_MATERIALIZATION:
            self._count_materialization(stage, step, event)
        elif kind == dg.DagsterEventType.ASSET_CHECK_EVALUATION and step not in WITHIN_DBT:
            self._count_check(stage, event)
        elif kind in END_EVENTS:
            stage.ended.add(step)
            if kind == dg.DagsterEventType.STEP_FAILURE:
                stage.failed.append(step)
            elif kind == dg.DagsterEventType.STEP_SKIPPED:
                stage.skipped.add(step)
            if stage.ended >= stage.steps:
                self._finish(stage)

    def _start(self, stage: _Stage) -> None:
        if stage.started_at is not None:
            return
        for other in self.stages.values():
            if other.line_open and other is not stage:  # stages overlap: end that line here
                self.stream.write(" ...\n")
                other.line_open = False
        stage.started_at = time.time()
        clock = dt.datetime.now().strftime("%H:%M:%S")
        self.stream.write(f"{clock} {stage.name:<12}")
        self.stream.flush()
        stage.line_open = True

    def _count_materialization(self, stage: _Stage, step: str, event: dg.DagsterEvent) -> None:
        if step in WITHIN_DBT:
            return
        metadata = event.step_materialization_data.materialization.metadata
        counts = stage.counts
        if stage.name == "landing" and step.startswith("land_"):
            counts["files"] = counts.get("files", 0) + int(_value(metadata, "files"))
            counts["rejected"] = counts.get("rejected", 0) + int(_value(metadata, "rejected_files"))
            counts["rows"] = counts.get("rows", 0) + int(_value(metadata, "dagster/row_count"))
        elif stage.name == "dbt":
            counts["built"] = counts.get("built", 0) + 1
        elif stage.name == "quality":
            counts["findings"] = int(_value(metadata, "dagster/row_count"))
            counts["blocking"] = int(_value(metadata, "blocking_findings"))
        elif stage.name == "publication" and "tables" in metadata:
            counts["tables"] = int(_value(metadata, "tables"))

    def _count_check(self, stage: _Stage, event: dg.DagsterEvent) -> None:
        evaluation = event.asset_check_evaluation_data
        counts = stage.counts
        key = "checks_passed" if evaluation.passed else "checks_failed"
        counts[key] = counts.get(key, 0) + 1
        if evaluation.check_name == "extract_fresh":
            extract = _value(evaluation.metadata, "extract", None)
            age = _value(evaluation.metadata, "age_days", None)
            if extract is not None and age is not None:
                counts["extract"] = f"newest extract {extract} ({float(age):.1f} days old)"
        if not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.ERROR:
            name = f"{evaluation.asset_key.to_user_string()}:{evaluation.check_name}"
            counts.setdefault("failed_checks", []).append(name)

    # -- lines ---------------------------------------------------------------------------

    def _describe(self, stage: _Stage) -> str:
        c = stage.counts
        if stage.name == "landing":
            parts = [f"{c.get('files', 0)} files, {c.get('rows', 0):,} rows"]
            if c.get("rejected"):
                parts.append(f"{c['rejected']} file(s) rejected")
            if "extract" in c:
                parts.append(c["extract"])
            return "; ".join(parts)
        if stage.name == "dbt":
            text = (
                f"{c.get('built', 0)} models and seeds built, "
                f"{c.get('checks_passed', 0)} tests passed"
            )
            if c.get("checks_failed"):
                text += f", {c['checks_failed']} failed"
            return text
        if stage.name == "quality":
            if "findings" not in c:
                return ""
            return f"{c['findings']:,} findings, {c.get('blocking', 0):,} blocking"
        if stage.name == "publication" and "tables" in c:
            return f"cla_marts.duckdb ({c['tables']} tables) and the Panel report"
        return ""

    def _finish(self, stage: _Stage) -> None:
        if stage.done:
            return
        stage.done = True
        if stage.started_at is None:  # every step skipped: reported by finish()
            return
        took = duration(time.time() - stage.started_at)
        if stage.failed or stage.counts.get("failed_checks"):
            what = ", ".join(stage.counts.get("failed_checks", []) or stage.failed)
            text = f"FAILED after {took}: {what}"
        else:
            details = self._describe(stage)
            text = f"done in {took}" + (f": {details}" if details else "")
        if not stage.line_open:
            clock = dt.datetime.now().strftime("%H:%M:%S")
            self.stream.write(f"{clock} {stage.name:<12}")
        self.stream.write(f"... {text}\n")
        self.stream.flush()
        stage.line_open = False

    def finish(self) -> None:
        """After the run: close an open line; name the stages that did not run."""
        for stage in self.stages.values():
            if stage.line_open:
                self._finish(stage)
        not_run = [s.name for s in self.stages.values() if s.steps and s.started_at is None]
        if not_run:
            self.stream.write(f"not run: {', '.join(not_run)} (an earlier stage failed)\n")
            self.stream.flush()


class _EventHandler(logging.Handler):
    def __init__(self, reporter: StageReporter) -> None:
        super().__init__(level=logging.DEBUG)
        self.reporter = reporter

    def emit(self, record: logging.LogRecord) -> None:
        meta = getattr(record, "dagster_meta", None) or {}
        event = meta.get("dagster_event")
        if event is not None:
            try:
                self.reporter.handle(event)
            except Exception:  # the console must never break a run
                self.handleError(record)


class _RunLogFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        stamp = dt.datetime.fromtimestamp(record.created).strftime("%Y-%m-%d %H:%M:%S")
        return f"{stamp} {record.levelname:<7} {strip_colours(record.getMessage())}"


def console_logger(reporter: StageReporter) -> dg.LoggerDefinition:
    """A Dagster logger that feeds the stage lines."""

    def _init(_context: dg.InitLoggerContext) -> logging.Logger:
        logger = logging.Logger("cla_console", level=logging.DEBUG)
        logger.addHandler(_EventHandler(reporter))
        return logger

    return dg.LoggerDefinition(_init, description="One line per stage on the console.")


def run_log_logger(stream: TextIO, level: int = logging.DEBUG) -> dg.LoggerDefinition:
    """A Dagster logger that writes every event, tracebacks included, to the run log."""

    def _init(_context: dg.InitLoggerContext) -> logging.Logger:
        logger = logging.Logger("cla_run_log", level=level)
        handler = logging.StreamHandler(stream)
        handler.setFormatter(_RunLogFormatter())
        logger.addHandler(handler)
        return logger

    return dg.LoggerDefinition(_init, description="Every event, in the run log file.")
