"""`cla demo`, the README's first command, end to end on a scratch CLA_HOME.

One run of the whole product on the built-in synthetic LA: every landing folder lands
(raw tables and load log filled), dbt builds, the quality gate passes, and the analysts'
database, the Panel report and the quality folder are published.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dagster_project.cli import main
from dagster_project.landing.contracts import load_contracts
from dagster_project.settings import settings


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("demo_home")
    patch = pytest.MonkeyPatch()
    patch.setenv("CLA_HOME", str(home))
    settings.cache_clear()
    try:
        assert main(["demo"]) == 0
    finally:
        patch.undo()
        settings.cache_clear()
    return home


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
def test_demo_keeps_dbt_progress_in_the_run_log(demo_home: Path) -> None:
    (log,) = (demo_home / "warehouse" / "logs").glob("cla-run-*.log")
    text = log.read_text()
    assert "Completed successfully" in text and " ERROR=0 " in text


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
    info = con.execute("select la_name, new_la_code, source_system from publication_info")
    assert info.fetchone() == ("Harrow", "E09000015", "mosaic")
    con.close()
