"""One definition of a valid date (dbt_project.yml `date_forms`): dbt's staging, the DfE
rules' typed return and the GX raw suites give every string the same verdict."""

from __future__ import annotations

import duckdb
import pytest

from dagster_project.date_forms import parse_date
from dagster_project.landing.bootstrap import ensure_all_sources
from dagster_project.quality.context import prepare
from dagster_project.quality.gx_runner import GxRunner
from dagster_project.transform.dbt_cli import run_dbt

# (text, a date?) issue 17's two strings first; the GX suites check the form, so an
# impossible day (31/02/2010) is the date rules' and staging's finding, not theirs.
CASES = [
    ("2010-02-01T10:00", True),
    ("2010-2-1", True),
    ("01/02/2010", True),
    ("1/2/2010 10:00:00", True),
    (" 2010-02-01 ", True),
    ("24/04/17", False),
    ("2010-02-01 later", False),
    ("01.02.2010", False),
    ("soon", False),
]


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bool]]:
    warehouse = tmp_path_factory.mktemp("dates") / "w.duckdb"
    con = duckdb.connect(str(warehouse))
    ensure_all_sources(con)
    for n, (text, _) in enumerate(CASES, start=1):
        con.execute(
            "insert into raw.ssda903_episodes (CHILD, DECOM, _batch, _source_file, _row_number)"
            " values (?, ?, '2025', '2025/episodes.csv', ?)",
            [str(n), text, n],
        )
    gx = GxRunner().run_layer(con, "raw", "ssda903")
    gx_bad = set(
        gx.findings.loc[gx.findings["rule_code"] == "ssda903_episodes.DECOM.date", "row_number"]
    )
    ctx = prepare(con, 2025, "ssda903")
    typed = dict(con.execute(f"select _row_number, DECOM from {ctx.tables['episodes']}").fetchall())
    con.close()
    run_dbt(["run", "--select", "stg_ssda903__episodes"], warehouse)
    with duckdb.connect(str(warehouse)) as con:
        staged = dict(
            con.execute("select _row_number, DECOM from staging.stg_ssda903__episodes").fetchall()
        )
    return {
        text: {
            "dbt": staged[n] is not None,
            "rules": typed[n] is not None,
            "gx": n not in gx_bad,
            "python": parse_date(text) is not None,
        }
        for n, (text, _) in enumerate(CASES, start=1)
    }


@pytest.mark.parametrize(("text", "is_date"), CASES)
def test_every_layer_gives_the_same_verdict(verdicts, text: str, is_date: bool) -> None:
    assert verdicts[text] == dict.fromkeys(("dbt", "rules", "gx", "python"), is_date)


def test_an_impossible_day_is_a_form_gx_accepts_and_the_parsers_refuse() -> None:
    assert parse_date("31/02/2010") is None
    assert parse_date("29/02/2024") is not None
