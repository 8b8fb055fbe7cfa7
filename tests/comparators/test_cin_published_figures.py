"""The LA's CIN/CP comparators equal DfE's published figures, from real release rows.

Fixtures (tests/comparators/fixtures/dfe_cin/README.md) are rows cut from the real DfE
"Children in need" files of the 2024 and 2025 releases for England, Outer London, Harrow
and its ten statistical neighbours, in 2013, 2019, 2024 and 2025. Every expected figure
below is read from those files by hand (the neighbours' values listed so the averages can
be checked on paper); none is computed by the pipeline's code.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from dagster_project.landing.bootstrap import ensure_all_sources
from dagster_project.landing.loader import land_source
from dagster_project.transform.dbt_cli import run_dbt
from dagster_project.warehouse import connect

from .dfe_files import write_real_sn_model_2025

FIXTURES = Path(__file__).parent / "fixtures" / "dfe_cin"

# Harrow's published figures (la), DfE's rounding as published.
HARROW = {
    "cin_at_period_end": {2013: 1313, 2019: 1820, 2024: 1478, 2025: 1456},
    "referrals_12m": {2013: 1529, 2019: 2518, 2024: 2470, 2025: 2281},
    "rereferrals_12m_pct": {2013: 14.2, 2019: 13.0, 2024: 13.5, 2025: 15.6},
    "cpp_started_12m": {2013: 145, 2019: 339, 2024: 367, 2025: 296},
    "cpp_subsequent_pct": {2013: 11.7, 2019: 15.0, 2024: 18.8, 2025: 17.2},
    "cpp_at_period_end": {2013: 122, 2019: 280, 2024: 290, 2025: 275},
    "cpp_2years_plus_pct": {2013: 4.9, 2019: None, 2024: 3.1, 2025: 3.3},  # 2019: "c"
    # rates only up to the 2024 release (the 2025 release dropped them): no 2025 row
    "cin_rate_per_10k": {2013: 236.6, 2019: 311.8, 2024: 247.6},
}
ENGLAND = {
    "cin_at_period_end": {2013: 378030, 2019: 399510, 2024: 399460, 2025: 402400},
    "rereferrals_12m_pct": {2013: 24.7, 2019: 22.6, 2024: 22.4, 2025: 22.6},
    "cpp_subsequent_pct": {2013: 14.9, 2019: 20.8, 2024: 24.7, 2025: 24.5},
    "cpp_2years_plus_pct": {2013: 3.2, 2019: 2.1, 2024: 2.6, 2025: 2.3},
    "cin_rate_per_10k": {2013: 331.5, 2019: 339.8, 2024: 332.9},
}
# Statistical neighbours in the model's order: Redbridge 317, Hillingdon 312, Barnet 302,
# Ealing 307, Waltham Forest 320, Reading 870, Hounslow 313, Merton 315, Slough 871,
# Milton Keynes 826. None = suppressed ("c"): left out of the mean, not counted as 0.
NEIGHBOURS = {
    ("rereferrals_12m_pct", 2025): [16.8, 20.9, 14.8, 19.5, 19.1, 22.9, 12.1, 21.3, 20.7, 20.3],
    ("rereferrals_12m_pct", 2013): [19.8, 23.5, 22.4, 14.6, 14.6, 19, 11.9, 12, 18, 29.4],
    ("cpp_subsequent_pct", 2025): [15.1, 15.1, 11.8, 15.1, 31.5, 25.1, 20.5, 30.4, 21, 22.2],
    ("cpp_2years_plus_pct", 2025): [0, 7.9, None, 0, 4.9, None, None, 3.8, None, 0],
    ("cpp_2years_plus_pct", 2019): [0, None, None, 9.2, None, 3.9, 4.5, None, None, None],
    ("cin_rate_per_10k", 2024): [
        319.6,
        361.1,
        246.7,
        322.8,
        336.9,
        450.8,
        237.8,
        270.8,
        385.7,
        343.6,
    ],
}
# The same averages and medians worked out on paper from the lists above.
SN_AVERAGE = {
    ("rereferrals_12m_pct", 2025): (18.84, 19.9, 10),  # 188.4 / 10; median (19.5 + 20.3) / 2
    ("rereferrals_12m_pct", 2013): (18.52, 18.5, 10),  # 185.2 / 10; median (18 + 19) / 2
    ("cpp_subsequent_pct", 2025): (20.78, 20.75, 10),  # 207.8 / 10; median (20.5 + 21) / 2
    ("cpp_2years_plus_pct", 2025): (16.6 / 6, 1.9, 6),  # 6 published; median (0 + 3.8) / 2
    ("cpp_2years_plus_pct", 2019): (4.4, 4.2, 4),  # 17.6 / 4; median (3.9 + 4.5) / 2
    ("cin_rate_per_10k", 2024): (327.58, 329.85, 10),  # 3275.8 / 10; (322.8 + 336.9) / 2
}


@pytest.fixture(scope="module")
def comparators(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple, tuple]:
    work = tmp_path_factory.mktemp("cin_comparators")
    dfe = work / "dfe"
    shutil.copytree(FIXTURES / "release_2024", dfe / "release_2024")
    shutil.copytree(FIXTURES / "release_2025", dfe / "release_2025")
    write_real_sn_model_2025(dfe, codes=("310",))
    warehouse = work / "warehouse.duckdb"
    with connect(warehouse) as con:
        ensure_all_sources(con)
        report = land_source(con, "dfe", dfe)
    assert not report.rejected, [(o.source_file, o.message) for o in report.rejected]
    assert {o.status for o in report.outcomes} == {"loaded"}
    run_dbt(
        ["build", "--select", "+comparators", "--exclude-resource-type", "unit_test"],
        warehouse,
        {"la_code": "310"},
        target=work / "target",
    )
    with duckdb.connect(str(warehouse), read_only=True) as con:
        found = con.execute(
            "select indicator_id, time_period, geography, value, sn_count, release "
            "from marts.comparators"
        ).fetchall()
    return {(r[0], r[1], r[2]): r[3:] for r in found}


def test_the_las_figures_are_dfes_published_figures(comparators: dict) -> None:
    for indicator_id, years in HARROW.items():
        for year, published in years.items():
            value, _, release = comparators[(indicator_id, year, "la")]
            assert value == published, (indicator_id, year)
            # the latest release wins; the rates exist only in the 2024 release
            expected = "release_2024" if indicator_id == "cin_rate_per_10k" else "release_2025"
            assert release == expected, (indicator_id, year)
    assert ("cin_rate_per_10k", 2025, "la") not in comparators


def test_england_and_the_region(comparators: dict) -> None:
    for indicator_id, years in ENGLAND.items():
        for year, published in years.items():
            assert comparators[(indicator_id, year, "england")][0] == published
    assert comparators[("rereferrals_12m_pct", 2025, "region")][0] == 19.6  # Outer London
    assert comparators[("cpp_at_period_end", 2025, "region")][0] == 4870


def test_statistical_neighbours_over_published_values_only(comparators: dict) -> None:
    for key, values in NEIGHBOURS.items():
        published = [v for v in values if v is not None]
        average, median, count = SN_AVERAGE[key]
        assert sum(published) / len(published) == pytest.approx(average)
        found_average, found_count, _ = comparators[(*key, "sn_average")]
        assert found_average == pytest.approx(average, abs=1e-9), key
        assert found_count == count == len(published), key
        assert comparators[(*key, "sn_median")][0] == pytest.approx(median, abs=1e-9), key
