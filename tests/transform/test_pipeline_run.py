"""The SSDA903 models inside a real Dagster run: `dbt build` runs, dbt tests are asset checks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import dagster as dg
import pytest

from dagster_project.quality import gx_process
from dagster_project.resources import PipelineResource
from dagster_project.runner import run_pipeline
from dagster_project.transform import dbt_worker
from tests.spawned import helpers_started

from .helpers import rows

# Two children with tidy timelines and valid codes: nothing for a check to block on.
EXTRACT = {
    "persons.csv": "PERSON_ID,GENDER,DATE_OF_BIRTH,ETHNICITY,UPN,UASC_FLAG,UASC_END_DATE\n"
    "101,Female,14/03/2012,WBRI,,N,\n"
    "102,M,2009-01-20,AIND,,Y,\n",
    "periods_of_care.csv": "PERIOD_OF_CARE_ID,PERSON_ID,START_DATE,END_DATE,CATEGORY_OF_NEED,"
    "REASON_ENDED,HOME_POSTCODE\n"
    "P1,101,01/04/2022,,N1,,HA1 1AA\n"
    "P2,102,01/01/2023,01/03/2024,N2,E13,HA2 2BB\n",
    "legal_statuses.csv": "LEGAL_STATUS_ID,PERSON_ID,LEGAL_STATUS,START_DATE,END_DATE\n"
    "L1,101,C1,01/04/2022,01/07/2022\n"
    "L2,101,C2,01/07/2022,\n"
    "L3,102,V2,01/01/2023,01/03/2024\n",
    "placements.csv": "PLACEMENT_ID,PERSON_ID,PERIOD_OF_CARE_ID,START_DATE,END_DATE,"
    "PLACEMENT_TYPE,PLACEMENT_PROVIDER,CARER_ID,PLACEMENT_POSTCODE,OFSTED_URN,"
    "REASON_PLACEMENT_CHANGE\n"
    "A1,101,P1,01/04/2022,01/11/2022,U4,PR1,K1,HA3 3CC,SC100001,CARPL\n"
    "A2,101,P1,01/11/2022,,U1,PR1,K2,HA4 4DD,SC100002,\n"
    "B1,102,P2,01/01/2023,01/03/2024,K2,PR2,,HA5 5EE,SC100003,\n",
    "reviews.csv": "PERSON_ID,REVIEW_DATE,PARTICIPATION\n101,05/05/2024,PN1\n",
    "missing_episodes.csv": "PERSON_ID,MISSING_TYPE,START_DATE,END_DATE\n"
    "102,ABSENT,03/03/2023,04/03/2023\n",
}

MY_MARTS = ("ssda903_episodes", "ssda903_header", "ssda903_uasc", "ssda903_oc2", "ssda903_oc3")


# the helper processes the module's run started, in order
STARTED: list[Any] = []


@pytest.fixture(scope="module")
def pipeline_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dg.DagsterInstance, str]:
    root = tmp_path_factory.mktemp("pipeline_run")
    extract = root / "landing" / "mosaic" / "2025-06-30"
    extract.mkdir(parents=True)
    for name, text in EXTRACT.items():
        (extract / name).write_text(text, encoding="utf-8")
    warehouse = root / "warehouse" / "cla.duckdb"
    instance = dg.DagsterInstance.ephemeral()
    with helpers_started() as started:
        outcome = run_pipeline(
            PipelineResource(
                la_code="310",
                source_system="mosaic",
                mosaic_dir=str(root / "landing" / "mosaic"),
                publish_dir=str(root / "publish"),
            ),
            warehouse,
            instance=instance,
        )
    STARTED[:] = started
    # The dbt step itself must have succeeded (others' steps are judged by their own tests).
    assert not [s for s in outcome.failed_steps if "dbt" in s], outcome.summary()
    return warehouse, instance, outcome.run_id


@pytest.mark.slow
def test_dbt_build_materialises_the_marts(pipeline_run: tuple) -> None:
    warehouse, instance, run_id = pipeline_run
    materialised = {
        tuple(r.event_log_entry.dagster_event.asset_key.path)
        for r in instance.get_records_for_run(
            run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION
        ).records
    }
    for mart in MY_MARTS:
        # built once in core; published as a view of the same name (keys = relations)
        assert ("core", mart) in materialised
        assert ("marts", mart) in materialised
    assert ("intermediate", "int_mosaic__timeline_faults") in materialised
    assert rows(
        warehouse,
        "select CHILD, DECOM, RNE, LS, PLACE, DEC, REC from marts.ssda903_episodes"
        " order by CHILD, DECOM",
    ) == [
        ("101", dt.date(2022, 4, 1), "S", "C1", "U4", dt.date(2022, 7, 1), "X1"),
        ("101", dt.date(2022, 7, 1), "L", "C2", "U4", dt.date(2022, 11, 1), "X1"),
        ("101", dt.date(2022, 11, 1), "P", "C2", "U1", None, None),
        ("102", dt.date(2023, 1, 1), "S", "V2", "K2", dt.date(2024, 3, 1), "E13"),
    ]
    assert rows(warehouse, "select CHILD, DUC from marts.ssda903_uasc") == [("102", None)]


@pytest.mark.slow
def test_dbt_tests_of_the_marts_are_asset_checks_that_passed(pipeline_run: tuple) -> None:
    _, instance, run_id = pipeline_run
    evaluations = [
        r.event_log_entry.dagster_event.asset_check_evaluation_data
        for r in instance.get_records_for_run(
            run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION
        ).records
    ]
    mine = {
        (tuple(e.asset_key.path), e.check_name): e.passed
        for e in evaluations
        if e.asset_key.path[-1].startswith(("ssda903_", "int_oc", "int_periods", "int_reporting"))
    }
    assert mine[(("core", "ssda903_episodes"), "ssda903_episodes_key_child_decom")]
    assert mine[(("core", "ssda903_header"), "ssda903_header_key_child")]
    assert mine[
        (("intermediate", "int_reporting_periods"), "unique_int_reporting_periods_period_end")
    ]
    assert all(mine.values()), {k: v for k, v in mine.items() if not v}
    assert len(mine) >= 15


@pytest.mark.slow
def test_a_run_not_started_by_cla_has_one_dbt_worker_and_one_ge_process(
    pipeline_run: tuple,
) -> None:
    """A run executed as the daemon executes it (no `cla run` around it): dbt's worker and
    GE's process start with the run's resources (`run_processes`), one of each serves the
    run's two builds, its docs page and its gate, and both end with the run."""
    kinds = [type(helper).__name__ for helper in STARTED]
    assert sorted(kinds) == ["DbtWorker", "GxProcess"]
    assert all(helper.process.poll() is not None for helper in STARTED)
    assert dbt_worker._warm == [] and gx_process._warm == []
