"""dbt's worker process (transform/dbt_worker.py): what the run relies on when dbt builds
outside its own interpreter. Real dbt on the project's seeds; nothing is mocked."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from dagster_project.settings import REPO_ROOT
from dagster_project.transform import dbt_worker
from dagster_project.transform.dbt_build import DbtBuildError, parsed_manifest_path
from tests.spawned import gone

SEEDS = ["seed", "--select", "dfe_comparator_measures indicator_catalogue code_lists"]


def _seed(worker: dbt_worker.DbtWorker, warehouse: Path, target: Path) -> list[str]:
    return [e["info"]["name"] for e in worker.build(SEEDS, warehouse, target, {}, threads=1)]


def test_the_worker_never_loads_dagster() -> None:
    """Its point is an interpreter of its own with dbt only: no Dagster, no dagster-dbt."""
    code = (
        "import sys, dagster_project.transform.dbt_worker as w\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'dagster', 'dagster_dbt'}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO_ROOT
    )
    assert done.stdout.strip() == "[]"


def test_one_kept_worker_serves_every_build_and_ends_with_the_run(tmp_path: Path) -> None:
    dbt_worker.keep_warm()
    try:
        worker = dbt_worker._warm[0]
        for n in (1, 2):
            events = list(
                dbt_worker.build_events(SEEDS, tmp_path / "w.duckdb", tmp_path / f"t{n}", {})
            )
            assert [e["info"]["name"] for e in events] == ["LogSeedResult"] * 3
            assert dbt_worker._warm == [worker] and worker.alive()
    finally:
        dbt_worker.stop_warm()
    assert worker.process.returncode == 0
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        rows = con.execute("select count(*) from reference_codes.indicator_catalogue").fetchone()
    assert rows is not None and rows[0] > 0


def test_a_failing_build_names_the_node_and_the_worker_goes_on(tmp_path: Path) -> None:
    """A model whose sources were never landed fails by name; the next build still runs."""
    worker = dbt_worker.DbtWorker()
    try:
        with pytest.raises(DbtBuildError, match=r"model\.cla\.stg_mosaic__persons"):
            list(
                worker.build(
                    ["run", "--select", "stg_mosaic__persons"],
                    tmp_path / "w.duckdb",
                    tmp_path / "t1",
                    {"source_system": "mosaic"},
                )
            )
        assert _seed(worker, tmp_path / "w.duckdb", tmp_path / "t2") == ["LogSeedResult"] * 3
    finally:
        worker.close()


def test_a_worker_that_dies_fails_the_build_and_is_not_reused(tmp_path: Path) -> None:
    dbt_worker.keep_warm()
    try:
        dead = dbt_worker._warm[0]
        dead.process.kill()
        dead.process.wait()
        with pytest.raises(DbtBuildError, match="dbt seed stopped: the dbt worker"):
            list(dead.build(SEEDS, tmp_path / "w.duckdb", tmp_path / "t", {}))
        # the next build of the run gets a worker of its own
        events = list(dbt_worker.build_events(SEEDS, tmp_path / "w.duckdb", tmp_path / "t2", {}))
        assert len(events) == 3
        # a run starting its helpers (run_processes) replaces it, and its folder goes
        assert dbt_worker.keep_warm() is True
        assert dbt_worker._warm[0] is not dead and not dead.tmp.exists()
        assert dbt_worker.keep_warm() is False  # kept already: left to whoever started it
    finally:
        dbt_worker.stop_warm()


def test_a_worker_whose_run_goes_away_mid_build_stops_at_once(tmp_path: Path) -> None:
    """The run's end of the pipe closes while dbt builds: the worker exits (ORPHANED) and
    does not go on writing the warehouse for nobody."""
    worker = dbt_worker.DbtWorker()
    build = worker.build(SEEDS, tmp_path / "w.duckdb", tmp_path / "t", {}, threads=1)
    next(build)  # the first seed is in: two to go
    assert worker.process.stdin is not None
    worker.process.stdin.close()
    assert worker.process.wait(timeout=30) == dbt_worker.ORPHANED
    worker.close()


def test_a_killed_run_leaves_no_worker_behind() -> None:
    """SIGKILL of the process that started the worker (no clean-up code runs)."""
    script = textwrap.dedent(
        """
        import time
        from dagster_project.transform import dbt_worker
        worker = dbt_worker.DbtWorker()
        print(worker.process.pid, flush=True)
        time.sleep(600)
        """
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=REPO_ROOT
    )
    assert parent.stdout is not None
    pid = int(parent.stdout.readline())
    time.sleep(1.0)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    assert gone(pid), "the dbt worker outlived its run"


def test_docs_are_written_while_another_process_reads_the_warehouse(tmp_path: Path) -> None:
    """dbt's docs open the warehouse read-only: the run keeps reading it meanwhile (a
    read-write open would fail on DuckDB's lock). The page holds the project's models."""
    warehouse = tmp_path / "w.duckdb"
    list(dbt_worker.build_events(SEEDS, warehouse, tmp_path / "t", {}))
    reader = duckdb.connect(str(warehouse), read_only=True)
    try:
        with dbt_worker.docs_meanwhile(warehouse, tmp_path / "docs", {}) as pending:
            rows = reader.execute("select count(*) from reference_codes.code_lists").fetchone()
            assert rows is not None and rows[0] > 0
            page = pending.page().read_text(encoding="utf-8")
    finally:
        reader.close()
    assert "model.cla.mart_ssda903_episodes" in page
    manifest = json.loads(parsed_manifest_path().with_name("manifest.json").read_text())
    assert "seed.cla.code_lists" in manifest["nodes"]
    assert f'"database": "{warehouse.stem}"' in page


SEEDS_AND_TESTS = [
    "build",
    "--exclude-resource-type",
    "unit_test",
    "--select",
    "dfe_comparator_measures indicator_catalogue code_lists",
]


def _results(tmp_path: Path, name: str) -> set[tuple[str, str, str]]:
    worker = dbt_worker.DbtWorker()
    try:
        events = worker.build(SEEDS_AND_TESTS, tmp_path / f"{name}.duckdb", tmp_path / name, {})
        return {
            (e["info"]["name"], e["data"]["node_info"]["unique_id"], e["data"]["status"])
            for e in events
        }
    finally:
        worker.close()


def test_a_runs_build_is_compiled_unless_dbts_own_is_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The worker runs a build's compiled SQL (compiled_build.py); `CLA_DBT_BUILD=dbt` has
    dbt build it: the same seeds loaded and the same tests passed either way."""
    compiled = _results(tmp_path, "compiled")
    by_compiled = capsys.readouterr().out
    monkeypatch.setenv("CLA_DBT_BUILD", "dbt")
    by_dbt = _results(tmp_path, "dbt")
    dbt_lines = capsys.readouterr().out
    assert compiled == by_dbt
    assert {kind for kind, _, _ in compiled} == {"LogSeedResult", "LogTestResult"}
    assert len([r for r in compiled if r[0] == "LogTestResult"]) >= 3
    assert {status for _, _, status in compiled} == {"success", "pass"}
    assert "dbt compiled" in by_compiled and "PASS test" in by_compiled
    assert "dbt compiled" not in dbt_lines and "START test" in dbt_lines


def test_a_run_that_goes_away_while_its_builds_are_compiled_ahead_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`cla run` asks the worker to compile and seed its builds ahead, then is refused (a
    run holds the lock) or dies: the worker exits at once and removes its scratch folder,
    though it ends without exit handlers (ORPHANED)."""
    from dagster_project.transform import steps

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    worker = dbt_worker.DbtWorker()
    worker.prepare(steps.whole_run()[0], tmp_path / "cla.duckdb", {"la_code": "310"})
    deadline = time.monotonic() + 120
    while not list(worker.tmp.glob("cla-compile-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(worker.tmp.glob("cla-compile-*")), "the compile ahead never started"
    assert worker.process.stdin is not None
    worker.process.stdin.close()
    assert worker.process.wait(timeout=30) == dbt_worker.ORPHANED
    assert list(worker.tmp.iterdir()) == []  # the worker's own doing
    worker.close()
    assert list(scratch.iterdir()) == []
    assert not (tmp_path / "cla.duckdb").exists()  # nothing written where the run lands


def test_a_worker_killed_while_it_compiles_ahead_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed outright (SIGKILL, the OOM killer) while it compiles and seeds a build ahead,
    the worker cannot clean up: the run's process removes the worker's temporary folder
    when it ends the worker."""
    from dagster_project.transform import steps

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    worker = dbt_worker.DbtWorker()
    worker.prepare(steps.whole_run()[0], tmp_path / "cla.duckdb", {"la_code": "310"})
    deadline = time.monotonic() + 120
    while not list(scratch.glob("*/cla-compile-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(scratch.glob("*/cla-compile-*")), "the compile ahead never started"
    worker.process.kill()
    assert worker.process.wait(timeout=30) == -signal.SIGKILL
    assert list(scratch.glob("*/cla-compile-*"))  # what a killed worker leaves
    worker.close()
    assert list(scratch.iterdir()) == []


def test_a_build_nothing_prepared_for_reads_and_keeps_the_compile(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A run the daemon or the UI launched asks its build with no `prepare` first: the
    worker compiles before building and keeps it, and the next such run (a fresh warehouse
    of the same name) reads it instead of compiling."""

    def run(n: int) -> tuple[list[str], str]:
        worker = dbt_worker.DbtWorker()
        try:
            warehouse = tmp_path / f"run{n}" / "w.duckdb"
            warehouse.parent.mkdir()
            target = tmp_path / f"t{n}"
            events = list(worker.build(SEEDS_AND_TESTS, warehouse, target, {}, threads=1))
        finally:
            worker.close()  # its printed lines are all copied once it has ended
        return [e["info"]["name"] for e in events], capsys.readouterr().out

    first, said = run(1)
    assert "dbt compiled" in said and "compiled before the build" in said
    assert "LogSeedResult" in first and "LogTestResult" in first
    again, said = run(2)
    assert "compiled by an earlier run (kept)" in said and "dbt compiled" not in said
    assert again == first


def test_two_builds_at_once_never_share_the_kept_worker(tmp_path: Path) -> None:
    """Two runs in one process (a test session, a tool): the kept worker serves one build
    at a time; a build that finds it busy gets a worker of its own, and both get every
    event of their own build."""
    from concurrent.futures import ThreadPoolExecutor

    dbt_worker.keep_warm()
    try:
        kept = dbt_worker._warm[0]

        def build(n: int) -> list[str]:
            warehouse = tmp_path / f"w{n}.duckdb"
            events = dbt_worker.build_events(SEEDS, warehouse, tmp_path / f"t{n}", {})
            return [e["info"]["name"] for e in events]

        with kept.busy:  # as while another run's build is using it
            alone = build(0)
        assert alone == ["LogSeedResult"] * 3 and kept.alive()
        with ThreadPoolExecutor(max_workers=2) as pool:
            both = list(pool.map(build, (1, 2)))
        assert both == [["LogSeedResult"] * 3] * 2
        assert dbt_worker._warm == [kept] and kept.alive() and not kept.busy.locked()
    finally:
        dbt_worker.stop_warm()
