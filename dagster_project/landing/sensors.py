"""Start a run when a new Mosaic extract appears in the landing area, once per extract.

The scheduled export writes one folder per run; the nightly schedule would pick it up at
02:00 anyway, but an extract dropped by hand during the day should not wait a night. A
folder counts only once it holds `persons.csv` and has been quiet for a minute, so a copy
still in progress does not start a run on half a folder.

What has been run is known by content, not only by name: the cursor keeps the recent
(folder, fingerprint) pairs the sensor has seen, and every run records the fingerprint of
the extract it landed as a run tag (`cla run` and the schedule too). So:
- the sensor's first evaluation (a fresh Dagster instance, e.g. the first `make dagster`)
  records what is already there and launches nothing: those extracts were run, or will be
  by the nightly schedule;
- an extract whose content a run already landed (whoever started it) is never run again;
- a new extract, or new content under an old name, launches exactly one run (the run key
  is the fingerprint), which the run queue holds behind any run in progress.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import dagster as dg

from dagster_project.landing.extracts import (
    EXTRACT_TAG,
    FINGERPRINT_TAG,
    by_date,
    fingerprint,
    latest_extract,
    stat_signature,
)

SETTLE_SECONDS = 60
CURSOR_HISTORY = 50  # (folder, fingerprint) pairs kept in the cursor


def ready_extracts(root: Path, now: float | None = None) -> list[str]:
    """Names of extract folders that are complete enough to land, oldest date first."""
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
    return sorted(ready, key=by_date)


def _load_cursor(text: str | None) -> dict[str, Any] | None:
    if not text:
        return None
    try:
        cursor = json.loads(text)
    except json.JSONDecodeError:
        # an older cursor (the last folder name): treat that folder as seen
        return {"seen": [[text, None]], "stat": None}
    return cursor if isinstance(cursor, dict) else None


def _already_run(instance: dg.DagsterInstance, digest: str) -> str | None:
    """Id of a run (any status) that landed, or was asked to land, this content."""
    runs = instance.get_run_records(filters=dg.RunsFilter(tags={FINGERPRINT_TAG: digest}), limit=1)
    return runs[0].dagster_run.run_id if runs else None


def evaluate(root: Path, cursor_text: str | None, instance: dg.DagsterInstance) -> dg.SensorResult:
    """One sensor tick: a run request for the newest extract when it is new, else a skip."""
    cursor = _load_cursor(cursor_text)
    first = cursor is None  # a fresh instance: record what is there, run nothing
    state = cursor or {"seen": [], "stat": None}
    ready = ready_extracts(root)
    if not ready:
        return dg.SensorResult(
            skip_reason=f"no settled extract folder in {root}",
            cursor=json.dumps(state, separators=(",", ":")),
        )
    name = ready[-1]
    folder = root / name
    signature = stat_signature(folder)
    seen = [tuple(pair) for pair in state.get("seen", [])]
    stat = state.get("stat")
    if stat and stat[0] == name and stat[1] == signature and seen and seen[-1][0] == name:
        digest = seen[-1][1]  # unchanged since the last tick: no need to read it again
    else:
        digest = fingerprint(folder)
    new_seen = [pair for pair in seen if pair != (name, digest)] + [(name, digest)]
    new_cursor = json.dumps(
        {"seen": new_seen[-CURSOR_HISTORY:], "stat": [name, signature]}, separators=(",", ":")
    )
    if first:
        return dg.SensorResult(
            skip_reason=f"first evaluation: extract {name} recorded as seen, not run (the "
            "nightly schedule runs the landing area; a new extract will start a run)",
            cursor=new_cursor,
        )
    newest = latest_extract(root)
    if newest != folder:
        shown = newest.name if newest else "?"
        return dg.SensorResult(
            skip_reason=f"the newest extract folder {shown} is still being copied or has no "
            "persons.csv",
            cursor=cursor_text,
        )
    if (name, digest) in seen or (name, None) in seen:
        return dg.SensorResult(skip_reason=f"extract {name} already seen", cursor=new_cursor)
    earlier = _already_run(instance, digest)
    if earlier:
        return dg.SensorResult(
            skip_reason=f"extract {name} was already run (run {earlier})", cursor=new_cursor
        )
    return dg.SensorResult(
        run_requests=[
            dg.RunRequest(
                run_key=f"mosaic-extract-{digest}",
                tags={EXTRACT_TAG: name, FINGERPRINT_TAG: digest, "cla/trigger": "sensor"},
            )
        ],
        cursor=new_cursor,
    )


def new_extract_sensor(job: Any, root: Path) -> dg.SensorDefinition:
    @dg.sensor(
        name="new_mosaic_extract",
        job=job,
        minimum_interval_seconds=60,
        default_status=dg.DefaultSensorStatus.RUNNING,
        description=f"Runs the pipeline when a new extract (new folder or new content) "
        f"appears in {root}; never for one already run.",
    )
    def _sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult:
        return evaluate(root, context.cursor, context.instance)

    return _sensor
