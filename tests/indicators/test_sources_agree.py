"""The same synthetic LA, run from its Mosaic extract and from its 903 files, gives the same
indicators wherever both sources can compute them.

The generator writes both forms from one set of histories (six collection years to
31/03/2026): the Mosaic extract with its CIN files, and the 903 files with the CIN census
returns, so the children in need and child protection indicators are compared too. Both are
landed into one warehouse with the synthetic DfE release (population, the LA's ONS code) and
the postcode directory, which is then copied, and each copy is built with its own
`source_system`. Reporting dates lie where both have full history: the year
ends 2024-2026, quarter ends in between, and 28/02/2025 (a month end that is not a quarter
end). Excluded, because a 903 source cannot compute them (spec/indicators.md): the OC2
(health) and OC3 (care-leaver) indicators away from 31 March (903 OC2/OC3 returns exist only
for a collection year), and care_leavers_eet_snapshot_pct at every date (it needs the Mosaic
contact history). At 31 March those OC2/OC3 indicators must agree too.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from dagster_project.reference.postcodes import letters_in_use, load_postcodes
from dagster_project.synthetic.dfe_release import write_synthetic_release
from dagster_project.synthetic.generator import generate
from dagster_project.warehouse import connect

from .helpers import build, land, members_disagreeing, rows

PERIOD_ENDS = ["2024-03-31", "2025-03-31", "2026-03-31", "2024-09-30", "2025-12-31", "2025-02-28"]
OC2_OC3 = (
    "health_assessment_pct",
    "dental_check_pct",
    "immunisations_pct",
    "sdq_completed_pct",
    "sdq_average_score",
    "care_leavers_19_21_eet_pct",
    "care_leavers_19_21_suitable_accom_pct",
    "care_leavers_19_21_in_touch_pct",
    "care_leavers_17_18_eet_pct",
    "care_leavers_17_18_suitable_accom_pct",
    "care_leavers_17_18_in_touch_pct",
    "care_leavers_uasc_pct",
)
MOSAIC_ONLY = ("care_leavers_eet_snapshot_pct",)


@pytest.fixture(scope="module")
def warehouses(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("sources_agree")
    landing = root / "landing"
    generate(landing, children=300, years=6, seed=4242, workers=1)
    write_synthetic_release(landing / "dfe")
    landed = root / "landed.duckdb"
    for source in ("mosaic", "ssda903", "cin", "dfe"):
        land(landed, source, landing / source)
    with connect(landed) as con:
        load_postcodes(con, letters_in_use(con))
    built = {}
    for source in ("mosaic", "ssda903"):
        path = root / f"{source}.duckdb"
        shutil.copyfile(landed, path)
        build(
            path,
            root / f"target_{source}",
            source,
            la_code="310",
            period_ends=PERIOD_ENDS,
            data_tests=False,  # the hand-built LA's build runs them
        )
        built[source] = path
    return built


def _values(path: Path) -> dict[tuple, tuple]:
    return {
        (r[0], r[1]): r[2:]
        for r in rows(
            path,
            "select indicator_id, period_end, numerator, denominator, value, is_year_end "
            "from marts.indicator_values v "
            "join intermediate.int_indicators__dates d using (period_end)",
        )
    }


def _comparable(key: tuple, is_year_end: bool) -> bool:
    indicator_id = key[0]
    if indicator_id in MOSAIC_ONLY:
        return False
    return is_year_end or indicator_id not in OC2_OC3


def test_the_la_is_big_enough_to_mean_something(warehouses: dict[str, Path]) -> None:
    """Each family of indicators has something to compare at 31/03/2025."""
    found = _values(warehouses["ssda903"])
    for indicator_id in (
        "cla_at_period_end",
        "cla_rate_per_10k",
        "cla_ceased",
        "placements_3plus_pct",
        "long_term_stability_pct",
        "placed_over_20_miles_pct",
        "placed_outside_la_pct",
        "health_assessment_pct",
        "care_leavers_19_21_eet_pct",
        "missing_incident_pct",
        "review_participation_pct",
        "cin_at_period_end",
        "referrals_12m",
        "rereferrals_12m_pct",
        "assessments_within_45_days_pct",
        "icpc_within_15_days_pct",
        "cpp_at_period_end",
        "cpp_subsequent_pct",
        "cla_disabled_pct",
    ):
        numerator = found[(indicator_id, dt.date(2025, 3, 31))][0]
        assert numerator and numerator > 0, indicator_id


def test_every_indicator_computable_from_both_is_identical(warehouses: dict[str, Path]) -> None:
    mosaic, ssda903 = _values(warehouses["mosaic"]), _values(warehouses["ssda903"])
    assert mosaic.keys() == ssda903.keys()
    compared = [k for k, v in mosaic.items() if _comparable(k, v[3])]
    assert len(compared) > 300
    different = {k: (mosaic[k][:3], ssda903[k][:3]) for k in compared if mosaic[k] != ssda903[k]}
    assert different == {}


def test_what_903_cannot_compute_is_null_with_a_note(warehouses: dict[str, Path]) -> None:
    mosaic, ssda903 = _values(warehouses["mosaic"]), _values(warehouses["ssda903"])
    excluded = [k for k, v in ssda903.items() if not _comparable(k, v[3])]
    assert excluded
    assert all(ssda903[k][:3] == (None, None, None) for k in excluded)
    assert all(mosaic[k][2] is not None for k in excluded), "Mosaic computes them all"
    notes = rows(
        warehouses["ssda903"],
        "select distinct note from marts.indicator_values where value is null and note is not null",
    )
    assert {n[0].split(" ")[0] for n in notes} <= {"From", "The"}


def test_breakdowns_are_identical(warehouses: dict[str, Path]) -> None:
    sql = (
        'select indicator_id, period_end, category, "count", percent '
        "from marts.indicator_breakdowns order by all"
    )
    mosaic, ssda903 = rows(warehouses["mosaic"], sql), rows(warehouses["ssda903"], sql)
    assert len(mosaic) == len(ssda903) > 0
    assert mosaic == ssda903


@pytest.mark.parametrize("source", ["mosaic", "ssda903"])
def test_members_reproduce_every_figure_at_every_date(
    warehouses: dict[str, Path], source: str
) -> None:
    """indicator_members counts equal each indicator's numerator and denominator (issue 14)."""
    assert members_disagreeing(warehouses[source]) == []
    (members,) = rows(warehouses[source], "select count(*) from marts.indicator_members")[0]
    assert members > 10_000
    # No record errors were landed: no figure has an affected child.
    assert rows(warehouses[source], "select max(dq_affected) from marts.indicator_values") == [(0,)]


def test_members_are_identical_wherever_both_compute_the_figure(
    warehouses: dict[str, Path],
) -> None:
    sql = (
        "select indicator_id, period_end, CHILD, in_numerator, numerator_contribution, "
        "denominator_contribution from marts.indicator_members m "
        "join intermediate.int_indicators__dates d using (period_end) "
        "where indicator_id not in ('care_leavers_eet_snapshot_pct') "
        f"and (d.is_year_end or indicator_id not in {OC2_OC3}) order by all"
    )
    mosaic, ssda903 = rows(warehouses["mosaic"], sql), rows(warehouses["ssda903"], sql)
    assert len(mosaic) > 10_000
    assert mosaic == ssda903
