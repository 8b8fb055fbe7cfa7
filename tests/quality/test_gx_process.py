"""Great Expectations in a process of its own (quality/gx_process.py), as `cla run` uses it:
the same findings as GE in the run's own process, its failures never fewer findings.
Real GE in a real second process; nothing is mocked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dagster_project.landing.bootstrap import ensure_all_sources
from dagster_project.quality.gx_process import GxProcess, GxProcessError
from dagster_project.quality.gx_runner import GxRunner, run_layer

ROWS = (
    "insert into raw.mosaic_persons (PERSON_ID, GENDER, DATE_OF_BIRTH, ETHNICITY, _batch, "
    "_source_file, _row_number) values "
)


@pytest.fixture(scope="module")
def process() -> Iterator[GxProcess]:
    started = GxProcess()
    yield started
    started.close()


@pytest.fixture
def warehouse() -> Iterator[duckdb.DuckDBPyConnection]:
    """Raw persons: three rows in two chunks of two, two rows failing a check each."""
    con = duckdb.connect()
    ensure_all_sources(con)
    con.execute(
        ROWS + "('1', 'F', '01/02/2010', ' wbri ', 'x', 'x/persons.csv', 1), "
        "('2', 'F', '2010-02-30x', 'WBRI', 'x', 'x/persons.csv', 2), "
        "('3', 'M', '03/04/2011', 'ZZZZ', 'x', 'x/persons.csv', 3)"
    )
    yield con
    con.close()


def _found(findings: pd.DataFrame) -> list[tuple[str, int, str]]:
    return sorted(
        zip(findings["rule_code"], findings["row_number"], findings["child_id"], strict=True)
    )


def test_ge_in_its_own_process_finds_what_it_finds_here(
    process: GxProcess, warehouse: duckdb.DuckDBPyConnection
) -> None:
    """Chunks of two rows: the second chunk's row is found with its own row number."""
    here = run_layer(warehouse, "raw", "mosaic", GxRunner().failing_rows, chunk_rows=2)
    there = run_layer(warehouse, "raw", "mosaic", process.failing_rows, chunk_rows=2)
    # worked out by hand: row 2's date does not parse; row 3's ethnicity is not a code
    assert _found(there.findings) == [
        ("mosaic_persons.DATE_OF_BIRTH.date", 2, "2"),
        ("mosaic_persons.ETHNICITY.code", 3, "3"),
    ]
    pd.testing.assert_frame_equal(there.findings, here.findings)
    pd.testing.assert_frame_equal(there.stats, here.stats)
    assert there.suites_run == here.suites_run


def test_an_empty_table_is_validated_there_as_here(process: GxProcess) -> None:
    """No rows: one empty frame of the table's columns, as GE's thread validated."""
    con = duckdb.connect()
    ensure_all_sources(con)
    here = run_layer(con, "raw", "mosaic", GxRunner().failing_rows)
    there = run_layer(con, "raw", "mosaic", process.failing_rows)
    con.close()
    pd.testing.assert_frame_equal(there.findings, here.findings)
    assert there.findings.empty


def test_a_suite_ge_cannot_build_fails_the_check_by_name(
    tmp_path: Path, process: GxProcess, warehouse: duckdb.DuckDBPyConnection
) -> None:
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "bad.json").write_text(
        '{"name": "raw.bad", "meta": {"table": "raw.mosaic_persons"}, "expectations": ['
        '{"type": "expect_no_such_thing", "kwargs": {}, '
        '"meta": {"id": "x", "severity": "warning"}}]}'
    )
    with pytest.raises(GxProcessError, match=r"bad\.json"):
        run_layer(warehouse, "raw", "mosaic", process.failing_rows, root=tmp_path)
    # the process answers the next request: one suite's error is not the process's end
    assert run_layer(warehouse, "raw", "mosaic", process.failing_rows).suites_run


def test_a_killed_ge_process_fails_the_check(warehouse: duckdb.DuckDBPyConnection) -> None:
    """The OOM killer or a person's kill: the gate fails naming GE's process, never
    reports fewer findings."""
    doomed = GxProcess()
    try:
        doomed.process.kill()
        doomed.process.wait()
        with pytest.raises(GxProcessError, match="process exited"):
            run_layer(warehouse, "raw", "mosaic", doomed.failing_rows)
    finally:
        doomed.close()


def test_ge_failing_to_start_is_the_answer_to_every_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warehouse: duckdb.DuckDBPyConnection
) -> None:
    """GE cannot load in its process (here: its package shadowed by a broken one): the
    run's gate fails saying so, as it would have failed importing GE itself."""
    broken = tmp_path / "great_expectations"
    broken.mkdir()
    (broken / "__init__.py").write_text("raise ImportError('broken on purpose')\n")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    failing = GxProcess()
    try:
        for _ in range(2):
            with pytest.raises(GxProcessError, match="could not start: ImportError"):
                run_layer(warehouse, "raw", "mosaic", failing.failing_rows)
    finally:
        failing.close()
