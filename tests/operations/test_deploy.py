"""The deployment: the instance's dagster.yaml, its private folder, the systemd units, the
workspace the services load, and `make dagster`'s command line."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import pytest

from dagster_project.operations.instance import (
    ensure_dagster_home,
    instance_file_state,
    instance_yaml,
)
from dagster_project.settings import REPO_ROOT, Settings, load_settings

DEPLOY = REPO_ROOT / "deploy"


def test_the_instance_queues_runs_one_at_a_time_without_telemetry(
    project_instance: dg.DagsterInstance, tmp_path: Path
) -> None:
    instance = project_instance
    coordinator = instance.run_coordinator
    assert type(coordinator).__name__ == "QueuedRunCoordinator"
    assert coordinator.get_run_queue_config().max_concurrent_runs == 1
    assert not instance.telemetry_enabled
    assert not instance.nux_enabled
    assert instance.run_monitoring_enabled
    # everything it stores is under its own folder (SQLite files)
    home = tmp_path / "dagster_home"
    assert Path(instance.root_directory) == home
    assert (home / "history" / "runs.db").is_file()
    assert (home / "schedules" / "schedules.db").is_file()


@pytest.mark.slow
def test_the_daemon_runs_queued_runs_one_at_a_time(tmp_path: Path) -> None:
    """A real dagster-daemon on the project's dagster.yaml: two runs submitted together run
    one after the other (DuckDB has one writer)."""
    home = tmp_path / "dagster_home"
    env = {**os.environ, "DAGSTER_HOME": str(home)}
    # as the units' ExecStartPre does: the folder, its dagster.yaml and its tables
    subprocess.run(
        [sys.executable, "-m", "dagster_project.operations.instance"], env=env, check=True
    )
    assert (home / "dagster.yaml").read_text() == instance_yaml(home)
    workspace = tmp_path / "workspace.yaml"
    probe = Path(__file__).with_name("queue_probe.py")
    workspace.write_text(
        f"load_from:\n  - python_file:\n      relative_path: {probe}\n      location_name: probe\n"
    )
    bin_dir = Path(sys.executable).parent
    with (tmp_path / "daemon.log").open("w") as log:
        daemon = subprocess.Popen(
            [str(bin_dir / "dagster-daemon"), "run", "-w", str(workspace)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        for _ in range(2):
            subprocess.run(
                [str(bin_dir / "dagster"), "job", "launch", "-w", str(workspace), "-j", "sleepy"],
                env=env,
                capture_output=True,
                check=True,
            )
        most_at_once = 0
        deadline = time.monotonic() + 240
        with dg.DagsterInstance.from_config(str(home)) as instance:
            while time.monotonic() < deadline:
                runs = instance.get_runs()
                active = [r for r in runs if r.status == dg.DagsterRunStatus.STARTED]
                most_at_once = max(most_at_once, len(active))
                if len(runs) == 2 and all(r.status == dg.DagsterRunStatus.SUCCESS for r in runs):
                    break
                time.sleep(0.5)
            records = sorted(instance.get_run_records(), key=lambda r: r.create_timestamp)
        assert [r.dagster_run.status for r in records] == [dg.DagsterRunStatus.SUCCESS] * 2, (
            tmp_path / "daemon.log"
        ).read_text()[-3000:]
        first, second = records
        assert most_at_once == 1
        assert second.start_time >= first.end_time
    finally:
        os.killpg(daemon.pid, signal.SIGTERM)
        daemon.wait(timeout=60)


def _settings_for(data: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The settings of a site whose data folder is `data` (no DAGSTER_HOME, no config)."""
    monkeypatch.setenv("CLA_HOME", str(data))
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    monkeypatch.delenv("CLA_CONFIG", raising=False)
    return load_settings()


def test_dagster_home_is_private_and_keeps_a_site_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _settings_for(tmp_path / "data", monkeypatch)
    home = tmp_path / "data" / "dagster_home"
    assert instance_file_state(config).startswith("not created yet")
    home.mkdir(parents=True, mode=0o755)
    os.chmod(home, 0o755)
    assert ensure_dagster_home(config) == home
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "dagster.yaml").stat().st_mode) == 0o600
    assert (home / "dagster.yaml").read_text() == instance_yaml(home)
    assert f'base_dir: "{home}"' in instance_yaml(home)
    assert instance_file_state(config) == "deploy/dagster.yaml"
    edited = instance_yaml(home).replace("max_concurrent_runs: 1", "max_concurrent_runs: 2")
    (home / "dagster.yaml").write_text(edited)
    ensure_dagster_home(config)
    assert (home / "dagster.yaml").read_text() == edited
    assert instance_file_state(config).startswith("edited copy")
    # DAGSTER_HOME, as the services set it, wins over paths.dagster_home
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "elsewhere"))
    assert load_settings().dagster_home == tmp_path / "elsewhere"


def test_the_instance_module_prints_the_folder_make_dagster_uses(tmp_path: Path) -> None:
    env = {**os.environ, "CLA_HOME": str(tmp_path / "data")}
    env.pop("DAGSTER_HOME", None)
    result = subprocess.run(
        [sys.executable, "-m", "dagster_project.operations.instance"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == str(tmp_path / "data" / "dagster_home")
    assert (tmp_path / "data" / "dagster_home" / "dagster.yaml").is_file()
    make = shutil.which("make")
    if make is None:
        pytest.skip("make not installed")
    dry = subprocess.run(
        [make, "-n", "dagster", "DAGSTER_PORT=3123"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "python -m dagster_project.operations.instance" in dry
    assert "dagster dev -m dagster_project.definitions" in dry and "-p 3123" in dry


def _rendered_units(tmp_path: Path) -> list[Path]:
    """The units as installed on this machine: paths to this checkout, this user."""
    rendered = []
    user = "root" if os.geteuid() == 0 else os.environ.get("USER", "nobody")
    for unit in sorted(DEPLOY.glob("*.service")):
        text = (
            unit.read_text()
            .replace("/opt/cla-pipeline", str(REPO_ROOT))
            .replace("/srv/cla/data", str(tmp_path / "data"))
            .replace("User=cla", f"User={user}")
            .replace("Group=cla", f"Group={user}")
        )
        target = tmp_path / unit.name
        target.write_text(text)
        rendered.append(target)
    return rendered


def test_systemd_units_verify(tmp_path: Path) -> None:
    units = _rendered_units(tmp_path)
    assert [u.name for u in units] == [
        "cla-dagster-daemon.service",
        "cla-dagster-webserver.service",
    ]
    for unit in units:
        text = unit.read_text()
        assert "DAGSTER_HOME=" in text and "CLA_HOME=" in text and "UMask=0077" in text
        assert "deploy/workspace.yaml" in text
    assert "-h 127.0.0.1" in units[1].read_text()  # the UI has no login: localhost only
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze not installed")
    result = subprocess.run(
        [analyze, "verify", *map(str, units)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "", result.stderr  # no unknown key, no missing binary


@pytest.mark.slow
def test_the_workspace_the_services_load_is_valid(tmp_path: Path) -> None:
    env = {**os.environ, "CLA_HOME": str(tmp_path / "data")}
    env["DAGSTER_HOME"] = str(tmp_path / "data" / "dagster_home")
    subprocess.run(
        [sys.executable, "-m", "dagster_project.operations.instance"], env=env, check=True
    )
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("dagster")),
            "definitions",
            "validate",
            "-w",
            str(DEPLOY / "workspace.yaml"),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Validation successful for code location cla" in result.stdout + result.stderr


def test_a_moved_instance_folder_gets_its_own_path_and_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder moved to a path with a space, quotes and a non-ASCII letter: the next
    command writes the new path into the unedited copy (quoted YAML), and it opens there."""
    old = ensure_dagster_home(_settings_for(tmp_path / "data", monkeypatch))
    moved = tmp_path / 'Children\'s "CLA" data é' / "data"
    moved.parent.mkdir()
    (tmp_path / "data").rename(moved)
    home = ensure_dagster_home(_settings_for(moved, monkeypatch))
    assert home == moved / "dagster_home" != old
    assert (home / "dagster.yaml").read_text(encoding="utf-8") == instance_yaml(home)
    with dg.DagsterInstance.from_config(str(home)) as instance:
        assert dg.materialize([_one], instance=instance).success
    assert any((home / "history" / "runs").glob("*.db"))


@dg.asset
def _one() -> None:
    return None
