"""Run options never become SQL: `--la "310' or 1=1 --"` is refused before anything runs,
and the dbt models quote vars safely even when dbt is run by hand with such a value."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pydantic
import pytest

from dagster_project.cli import main
from dagster_project.landing.bootstrap import ensure_all_sources
from dagster_project.resources import PipelineResource
from dagster_project.transform.dbt_cli import run_dbt

INJECTION = "310' or 1=1 --"


def test_cla_run_refuses_an_la_code_that_is_not_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "in").mkdir()
    status = main(
        [
            "run",
            "--input",
            str(tmp_path / "in"),
            "--source",
            "mosaic",
            "--la",
            INJECTION,
            "--output",
            str(tmp_path / "out"),
            "--warehouse",
            str(tmp_path / "w" / "cla.duckdb"),
        ]
    )
    assert status == 2
    err = capsys.readouterr().err
    assert err.startswith("cla run: --la: ") and "is not an English local authority code" in err
    assert not (tmp_path / "out").exists() and not (tmp_path / "w").exists()


@pytest.mark.parametrize("code", ["310", "E09000015", " e09000015 "])
def test_real_codes_are_accepted(code: str) -> None:
    pipeline = PipelineResource(la_code=code, source_system="mosaic", publish_dir="/x")
    assert pipeline.la_code == code.strip().upper()


@pytest.mark.parametrize(
    "options",
    [
        {"la_code": INJECTION},
        {"la_code": "310", "statistical_neighbours": ["317", "x') union select 1 --"]},
        {"la_code": "310", "period_ends": ["2025-03-31'), ('1"]},
        {"la_code": "310", "source_system": "mosaic' or 'a'='a"},
    ],
)
def test_every_value_that_reaches_dbt_is_checked(options: dict) -> None:
    with pytest.raises(pydantic.ValidationError):
        PipelineResource(**{"source_system": "mosaic", "publish_dir": "/x", **options})


def test_dbt_quotes_the_la_code_var(tmp_path: Path) -> None:
    """dbt run by hand with a hostile var: the model reads it as text, nothing else."""
    warehouse = tmp_path / "w.duckdb"
    con = duckdb.connect(str(warehouse))
    ensure_all_sources(con)
    con.close()
    run_dbt(
        [
            "build",
            "--select",
            "+int_comparators__reporting_la",
            "--exclude-resource-type",
            "test",
            "--exclude-resource-type",
            "unit_test",
        ],
        warehouse,
        {"la_code": INJECTION, "source_system": "mosaic", "period_ends": ["2025-03-31"]},
        target=tmp_path / "target",
    )
    con = duckdb.connect(str(warehouse), read_only=True)
    rows = con.execute(
        "select la_code_given, old_la_code, new_la_code, is_resolved "
        "from intermediate.int_comparators__reporting_la"
    ).fetchall()
    con.close()
    assert rows == [(INJECTION.upper(), None, None, False)]  # text, matching no LA
