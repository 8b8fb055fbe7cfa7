"""The GX suite files load whole into GX, and validating them prints no progress bars."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dagster_project.landing.bootstrap import ensure_all_sources
from dagster_project.quality.gx_runner import LAYERS, GxRunner, load_suites, suite_parameters


@pytest.fixture(scope="module")
def runner() -> GxRunner:
    return GxRunner()


def test_every_suite_file_builds_every_expectation(runner: GxRunner) -> None:
    suites = [s for layer in LAYERS for s in load_suites(layer)]
    assert len(suites) >= 20
    for suite in suites:
        validation = runner._validation(suite)  # raises when GX would drop an expectation
        assert validation.name == suite.name
        ids = [e["meta"]["id"] for e in suite.body["expectations"]]
        assert len(ids) == len(set(ids)), suite.path
        assert all(
            e["meta"]["severity"] in ("structural", "record_error", "warning")
            for e in suite.body["expectations"]
        )


def test_a_suite_file_gx_cannot_build_is_refused(tmp_path: Path, runner: GxRunner) -> None:
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "bad.json").write_text(
        '{"name": "raw.bad", "meta": {"table": "raw.bad"}, "expectations": ['
        '{"type": "expect_no_such_thing", "kwargs": {}, '
        '"meta": {"id": "x", "severity": "warning"}}]}'
    )
    (suite,) = load_suites("raw", tmp_path)
    with pytest.raises(ValueError, match=r"bad\.json"):
        runner._validation(suite)


def test_code_lists_are_parameters_from_the_seed() -> None:
    params = suite_parameters()
    assert "C2" in params["codes_LS"] and "Z9" not in params["codes_LS"]
    assert params["code_regex_LS"].startswith("(?i)")
    # a Mosaic extract spans years: a code of any year is a code (Z1 until 2024-25, Z11 after)
    assert {"Z1", "Z11"} <= set(params["codes_PLACE"])


def test_activity_and_accommodation_0_are_codes_for_mosaic() -> None:
    """0 is DfE's code for a care leaver who died or returned home (rule 344)."""
    con = duckdb.connect()
    ensure_all_sources(con)
    con.execute(
        "insert into raw.mosaic_care_leaver_contacts (PERSON_ID, CONTACT_DATE, IN_TOUCH, "
        "ACCOMMODATION, ACTIVITY, _batch, _source_file, _row_number) values "
        "('1', '01/02/2024', 'DIED', '0', '0', 'x', 'x/c.csv', 1), "
        "('2', '01/02/2024', 'YES', 'S1', 'G7', 'x', 'x/c.csv', 2)"
    )
    run = GxRunner().run_layer(con, "raw", "mosaic")
    con.close()
    found = sorted(zip(run.findings["rule_code"], run.findings["row_number"], strict=True))
    # S1 and G7 are not DfE codes (no fixed abode is never suitable; no "not known" activity)
    assert found == [
        ("mosaic_care_leaver_contacts.ACCOMMODATION.code", 2),
        ("mosaic_care_leaver_contacts.ACTIVITY.code", 2),
    ]


def test_validation_prints_no_progress_bars(capfd: pytest.CaptureFixture[str]) -> None:
    con = duckdb.connect()
    ensure_all_sources(con)
    con.execute(
        "insert into raw.mosaic_persons (PERSON_ID, GENDER, DATE_OF_BIRTH, ETHNICITY, _batch, "
        "_source_file, _row_number) values "
        "('1', 'F', '01/02/2010', ' wbri ', 'x', 'x/persons.csv', 1), "
        "('2', 'F', '2010-02-30x', 'ZZZZ', 'x', 'x/persons.csv', 2)"
    )
    run = GxRunner().run_layer(con, "raw", "mosaic")
    con.close()
    out, err = capfd.readouterr()
    assert "Calculating Metrics" not in out + err
    found = sorted(zip(run.findings["rule_code"], run.findings["row_number"], strict=True))
    # ' wbri ' is WBRI (any case, spaces trimmed); ZZZZ is not a code; 2010-02-30x not a date
    assert found == [("mosaic_persons.DATE_OF_BIRTH.date", 2), ("mosaic_persons.ETHNICITY.code", 2)]


def test_ge_does_not_fingerprint_the_frames_it_validates() -> None:
    """GE hashes each frame for a batch marker nobody reads (30-45% of a chunk's time);
    the runner turns it off through GE's module constant. An upgrade that hashes again
    whatever the constant says fails here."""
    import pandas as pd

    (suite,) = [s for s in load_suites("raw") if s.name == "raw.mosaic_persons"]
    frame = pd.DataFrame(
        {
            "PERSON_ID": ["1"],
            "GENDER": ["F"],
            "DATE_OF_BIRTH": ["01/02/2010"],
            "ETHNICITY": ["WBRI"],
        }
    )
    runner = GxRunner()  # its own context: the module's has built every suite already
    result = runner._validation(suite).run(
        batch_parameters={"dataframe": frame}, expectation_parameters=runner.params
    )
    assert result.results  # validated
    assert "pandas_data_fingerprint" not in result.meta["batch_markers"]
