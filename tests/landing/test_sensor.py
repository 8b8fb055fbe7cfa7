"""The new-extract sensor: one run per new extract (by content), never one already run.

Evaluated against a real Dagster instance (the project's dagster.yaml in a temporary
DAGSTER_HOME), tick after tick with the cursor each tick leaves, as the daemon does.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import dagster as dg
import pytest

from dagster_project.definitions import build_definitions
from dagster_project.landing.extracts import FINGERPRINT_TAG, fingerprint
from dagster_project.landing.sensors import SETTLE_SECONDS, ready_extracts
from dagster_project.settings import load_settings


def make_extract(root: Path, name: str, age_seconds: float, persons: str = "PERSON_ID\n") -> Path:
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    then = time.time() - age_seconds
    for file_name, text in (("persons.csv", persons), ("placements.csv", "PLACEMENT_ID\n")):
        path = folder / file_name
        path.write_text(text)
        os.utime(path, (then, then))
    return folder


def test_ready_extracts_waits_for_a_settled_folder_with_persons(tmp_path: Path) -> None:
    make_extract(tmp_path, "2026-11-20", SETTLE_SECONDS + 5)
    make_extract(tmp_path, "2026-11-21", 1)  # still being copied
    (tmp_path / "2026-11-19").mkdir()  # no persons.csv
    assert ready_extracts(tmp_path) == ["2026-11-20"]


class Ticks:
    """The sensor of the code location, ticked like the daemon ticks it."""

    def __init__(self, landing: Path, instance: dg.DagsterInstance) -> None:
        config = load_settings()
        config = type(config)(**{**config.__dict__, "landing_dir": landing})
        self.sensor = build_definitions(config=config).resolve_sensor_def("new_mosaic_extract")
        self.instance = instance
        self.cursor: str | None = None

    def tick(self) -> list[dg.RunRequest]:
        context = dg.build_sensor_context(instance=self.instance, cursor=self.cursor)
        result = self.sensor.evaluate_tick(context)
        self.cursor = result.cursor
        return list(result.run_requests or [])


@pytest.fixture
def instance(project_instance: dg.DagsterInstance) -> dg.DagsterInstance:
    return project_instance


def test_starting_the_ui_runs_nothing_already_there(tmp_path: Path, instance) -> None:
    """A fresh instance (the first `make dagster`): the extracts present are recorded, not run."""
    mosaic = tmp_path / "landing" / "mosaic"
    make_extract(mosaic, "2026-11-19", 3 * 86400)
    make_extract(mosaic, "2026-11-20", SETTLE_SECONDS + 5)
    ticks = Ticks(tmp_path / "landing", instance)
    assert ticks.tick() == []
    assert ticks.tick() == []  # and the next tick neither


def test_the_first_extract_into_an_empty_landing_area_runs(tmp_path: Path, instance) -> None:
    ticks = Ticks(tmp_path / "landing", instance)
    assert ticks.tick() == []  # nothing there yet: the first tick records that
    make_extract(tmp_path / "landing" / "mosaic", "2026-11-20", SETTLE_SECONDS + 5)
    (request,) = ticks.tick()
    assert request.tags["cla/mosaic_extract"] == "2026-11-20"


def test_a_new_extract_starts_exactly_one_run(tmp_path: Path, instance) -> None:
    mosaic = tmp_path / "landing" / "mosaic"
    make_extract(mosaic, "2026-11-20", SETTLE_SECONDS + 5)
    ticks = Ticks(tmp_path / "landing", instance)
    assert ticks.tick() == []
    new = make_extract(mosaic, "2026-11-21", 5)  # arriving: not settled yet
    assert ticks.tick() == []
    for path in new.iterdir():
        then = time.time() - SETTLE_SECONDS - 5
        os.utime(path, (then, then))
    (request,) = ticks.tick()
    assert request.tags["cla/mosaic_extract"] == "2026-11-21"
    assert request.tags[FINGERPRINT_TAG] == fingerprint(new)
    assert request.run_key == f"mosaic-extract-{fingerprint(new)}"
    assert ticks.tick() == []  # the same extract at the next tick: nothing


def test_new_content_under_the_same_name_runs_again(tmp_path: Path, instance) -> None:
    mosaic = tmp_path / "landing" / "mosaic"
    make_extract(mosaic, "2026-11-20", SETTLE_SECONDS + 5)
    ticks = Ticks(tmp_path / "landing", instance)
    assert ticks.tick() == []
    make_extract(mosaic, "2026-11-20", SETTLE_SECONDS + 5, persons="PERSON_ID\n7\n")  # re-export
    (request,) = ticks.tick()
    assert request.tags["cla/mosaic_extract"] == "2026-11-20"
    # the same bytes again (touched, copied back): not new
    make_extract(mosaic, "2026-11-20", SETTLE_SECONDS + 10, persons="PERSON_ID\n7\n")
    assert ticks.tick() == []


def test_an_extract_another_run_already_landed_is_not_run_again(tmp_path: Path, instance) -> None:
    """`cla run` (cron) ran the new extract before the sensor saw it: no second run."""
    mosaic = tmp_path / "landing" / "mosaic"
    make_extract(mosaic, "2026-11-20", SETTLE_SECONDS + 5)
    ticks = Ticks(tmp_path / "landing", instance)
    assert ticks.tick() == []
    new = make_extract(mosaic, "2026-11-21", SETTLE_SECONDS + 5)

    @dg.op
    def noop() -> None:
        pass

    @dg.job(tags={FINGERPRINT_TAG: fingerprint(new), "cla/trigger": "cla run"})
    def earlier_run() -> None:
        noop()

    assert earlier_run.execute_in_process(instance=instance).success
    assert ticks.tick() == []


def test_an_older_extract_arriving_late_is_not_run(tmp_path: Path, instance) -> None:
    mosaic = tmp_path / "landing" / "mosaic"
    make_extract(mosaic, "2026-11-20", SETTLE_SECONDS + 5)
    ticks = Ticks(tmp_path / "landing", instance)
    assert ticks.tick() == []
    make_extract(mosaic, "2026-11-01", SETTLE_SECONDS + 5)  # sorts before the newest
    assert ticks.tick() == []


def test_extracts_are_ordered_by_their_date_not_their_name(tmp_path: Path) -> None:
    from dagster_project.landing.extracts import latest_extract

    make_extract(tmp_path, "31-03-2026", SETTLE_SECONDS + 5)
    make_extract(tmp_path, "31-12-2025", SETTLE_SECONDS + 5)
    make_extract(tmp_path, "30.06.2025", SETTLE_SECONDS + 5)
    assert ready_extracts(tmp_path) == ["30.06.2025", "31-12-2025", "31-03-2026"]
    assert latest_extract(tmp_path) == tmp_path / "31-03-2026"  # as text, 31-12 would win
