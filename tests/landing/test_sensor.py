"""The sensor starts a run for a new, settled extract folder, once."""

from __future__ import annotations

import os
import time
from pathlib import Path

import dagster as dg

from dagster_project.definitions import build_definitions
from dagster_project.landing.sensors import SETTLE_SECONDS, ready_extracts


def make_extract(root: Path, name: str, age_seconds: float) -> None:
    folder = root / name
    folder.mkdir(parents=True)
    path = folder / "persons.csv"
    path.write_text("PERSON_ID\n")
    then = time.time() - age_seconds
    os.utime(path, (then, then))


def test_ready_extracts_waits_for_a_settled_folder_with_persons(tmp_path: Path) -> None:
    make_extract(tmp_path, "2026-11-20", SETTLE_SECONDS + 5)
    make_extract(tmp_path, "2026-11-21", 1)  # still being copied
    (tmp_path / "2026-11-19").mkdir()  # no persons.csv
    assert ready_extracts(tmp_path) == ["2026-11-20"]


def test_sensor_requests_one_run_per_new_extract(tmp_path: Path) -> None:
    from dagster_project.settings import load_settings

    config = load_settings()
    landing = tmp_path / "landing"
    config = type(config)(**{**config.__dict__, "landing_dir": landing})
    sensor = build_definitions(config=config).resolve_sensor_def("new_mosaic_extract")
    make_extract(landing / "mosaic", "2026-11-20", SETTLE_SECONDS + 5)

    with dg.instance_for_test() as instance:
        first = sensor(dg.build_sensor_context(instance=instance))
        assert [r.run_key for r in first.run_requests] == ["mosaic-extract-2026-11-20"]
        again = sensor(dg.build_sensor_context(instance=instance, cursor=first.cursor))
        assert isinstance(again, dg.SkipReason)
