"""The instance's event log (operations/event_storage.py): Dagster's SQLite files, kept open.

Runs are recorded through the project's dagster.yaml and read back by Dagster's own default
storage on the same folder (the files are Dagster's, whoever opens them), by two processes
writing at once, and with the open files counted (the daemon lives for months).
"""

from __future__ import annotations

import importlib.util
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import dagster as dg
import pytest

from dagster_project.operations.event_storage import KEPT_ENGINES, KeptOpenSqliteEventLogStorage
from dagster_project.operations.instance import instance_yaml

ASSETS = 12


def _job_module(path: Path, assets: int = ASSETS) -> Path:
    """A job of chained assets, each with a check: events of every kind a run has."""
    path.write_text(
        textwrap.dedent(
            f"""
            import dagster as dg

            def _make(i):
                deps = [dg.AssetKey(f"a{{i - 1}}")] if i else []

                checks = [dg.AssetCheckSpec("ok", asset=f"a{{i}}")]

                @dg.asset(name=f"a{{i}}", deps=deps, check_specs=checks)
                def _asset():
                    yield dg.MaterializeResult(check_results=[dg.AssetCheckResult(passed=True)])

                return _asset

            ASSETS = [_make(i) for i in range({assets})]
            """
        )
    )
    return path


def _materialize(home: Path, module: Path) -> subprocess.Popen:
    """A process that runs the job of `module` once on the instance in `home`."""
    code = (
        "import importlib.util, dagster as dg\n"
        f"spec = importlib.util.spec_from_file_location('probe', {str(module)!r})\n"
        "m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)\n"
        f"with dg.DagsterInstance.from_config({str(home)!r}) as instance:\n"
        "    assert dg.materialize(m.ASSETS, instance=instance).success\n"
    )
    return subprocess.Popen([sys.executable, "-c", code])


def _home(tmp_path: Path) -> Path:
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text(instance_yaml(home))
    return home


def test_runs_written_through_it_read_the_same_in_dagsters_default_storage(
    tmp_path: Path,
) -> None:
    home = _home(tmp_path)
    module = _job_module(tmp_path / "probe.py")
    # the tables first, as `python -m dagster_project.operations.instance` makes them before
    # the services start (two processes creating them at once can stamp Dagster's schema
    # version twice, whichever storage class); then two processes writing the index at once
    with dg.DagsterInstance.from_config(str(home)):
        pass
    procs = [_materialize(home, module) for _ in range(2)]
    assert [p.wait(timeout=300) for p in procs] == [0, 0]

    with dg.DagsterInstance.from_config(str(home)) as ours:
        assert isinstance(ours.event_log_storage, KeptOpenSqliteEventLogStorage)
        runs = ours.get_runs()
        ours_events = {r.run_id: len(ours.all_logs(r.run_id)) for r in runs}
    # the same folder with Dagster's own storage: no event_log_storage key
    plain = tmp_path / "plain"
    plain.mkdir()
    text = (home / "dagster.yaml").read_text()
    (plain / "dagster.yaml").write_text(text.split("event_log_storage:")[0])
    os.symlink(home / "history", plain / "history")
    os.symlink(home / "schedules", plain / "schedules")
    with dg.DagsterInstance.from_config(str(plain)) as theirs:
        assert type(theirs.event_log_storage).__name__ == "SqliteEventLogStorage"
        assert {r.run_id: len(theirs.all_logs(r.run_id)) for r in theirs.get_runs()} == ours_events
        assert len(ours_events) == 2
        assert all(run.status == dg.DagsterRunStatus.SUCCESS for run in theirs.get_runs())
        last = theirs.get_latest_materialization_event(dg.AssetKey(f"a{ASSETS - 1}"))
        assert last is not None and last.run_id in ours_events
        materialized = theirs.fetch_materializations(dg.AssetKey("a0"), limit=10).records
        assert len(materialized) == 2


def test_open_files_stay_bounded_over_many_runs(tmp_path: Path) -> None:
    """A long-lived process (the daemon, the webserver) keeps at most KEPT_ENGINES event
    files open, however many runs it has seen."""
    home = _home(tmp_path)

    @dg.asset
    def one() -> None:
        return None

    def open_db_files() -> int:
        fds = Path("/proc/self/fd")
        paths = [os.path.realpath(fd) for fd in fds.iterdir()]
        return len({p for p in paths if p.startswith(str(home)) and p.endswith(".db")})

    with dg.DagsterInstance.from_config(str(home)) as instance:
        for _ in range(KEPT_ENGINES + 4):
            assert dg.materialize([one], instance=instance).success
        assert len(instance.get_runs()) == KEPT_ENGINES + 4
        assert 0 < open_db_files() <= KEPT_ENGINES
    assert open_db_files() == 0  # closed with the instance


def test_a_run_killed_mid_write_leaves_readable_files_and_the_next_run_records(
    tmp_path: Path,
) -> None:
    """SIGKILL while events are being written (synchronous = NORMAL, WAL): what was
    committed reads back, both files pass SQLite's integrity check, the next run records."""
    home = _home(tmp_path)
    with dg.DagsterInstance.from_config(str(home)):
        pass
    module = _job_module(tmp_path / "probe.py", assets=400)
    proc = _materialize(home, module)
    runs_dir = home / "history" / "runs"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        # killed once the run's own file has events in it
        if any(p.name != "index.db" for p in runs_dir.glob("*.db")) and _events(runs_dir) > 50:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    for db_file in runs_dir.glob("*.db"):
        with sqlite3.connect(db_file) as con:
            assert con.execute("pragma integrity_check").fetchone() == ("ok",), db_file.name
    with dg.DagsterInstance.from_config(str(home)) as instance:
        (killed,) = instance.get_runs()
        assert len(instance.all_logs(killed.run_id)) > 50
        again = _materialize(home, _job_module(tmp_path / "small.py"))
        assert again.wait(timeout=300) == 0
        assert len(instance.get_runs()) == 2


def _events(runs_dir: Path) -> int:
    total = 0
    for db_file in runs_dir.glob("*.db"):
        if db_file.name == "index.db":
            continue
        try:
            with sqlite3.connect(f"file:{db_file}?mode=ro", uri=True) as con:
                total += con.execute("select count(*) from event_logs").fetchone()[0]
        except sqlite3.OperationalError:
            pass  # not created yet
    return total


def test_the_asset_key_tables_columns_are_reflected_once_per_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dagster reflects the asset key table's columns (SQLAlchemy's inspector) at every
    asset event, about a thousand times in a Harrow-sized run; ours once per column, and
    the latest materialisation (which those columns index) still reads."""
    from dagster._core.storage.event_log.sql_event_log import SqlEventLogStorage

    home = _home(tmp_path)
    module = _job_module(tmp_path / "probe.py")
    spec = importlib.util.spec_from_file_location("probe_once", module)
    assert spec is not None and spec.loader is not None
    probe = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(probe)
    reflected: list[str] = []
    dagsters = SqlEventLogStorage._has_asset_key_col_on_connection

    def counted(self: SqlEventLogStorage, conn: object, column_name: str) -> bool:
        reflected.append(column_name)
        return dagsters(self, conn, column_name)

    monkeypatch.setattr(SqlEventLogStorage, "_has_asset_key_col_on_connection", counted)
    with dg.DagsterInstance.from_config(str(home)) as instance:
        assert dg.materialize(probe.ASSETS, instance=instance).success
        last = instance.get_latest_materialization_event(dg.AssetKey(f"a{ASSETS - 1}"))
        assert last is not None and last.asset_materialization is not None
        assert instance.get_latest_materialization_event(dg.AssetKey("a0")) is not None
    assert sorted(set(reflected)) == sorted(reflected), reflected
    assert 1 <= len(reflected) <= 2


def _probe(module: Path, name: str) -> object:
    spec = importlib.util.spec_from_file_location(name, module)
    assert spec is not None and spec.loader is not None
    probe = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(probe)
    return probe


def _planned_rows(home: Path) -> dict[str, list[tuple]]:
    """The rows a run's planned events leave, without ids, times and run ids."""
    runs = home / "history" / "runs"
    (run_file,) = [p for p in runs.glob("*.db") if p.name != "index.db"]
    with sqlite3.connect(run_file) as run, sqlite3.connect(runs / "index.db") as index:
        return {
            "run": run.execute(
                "select dagster_event_type, asset_key from event_logs "
                "where dagster_event_type like '%PLANNED' order by 1, 2"
            ).fetchall(),
            "index": index.execute(
                "select dagster_event_type, asset_key from event_logs order by 1, 2"
            ).fetchall(),
            "checks": index.execute(
                "select asset_key, check_name, execution_status from asset_check_executions "
                "order by 1, 2"
            ).fetchall(),
            "keys": index.execute("select asset_key from asset_keys order by 1").fetchall(),
        }


def _create_run(home: Path, probe: object) -> int:
    """Create (not execute) a run of the probe's job; the commits its events took."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    commits: list[object] = []

    def counted(conn: object) -> None:
        commits.append(conn)

    event.listen(Engine, "commit", counted)
    try:
        job = dg.Definitions(assets=probe.ASSETS).resolve_implicit_global_asset_job_def()
        with dg.DagsterInstance.from_config(str(home)) as instance:
            before = len(commits)
            instance.create_run_for_job(job_def=job)
            return len(commits) - before
    finally:
        event.remove(Engine, "commit", counted)


def test_a_runs_planned_events_are_one_batch_with_the_same_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run's creation plans a materialisation per asset and an evaluation per check: one
    transaction per file, the same rows as one event at a time (Dagster's batches off)."""
    probe = _probe(_job_module(tmp_path / "probe.py"), "probe_batch")
    (tmp_path / "one").mkdir()
    (tmp_path / "batched").mkdir()
    one_by_one, batched = _home(tmp_path / "one"), _home(tmp_path / "batched")
    for home in (one_by_one, batched):
        with dg.DagsterInstance.from_config(str(home)):
            pass  # the tables, as `python -m dagster_project.operations.instance` makes them
    monkeypatch.setenv("DAGSTER_EVENT_BATCH_SIZE", "0")
    commits_one = _create_run(one_by_one, probe)
    monkeypatch.delenv("DAGSTER_EVENT_BATCH_SIZE")
    commits_batched = _create_run(batched, probe)
    assert os.environ["DAGSTER_EVENT_BATCH_SIZE"] == "1000"  # set by the storage
    # one by one, each of the 2 * ASSETS planned events commits its run file and the index;
    # batched, the batch commits each once (the run's record takes the same commits both ways)
    assert commits_one - commits_batched >= 2 * (2 * ASSETS) - 2
    rows = _planned_rows(batched)
    assert rows == _planned_rows(one_by_one)
    assert len(rows["run"]) == 2 * ASSETS and len(rows["checks"]) == ASSETS


def test_a_batch_that_fails_leaves_each_event_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write failing mid-batch rolls the batch back whole; Dagster then stores each event
    on its own: every planned event once, none twice."""
    from dagster._core.storage.event_log.sql_event_log import SqlEventLogStorage

    probe = _probe(_job_module(tmp_path / "probe.py"), "probe_fail")
    home = _home(tmp_path)
    with dg.DagsterInstance.from_config(str(home)):
        pass
    dagsters = SqlEventLogStorage.store_asset_check_event
    calls: list[int] = []

    def third_fails(self: SqlEventLogStorage, event: object, event_id: int | None) -> None:
        calls.append(1)
        if len(calls) == 3:
            raise sqlite3.OperationalError("disk I/O error (made by the test)")
        dagsters(self, event, event_id)

    monkeypatch.setattr(SqlEventLogStorage, "store_asset_check_event", third_fails)
    monkeypatch.delenv("DAGSTER_EVENT_BATCH_SIZE", raising=False)
    _create_run(home, probe)
    assert len(calls) == 3 + ASSETS  # the batch reached the third check; then each once
    rows = _planned_rows(home)
    assert len(rows["run"]) == 2 * ASSETS  # a duplicate would make more
    assert len(rows["index"]) == 2 * ASSETS and len(rows["checks"]) == ASSETS
