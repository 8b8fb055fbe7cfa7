"""dbt sends nothing to dbt Labs: its anonymous usage statistics (an HTTP POST from every
invocation, on by default) are off for this project, in a run's build as in a tool's call,
and no telemetry cookie (`.user.yml`) is written anywhere.

Found by reading dbt's own tracking code: the project had committed a cookie, and every
nightly build tried to reach dbt Labs' collector, which is a network call from the default
run and data leaving a council's server."""

from __future__ import annotations

from pathlib import Path

import dbt.tracking
import pytest

from dagster_project.settings import DBT_PROJECT_DIR, REPO_ROOT
from dagster_project.transform.dbt_build import events_in_process
from dagster_project.transform.dbt_cli import run_dbt
from dagster_project.transform.dbt_worker import build_events


@pytest.fixture(autouse=True)
def as_a_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test session opts out by environment (tests/conftest.py); a run has no such
    variable, so the project's own setting is what is tested."""
    monkeypatch.delenv("DO_NOT_TRACK", raising=False)
    monkeypatch.delenv("DBT_SEND_ANONYMOUS_USAGE_STATS", raising=False)
    monkeypatch.setattr(dbt.tracking, "active_user", None)


def _tracking_is_off() -> bool:
    user = dbt.tracking.active_user
    return user is not None and user.do_not_track and user.id is None


def test_a_tools_dbt_call_does_not_track(tmp_path: Path) -> None:
    run_dbt(["show", "--inline", "select 1 as one"], tmp_path / "w.duckdb", target=tmp_path / "t")
    assert _tracking_is_off()
    assert not list(tmp_path.rglob(".user.yml"))


def test_a_runs_build_does_not_track(tmp_path: Path) -> None:
    """The nightly path's dbt (`events_in_process`, what the run's dbt worker runs), on one
    small seed, here where dbt's tracker can be read."""
    events = list(
        events_in_process(
            ["seed", "--select", "dfe_comparator_measures"],
            tmp_path / "w.duckdb",
            tmp_path / "t",
            {},
        )
    )
    assert [e["info"]["name"] for e in events] == ["LogSeedResult"]
    assert _tracking_is_off()
    assert not list(tmp_path.rglob(".user.yml"))


def test_a_runs_worker_writes_no_cookie(tmp_path: Path) -> None:
    """The same through the worker process (`build_events`), with this environment."""
    events = list(
        build_events(
            ["seed", "--select", "dfe_comparator_measures"],
            tmp_path / "w.duckdb",
            tmp_path / "t",
            {},
        )
    )
    assert [e["info"]["name"] for e in events] == ["LogSeedResult"]
    assert not list(tmp_path.rglob(".user.yml"))
    assert not list(Path.home().glob(".dbt/.user.yml"))


def test_no_cookie_is_kept_in_the_repository() -> None:
    assert not (DBT_PROJECT_DIR / ".user.yml").exists()
    assert ".user.yml" in (REPO_ROOT / ".gitignore").read_text().splitlines()
