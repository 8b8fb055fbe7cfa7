"""`cla demo`, the README's first command, end to end on a scratch CLA_HOME.

One run of the whole product on the built-in synthetic LA, as a person runs it (the installed
`cla` command, in its own process): every landing folder lands (raw tables and load log
filled), dbt builds, the quality gate passes, and the analysts' database, the Panel report
and the quality folder are published; the screen shows about ten lines, the run log the rest,
and the run is recorded in the Dagster instance the UI reads.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from dagster_project.landing.contracts import load_contracts
from dagster_project.version import git_commit, package_version


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    home = tmp_path_factory.mktemp("demo_home")
    env = {**os.environ, "CLA_HOME": str(home)}
    env.pop("DAGSTER_HOME", None)
    result = subprocess.run(
        [str(Path(sys.executable).with_name("cla")), "demo"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # the lines a person (or a cron mail) sees, in order
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout
    return home, result.stdout


@pytest.fixture(scope="module")
def demo_home(demo_run: tuple[Path, str]) -> Path:
    return demo_run[0]


@pytest.mark.slow
def test_demo_prints_one_line_per_stage_and_at_most_ten_lines(demo_run) -> None:
    home, output = demo_run
    lines = output.splitlines()
    assert len(lines) <= 10, output
    assert "Traceback" not in output and " - dagster - " not in output
    assert lines[0] == f"synthetic local authority written to {home / 'landing'}"
    assert lines[1].startswith("cla demo: LA 310, mosaic from ")
    stages = [re.match(r"\d\d:\d\d:\d\d (\w+) +\.\.\. done in ", line) for line in lines[2:6]]
    assert [m.group(1) if m else None for m in stages] == [
        "landing",
        "dbt",
        "quality",
        "publication",
    ], output
    assert "newest extract 2026-03-31 (0.0 days old)" in lines[2]
    assert re.search(r"models and seeds built, \d+ tests passed", lines[3])
    assert re.search(r"[\d,]+ findings, 0 blocking", lines[4])
    assert re.match(r"run [0-9a-f-]{36} succeeded in \S+; publication in ", lines[6])
    assert lines[-1].startswith("  run log: ")


@pytest.mark.slow
def test_demo_run_log_has_every_step_and_no_colour_codes(demo_home: Path) -> None:
    (log,) = (demo_home / "warehouse" / "logs").glob("cla-run-*.log")
    text = log.read_text()
    assert "\x1b[" not in text
    started = set(re.findall(r" - (\w+) - STEP_START - ", text))
    assert started == {
        "land_mosaic",
        "land_ssda903",
        "land_dfe",
        "reference__postcodes",
        "config__indicator_targets",
        "mosaic__persons_extract_fresh",
        "cla_dbt",
        "quality__data_quality_gate",
        "publish",
    }
    assert len(re.findall(r" - STEP_SUCCESS - ", text)) == len(started)
    assert "Completed successfully" in text and " ERROR=0 " in text  # dbt's own lines
    # no child's data: an ID and a date of birth from the extract never reach the log
    persons = next((demo_home / "landing" / "mosaic").glob("*/persons.csv")).read_text()
    child_id, _, dob = persons.splitlines()[1].split(",")[:3]
    assert re.search(rf"\b{child_id}\b", text) is None and dob not in text


@pytest.mark.slow
def test_demo_run_is_recorded_in_the_dagster_instance(demo_home: Path) -> None:
    import dagster as dg

    from dagster_project.landing.extracts import fingerprint

    dagster_home = demo_home / "dagster_home"
    assert stat.S_IMODE(dagster_home.stat().st_mode) == 0o700
    with dg.DagsterInstance.from_config(str(dagster_home)) as instance:
        (run,) = instance.get_runs()
        assert run.status == dg.DagsterRunStatus.SUCCESS
        assert run.job_name == "cla_pipeline"
        extract = next((demo_home / "landing" / "mosaic").iterdir())
        assert run.tags["cla/trigger"] == "cla demo" and run.tags["cla/alerts"] == "off"
        assert run.tags["cla/mosaic_fingerprint"] == fingerprint(extract)
        assert instance.get_latest_materialization_event(dg.AssetKey(["publication", "cla_marts"]))


@pytest.mark.slow
def test_demo_lands_every_source_file_and_logs_it(demo_home: Path) -> None:
    con = duckdb.connect(str(demo_home / "warehouse" / "cla.duckdb"), read_only=True)
    log = dict(
        con.execute(
            "select source, count(*) from raw.load_log where status = 'loaded' group by 1"
        ).fetchall()
    )
    rejected = con.execute("select count(*) from raw.load_log where status = 'rejected'")
    assert rejected.fetchone()[0] == 0
    assert set(log) == {"mosaic", "ssda903", "dfe"}
    assert log["mosaic"] == 8  # one extract, every Mosaic file of inputs.md §1
    # every table the generator writes is filled: all Mosaic files, the 903 files it
    # writes for every year, and the synthetic DfE release's files
    for contract in load_contracts()["mosaic"].files:
        rows = con.execute(f"select count(*) from raw.{contract.table}").fetchone()[0]
        assert rows > 0, contract.table
    for kind in ("header", "episodes", "uasc", "oc2", "oc3", "missing", "reviews"):
        assert con.execute(f"select count(*) from raw.ssda903_{kind}").fetchone()[0] > 0, kind
    for kind in ("cla_number_and_rate_per_10k_children", "sn_model", "population"):
        assert con.execute(f"select count(*) from raw.dfe_{kind}").fetchone()[0] > 0, kind
    con.close()


@pytest.mark.slow
def test_demo_publishes_every_indicator_for_the_default_periods(demo_home: Path) -> None:
    publish = demo_home / "publish"
    assert (publish / "report" / "panel_report.html").is_file()
    assert (publish / "report" / "panel_report.xlsx").is_file()
    assert (publish / "quality" / "findings.csv").is_file()
    con = duckdb.connect(str(publish / "cla_marts.duckdb"), read_only=True)
    catalogue = con.execute(
        "select count(*) from indicator_catalogue where kind = 'value'"
    ).fetchone()[0]
    # as at 31/03/2026: 8 quarter ends back to 30/06/2024 and the 31 Marches 2022-2026
    periods = [
        r[0].isoformat()
        for r in con.execute(
            "select distinct period_end from indicator_report order by 1"
        ).fetchall()
    ]
    assert periods == [
        "2022-03-31",
        "2023-03-31",
        "2024-03-31",
        "2024-06-30",
        "2024-09-30",
        "2024-12-31",
        "2025-03-31",
        "2025-06-30",
        "2025-09-30",
        "2025-12-31",
        "2026-03-31",
    ]
    reported = con.execute(
        "select count(*) from indicator_values v join indicator_report r "
        "using (indicator_id, period_end)"
    ).fetchone()[0]
    assert reported == catalogue * len(periods)
    info = con.execute(
        "select la_name, new_la_code, source_system, pipeline_version, git_commit "
        "from publication_info"
    )
    assert info.fetchone() == ("Harrow", "E09000015", "mosaic", package_version(), git_commit())
    con.close()
