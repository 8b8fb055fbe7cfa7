"""The synthetic DfE release the default run uses: format, labelling, determinism, use."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import duckdb
import pytest

from dagster_project.synthetic.dfe_release import write_synthetic_release

from .dfe_files import land_and_build

HEADLINE = {
    "cla_rate_per_10k",
    "placements_3plus_pct",
    "long_term_stability_pct",
    "uasc_pct",
    "placed_over_20_miles_pct",
    "health_assessment_pct",
    "dental_check_pct",
    "immunisations_pct",
    "sdq_average_score",
    "missing_incident_pct",
    "away_incident_pct",
    "care_leavers_17_18_eet_pct",
    "care_leavers_19_21_eet_pct",
    "care_leavers_17_18_suitable_accom_pct",
    "care_leavers_19_21_suitable_accom_pct",
}


def digest(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def test_same_seed_same_bytes_other_seed_other_figures(tmp_path: Path) -> None:
    one = write_synthetic_release(tmp_path / "a", seed=7)
    two = write_synthetic_release(tmp_path / "b", seed=7)
    three = write_synthetic_release(tmp_path / "c", seed=8)
    assert digest(one) == digest(two)
    rate = "cla_number_and_rate_per_10k_children.csv"
    assert digest(one)[rate] != digest(three)[rate]


def test_labelled_synthetic_with_the_real_file_names(tmp_path: Path) -> None:
    folder = write_synthetic_release(tmp_path / "dfe", first_year=2022, last_year=2025)
    assert folder.name == "synthetic_dfe_release_2025"
    assert (folder / "README.txt").read_text().startswith("SYNTHETIC DATA - NOT DfE STATISTICS")
    assert (folder / ".synthetic").is_file()
    names = {p.name for p in folder.glob("*.csv")}
    assert {
        "cla_number_and_rate_per_10k_children.csv",
        "la_cla_placement_stability.csv",
        "la_conviction_health_outcome_cla.csv",
        "la_care_leavers_activity.csv",
        "la_care_leavers_accommodation_suitability.csv",
        "la_children_who_were_missing_or_away_from_placement_without_authorisation.csv",
        "la_cla_on_31_march_by_characteristics.csv",
        "sn_model_2025_wide.csv",
        "ons_mid-year_population_estimates_2021_to_2024.csv",
    } == names
    with (folder / "cla_number_and_rate_per_10k_children.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert {int(r["time_period"]) for r in rows} == {2022, 2023, 2024, 2025}
    assert "Bristol, City of" in {r["la_name"] for r in rows}
    assert {r["geographic_level"] for r in rows} == {"National", "Regional", "Local authority"}
    assert {r["old_la_code"] for r in rows} >= {"310", "317", "826"}


def test_unknown_la_without_built_in_neighbours_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no built-in statistical neighbours"):
        write_synthetic_release(tmp_path, la_code="999")


def test_the_default_run_has_comparators_for_the_headline_indicators(
    tmp_path: Path, dbt_target: Path
) -> None:
    dfe = tmp_path / "dfe"
    write_synthetic_release(dfe)
    warehouse, _ = land_and_build(dfe, tmp_path, target=dbt_target)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        found = con.execute(
            "select indicator_id, list(distinct geography order by geography), "
            "max(sn_count) filter (where geography = 'sn_average') "
            "from marts.comparators where time_period = 2025 group by 1"
        ).fetchall()
        suppressed = con.execute(
            "select count(*) from intermediate.int_comparators__dfe_values "
            "where percent_value is null and count_value is null"
        ).fetchone()[0]
    by_indicator = {r[0]: (r[1], r[2]) for r in found}
    assert set(by_indicator) >= HEADLINE
    for indicator in HEADLINE:
        geographies, sn_count = by_indicator[indicator]
        assert geographies == ["england", "la", "region", "sn_average", "sn_median"], indicator
        assert 5 <= sn_count <= 10, indicator
    assert suppressed > 0  # suppression codes are sprinkled in
