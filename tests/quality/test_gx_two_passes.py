"""GX's findings from two passes (`GxRunner.failing_rows`: the suite at BOOLEAN_ONLY, then
each failing expectation alone at COMPLETE) are those of the whole suite at COMPLETE, as GE's
validation definition gives them: the same rows, in the same order.

A generated LA's Mosaic extract, landed, with faults made in the column of every expectation
of the raw suites that checks values (nulls, blanks, formats), so every kind of
failure is found.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dagster_project.landing.loader import land_source
from dagster_project.quality.gx_runner import (
    GxRunner,
    SuiteFile,
    _chunks,
    _failing_rows,
    load_suites,
)
from dagster_project.quality.validate_return import land_return
from dagster_project.synthetic.generator import generate

# a value each kind of expectation refuses
FAULTY = {
    "expect_column_values_to_not_be_null": "null",
    "expect_column_values_to_match_regex": "'not a value!'",
    "expect_column_values_to_not_match_regex": "'   '",  # blank: the raw suites' not_blank
}


@pytest.fixture(scope="module")
def raw(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    root = tmp_path_factory.mktemp("gx_two_passes")
    generate(root / "landing", children=80, years=2, seed=3, source="mosaic", workers=1)
    con = duckdb.connect()
    land_source(con, "mosaic", root / "landing" / "mosaic")
    for suite in load_suites("raw"):
        if suite.source != "mosaic":
            continue
        for i, expectation in enumerate(suite.body["expectations"]):
            column = (expectation.get("kwargs") or {}).get("column")
            if column and expectation["type"] in FAULTY:
                con.execute(
                    f'update {suite.table} set "{column}" = {FAULTY[expectation["type"]]} '
                    f"where hash(_row_number + {i}) % 13 = 0"
                )
    return con


def test_two_passes_find_what_the_whole_suite_finds(raw: duckdb.DuckDBPyConnection) -> None:
    runner = GxRunner()
    kinds: set[str] = set()
    found = 0
    for suite in load_suites("raw"):
        if suite.source != "mosaic":
            continue
        for chunk in _chunks(raw, f"select * from {suite.table}", 500):
            frame = chunk.to_pandas() if not hasattr(chunk, "iloc") else chunk
            ours = runner.failing_rows(suite, "gx_raw", frame, {})
            expected, failed = _whole_suite(runner, suite, frame)
            assert ours == expected, suite.name
            found += len(ours)
            kinds |= failed
    assert found > 100
    assert set(FAULTY) <= kinds  # every kind of failure was there to be found


def test_a_missing_column_is_found_the_same(raw: duckdb.DuckDBPyConnection) -> None:
    """A column a suite checks is absent from the frame: GE reports the expectations on it as
    failed with an error (no rows); the two passes report them as the whole suite does."""
    runner = GxRunner()
    suite = next(s for s in load_suites("raw") if s.table == "raw.mosaic_persons")
    frame = raw.execute(f"select * from {suite.table} limit 200").df().drop(columns=["GENDER"])
    ours = runner.failing_rows(suite, "gx_raw", frame, {})
    assert ours == _whole_suite(runner, suite, frame)[0]
    assert any(row["fields"] == "GENDER" for row in ours)


FAKE_RETURN = Path(__file__).parent / "fixtures" / "validator_fake_903"


def test_the_validators_fake_return_is_found_the_same() -> None:
    """The public validator's own fake 903 return (cut down: fixtures/validator_fake_903),
    landed as `cla validate` lands it, which passes every raw 903 suite; then hostile text
    put in some of its rows (a formula, markup, blanks): every raw 903 suite's findings from
    the two passes are the whole suite's at COMPLETE."""
    runner = GxRunner()
    con = duckdb.connect()
    land_return(con, FAKE_RETURN, 2024)
    for table, column, value in HOSTILE:
        con.execute(
            f'update raw.ssda903_{table} set "{column}" = ? where _row_number % 7 = 1', [value]
        )
    found = checked = 0
    for suite in load_suites("raw"):
        if suite.source != "ssda903":
            continue
        frame = con.execute(f"select * from {suite.table}").df()
        ours = runner.failing_rows(suite, "gx_raw", frame, {})
        assert ours == _whole_suite(runner, suite, frame)[0], suite.name
        checked += len(frame) > 0
        found += len(ours)
    assert checked >= 5  # the fake return's files, not empty tables
    assert found > 20


# values a caseworker's system or a hostile file could carry into a return
HOSTILE = [
    ("episodes", "LS", '=HYPERLINK("http://example.invalid","C2")'),
    ("episodes", "DECOM", "   "),
    ("header", "SEX", "<script>alert(1)</script>"),
    ("header", "CHILD", ""),
    ("reviews", "REVIEW", "@SUM(1)"),
]


def _whole_suite(runner: GxRunner, suite: SuiteFile, frame: pd.DataFrame) -> tuple[list, set]:
    """The findings of `suite` validated whole at COMPLETE by GE's validation definition
    (the one `failing_rows` made), and the kinds of expectation that failed."""
    whole = runner._validations[suite.name].run(
        batch_parameters={"dataframe": frame},
        expectation_parameters=runner.params,
        result_format={"result_format": "COMPLETE"},
    )
    failed = [outcome for outcome in whole.results if not outcome.success]
    rows = [row for o in failed for row in _failing_rows("gx_raw", suite, o, frame, {})]
    return rows, {o.expectation_config.type for o in failed}
