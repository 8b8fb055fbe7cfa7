"""Findings for a run that stopped before the gate (a rejected file, a failed dbt step).

outputs.md: a failed run writes its findings to `quality/` so the person sees why. The gate
asset does that when it runs; when something upstream stopped the run first, the runner
calls this on the warehouse as the run left it: the rejected files, the raw suites, and
whatever later layers and rules have tables to read. A run refused at landing reports its
landing findings only: its input never reached the raw tables, which still hold the last
accepted input (checking that again would report old news as this run's, and costs the GX
and rule passes, seconds, on every refusal).
"""

from __future__ import annotations

from pathlib import Path

from dagster_project.resources import PipelineResource
from dagster_project.warehouse import connect


def write_findings_after_early_stop(
    pipeline: PipelineResource,
    warehouse_path: Path | str,
    root: Path | str | None = None,
    *,
    stopped_at_landing: bool = False,
) -> list[str]:
    """Write `<root>/quality/` (root: the run's staging folder; default the publication
    folder); return notes for the run outcome (never raises: the run's own failure is the
    message that matters)."""
    if not Path(warehouse_path).exists():
        return []
    from dagster_project.quality.gate import run_gate  # pandas: only for a run that stopped

    try:
        with connect(warehouse_path) as con:
            result = run_gate(
                con,
                pipeline.source_system,
                root or pipeline.publish_dir,
                la_code=pipeline.la_code,
                landing_only=stopped_at_landing,
            )
    except Exception as exc:
        return [
            "quality findings could not be written after the early stop: "
            f"{type(exc).__name__} (see the run log)"
        ]
    blocking = int(result.findings["blocking"].sum())
    where = "at landing" if stopped_at_landing else "before the quality gate"
    return [
        f"the run stopped {where}; {len(result.findings)} finding(s) "
        f"({blocking} blocking) written to {Path(pipeline.publish_dir) / 'quality'}"
    ]
