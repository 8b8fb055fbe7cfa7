"""Start a run when a new Mosaic extract folder appears in the landing area.

The scheduled export writes one folder per run; the nightly schedule would pick it up at
02:00 anyway, but an extract dropped by hand during the day should not wait a night. A
folder counts only once it holds `persons.csv` and has been quiet for a minute, so a copy
still in progress does not start a run on half a folder.
"""

import time
from pathlib import Path
from typing import Any

import dagster as dg

SETTLE_SECONDS = 60


def ready_extracts(root: Path, now: float | None = None) -> list[str]:
    """Names of extract folders that are complete enough to land, oldest name first."""
    if not root.is_dir():
        return []
    now = now or time.time()
    ready = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        files = [p for p in folder.iterdir() if p.is_file()]
        if not any(p.name.lower() == "persons.csv" for p in files):
            continue
        newest = max(p.stat().st_mtime for p in files)
        if now - newest >= SETTLE_SECONDS:
            ready.append(folder.name)
    return ready


def new_extract_sensor(job: Any, root: Path) -> dg.SensorDefinition:
    @dg.sensor(
        name="new_mosaic_extract",
        job=job,
        minimum_interval_seconds=60,
        default_status=dg.DefaultSensorStatus.RUNNING,
        description=f"Runs the pipeline when a new extract folder appears in {root}.",
    )
    def _sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult | dg.SkipReason:
        seen = context.cursor or ""
        fresh = [name for name in ready_extracts(root) if name > seen]
        if not fresh:
            return dg.SkipReason(f"no new extract folder in {root}")
        latest = fresh[-1]
        return dg.SensorResult(
            run_requests=[
                dg.RunRequest(run_key=f"mosaic-extract-{latest}", tags={"extract": latest})
            ],
            cursor=latest,
        )

    return _sensor
