"""Landing inside a real Dagster run: checks, blocking, and what reaches the warehouse."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dagster_project.resources import PipelineResource
from dagster_project.runner import run_pipeline

FILES = {
    "persons.csv": "PERSON_ID,GENDER,DATE_OF_BIRTH,ETHNICITY\n1,F,01/02/2012,WBRI\n",
    "periods_of_care.csv": "PERIOD_OF_CARE_ID,PERSON_ID,START_DATE,END_DATE,CATEGORY_OF_NEED,"
    "REASON_ENDED,HOME_POSTCODE\n10,1,01/04/2024,,N1,,HA1 1AA\n",
    "legal_statuses.csv": "LEGAL_STATUS_ID,PERSON_ID,LEGAL_STATUS,START_DATE,END_DATE\n"
    "20,1,C2,01/04/2024,\n",
    "placements.csv": "PLACEMENT_ID,PERSON_ID,PERIOD_OF_CARE_ID,START_DATE,END_DATE,"
    "PLACEMENT_TYPE,PLACEMENT_PROVIDER,CARER_ID,PLACEMENT_POSTCODE\n"
    "30,1,10,01/04/2024,,U4,PR1,C9,HA2 0AA\n",
}


def write_extract(root: Path, files: dict[str, str]) -> Path:
    extract = root / "mosaic" / "2025-03-31"
    extract.mkdir(parents=True)
    for name, text in files.items():
        (extract / name).write_text(text)
    return root / "mosaic"


def pipeline(mosaic_dir: Path, tmp_path: Path) -> PipelineResource:
    return PipelineResource(
        la_code="310",
        source_system="mosaic",
        mosaic_dir=str(mosaic_dir),
        publish_dir=str(tmp_path / "publish"),
    )


@pytest.mark.slow
def test_bad_file_blocks_the_run_and_names_the_file(tmp_path: Path) -> None:
    files = dict(FILES)
    files["legal_statuses.csv"] = "LEGAL_STATUS_ID,PERSON_ID,START_DATE\n20,1,01/04/2024\n"
    mosaic = write_extract(tmp_path / "landing", files)
    warehouse = tmp_path / "w.duckdb"
    outcome = run_pipeline(pipeline(mosaic, tmp_path), warehouse)
    assert not outcome.success
    assert any(
        "mosaic/legal_statuses:files_accepted" in c
        and "2025-03-31/legal_statuses.csv" in c
        and "LEGAL_STATUS" in c
        for c in outcome.failed_checks
    ), outcome.failed_checks
    # the file was found and rejected: its reason, not "not found"
    assert not any("not found" in c for c in outcome.failed_checks), outcome.failed_checks
    # nothing below landing ran: dbt built no staging view
    con = duckdb.connect(str(warehouse), read_only=True)
    schemas = {
        r[0] for r in con.execute("select schema_name from information_schema.schemata").fetchall()
    }
    con.close()
    assert "staging" not in schemas
    assert "legal_statuses" in outcome.summary()


@pytest.mark.slow
def test_missing_required_file_blocks(tmp_path: Path) -> None:
    files = {k: v for k, v in FILES.items() if k != "placements.csv"}
    mosaic = write_extract(tmp_path / "landing", files)
    outcome = run_pipeline(pipeline(mosaic, tmp_path), tmp_path / "w.duckdb")
    assert not outcome.success
    assert any("required file placements.csv not found" in c for c in outcome.failed_checks)


@pytest.mark.slow
def test_cla_run_exit_status_names_the_check_and_keeps_the_log(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    from dagster_project.cli import main

    files = dict(FILES)
    files["persons.csv"] = "PERSON_ID,GENDER\n1,F\n"
    mosaic = write_extract(tmp_path / "landing", files)
    warehouse = tmp_path / "warehouse" / "cla.duckdb"
    status = main(
        [
            "run",
            "--input",
            str(mosaic),
            "--source",
            "mosaic",
            "--output",
            str(tmp_path / "publish"),
            "--warehouse",
            str(warehouse),
        ]
    )
    err = capsys.readouterr().err
    assert status == 1
    assert "blocking check failed: mosaic/persons:files_accepted" in err
    assert "2025-03-31/persons.csv: missing required column(s) DATE_OF_BIRTH, ETHNICITY" in err
    assert "run log: " in err
    (log,) = (warehouse.parent / "logs").glob("cla-run-*.log")
    assert log.is_file()
