"""The year before a return is typed only for rules that compare the two.

`prepare(..., previous_year=False)` types one return, not two; `record_errors.find` asks for
that, as no record-error rule reads a `<table>_last` table (half the typing of the nightly
record-error step, docs/benchmarks.md). Checked on a generated LA's 903 returns with faults
made in every year: each year's record-error findings are the same with and without the year
before typed, and a rule that does read it still gets it.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dagster_project.landing.loader import land_source
from dagster_project.quality.context import prepare, reads_previous_year
from dagster_project.quality.engine import run_rules
from dagster_project.quality.record_errors import is_record_error
from dagster_project.quality.rules import rules_for
from dagster_project.synthetic.generator import generate

# faults the record-error rules find, in about one row in 20 of each year's files
FAULTS = {
    "episodes": {"LS": "'ZZ'", "PLACE": "'X9'", "DECOM": "'31/02/2020'"},
    "header": {"SEX": "'7'", "DOB": "'not a date'"},
    "missing": {"MIS_START": "'32/01/2021'"},
}


@pytest.fixture(scope="module")
def landed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four years of a generated LA's 903 returns, landed, with faults in every year."""
    root = tmp_path_factory.mktemp("previous_year")
    generate(root / "landing", children=150, years=4, seed=11, source="ssda903", workers=1)
    path = root / "warehouse.duckdb"
    with duckdb.connect(str(path)) as con:
        land_source(con, "ssda903", root / "landing" / "ssda903")
        for table, faults in FAULTS.items():
            for column, bad in faults.items():
                con.execute(
                    f'update raw.ssda903_{table} set "{column}" = {bad} '
                    f"where hash(_source_file || _row_number || '{column}') % 20 = 0"
                )
    return path


def _years(con: duckdb.DuckDBPyConnection) -> list[int]:
    rows = con.execute("select distinct cast(_batch as integer) from raw.ssda903_episodes")
    return sorted(r[0] for r in rows.fetchall())


def test_record_error_findings_do_not_need_the_year_before(landed: Path) -> None:
    with duckdb.connect(str(landed)) as con:
        years = _years(con)
        assert len(years) == 4
        found_in = 0
        for year in years:
            rules = tuple(r for r in rules_for(year) if is_record_error(r, {}))
            both, one = (
                run_rules(con, prepare(con, year, "ssda903", previous_year=typed), rules)
                for typed in (True, False)
            )
            assert one.findings.equals(both.findings), year
            assert one.stats.equals(both.stats), year
            found_in += int(len(one.findings) > 0)
        assert found_in == len(years)  # the faults are found in every year


def test_the_year_before_is_typed_only_when_asked(landed: Path) -> None:
    with duckdb.connect(str(landed)) as con:
        year = _years(con)[-1]
        ctx = prepare(con, year, "ssda903", previous_year=False)
        assert not [t for t in ctx.tables if t.endswith("_last")]
        made = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
        assert not [t for t in made if t.endswith("_last")]
        ctx = prepare(con, year, "ssda903")
        assert {"episodes_last", "header_last"} <= set(ctx.tables)


def test_a_rule_comparing_two_returns_gets_the_year_before() -> None:
    rules = {r.code: r for r in rules_for(2026)}
    assert reads_previous_year([rules["208"]])  # UPN against last year's header
    assert reads_previous_year([rules["164"]])  # former UASC: this year's or last's
    assert not reads_previous_year([rules["103"]])  # ethnicity code of this return
    record_errors = [r for r in rules.values() if is_record_error(r, {})]
    assert record_errors and not reads_previous_year(record_errors)
    assert reads_previous_year(rules.values())
