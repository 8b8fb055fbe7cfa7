"""Real DfE releases 2022-2025 load and give the figures DfE published (issue 11 point 4).

The fixtures (fixtures/dfe_releases/, README there) are rows of the real release files: their
headers, labels, byte-order marks and suppression symbols as published. Landed side by side,
every file lands, every label is placed, and each release's rows give Harrow's and England's
figures of its latest year exactly as that release published them (read off the files, not
computed); `marts.comparators` gives the latest release's figure for each year and the
statistical-neighbour average of the real May 2025 model. The 2024 release (whose
missing/away labels once stopped the nightly run) is also built on its own, through the mart.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from dagster_project.landing.contracts import source_contract
from dagster_project.quality.gate import dfe_label_findings

from .dfe_files import land_and_build, write_real_population_2024, write_real_sn_model_2025

FIXTURES = Path(__file__).parent / "fixtures" / "dfe_releases"
RELEASES = (2022, 2023, 2024, 2025)


def copy_release(year: int, dfe: Path) -> Path:
    """A release folder as published: the cut files, and for 2025 the model and population
    files, which the tests write from the real rows (dfe_files.py) rather than keep."""
    folder = dfe / f"release_{year}"
    shutil.copytree(FIXTURES / f"release_{year}", folder)
    if year == 2025:
        write_real_sn_model_2025(folder)
        write_real_population_2024(folder)
    return folder


# Each release's figures for its own latest year, as published in that release's files
# (Harrow's `la` value, England's value). None: suppressed ("c") in the release.
PUBLISHED: dict[int, dict[str, tuple[float | None, float]]] = {
    2022: {
        "cla_rate_per_10k": (32, 70),
        "placements_3plus_pct": (14, 10),
        "long_term_stability_pct": (68, 71),
        "health_assessment_pct": (99, 89),
        "dental_check_pct": (91, 70),
        "immunisations_pct": (77, 85),
        "sdq_completed_pct": (88, 77),
        "sdq_average_score": (10.6, 13.8),
        "care_leavers_17_18_eet_pct": (80, 66),
        "care_leavers_19_21_eet_pct": (66, 55),
        "care_leavers_17_18_suitable_accom_pct": (None, 90),
        "care_leavers_19_21_suitable_accom_pct": (90, 88),
        "missing_incident_pct": (8, 11),
        "away_incident_pct": (5, 2),
    },
    2023: {
        "cla_rate_per_10k": (30, 71),
        "placements_3plus_pct": (9, 10),
        "long_term_stability_pct": (67, 69),
        "health_assessment_pct": (91, 89),
        "dental_check_pct": (91, 76),
        "immunisations_pct": (73, 82),
        "sdq_completed_pct": (93, 75),
        "sdq_average_score": (12.4, 14.4),
        "care_leavers_17_18_eet_pct": (72, 66),
        "care_leavers_19_21_eet_pct": (69, 56),
        "care_leavers_17_18_suitable_accom_pct": (89, 91),
        "care_leavers_19_21_suitable_accom_pct": (90, 88),
        "missing_incident_pct": (8, 11),
        "away_incident_pct": (5, 2),
    },
    2024: {
        "cla_rate_per_10k": (29, 70),
        "placements_3plus_pct": (10, 10),
        "long_term_stability_pct": (85, 68),
        "health_assessment_pct": (94, 89),
        "dental_check_pct": (84, 79),
        "immunisations_pct": (73, 82),
        "sdq_completed_pct": (95, 77),
        "sdq_average_score": (14.5, 14.7),
        "care_leavers_17_18_eet_pct": (74, 64),
        "care_leavers_19_21_eet_pct": (66, 54),
        "care_leavers_17_18_suitable_accom_pct": (88, 91),
        "care_leavers_19_21_suitable_accom_pct": (91, 88),
        "missing_incident_pct": (12, 11),
        "away_incident_pct": (7, 2),
    },
    2025: {  # the reference README: CLA rate 29/67, 3+ placements 12/10, ...
        "cla_rate_per_10k": (29, 67),
        "placements_3plus_pct": (12, 10),
        "long_term_stability_pct": (65, 69),
        "health_assessment_pct": (97, 90),
        "dental_check_pct": (96, 81),
        "immunisations_pct": (80, 84),
        "sdq_completed_pct": (87, 78),
        "sdq_average_score": (14.1, 14.9),
        "care_leavers_17_18_eet_pct": (73, 64),
        "care_leavers_19_21_eet_pct": (67, 54),
        "care_leavers_17_18_suitable_accom_pct": (98, 91),
        "care_leavers_19_21_suitable_accom_pct": (92, 89),
    },
}


def rows(warehouse: Path, sql: str, params: list[object] | None = None) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def mart(warehouse: Path, year: int, geographies: tuple[str, ...]) -> dict[tuple[str, str], tuple]:
    found = rows(
        warehouse,
        "select indicator_id, geography, value, release, note from marts.comparators "
        "where time_period = ? and geography in (select unnest(?))",
        [year, list(geographies)],
    )
    return {(r[0], r[1]): r[2:] for r in found}


def as_published(warehouse: Path, release: str, year: int) -> dict[tuple[str, str], object]:
    """What one release's rows say for Harrow and England in `year`, through the label seed
    and the measure seed (the mart's own mapping, without the latest-release rule)."""
    found = rows(
        warehouse,
        """
        select m.indicator_id,
               case when v.geographic_level = 'national' then 'england' else 'la' end,
               case m.value_column when 'percent' then v.percent_value
                    when 'count' then v.count_value when 'rate' then v.rate_value end
        from intermediate.int_comparators__dfe_values as v
        inner join reference_codes.dfe_comparator_measures as m
            on m.file_kind = v.file_kind and m.group_key = v.group_key
            and v.item_key is not distinct from nullif(trim(m.item_key), '')
        where v.release = ? and v.time_period = ? and v.label_placed
          and (v.geographic_level = 'national' or v.old_la_code = '310')
        """,
        [release, year],
    )
    return {(r[0], r[1]): r[2] for r in found}


def expected(year: int) -> dict[tuple[str, str], object]:
    out: dict[tuple[str, str], object] = {}
    for indicator_id, (harrow, england) in PUBLISHED[year].items():
        out[(indicator_id, "la")] = harrow
        out[(indicator_id, "england")] = england
    return out


@pytest.fixture(scope="module")
def all_releases(tmp_path_factory: pytest.TempPathFactory, dbt_target: Path) -> Path:
    """The four releases side by side, as a BI team accumulates them in dfe/."""
    work = tmp_path_factory.mktemp("real_all")
    for year in RELEASES:
        copy_release(year, work / "dfe")
    warehouse, result = land_and_build(work / "dfe", work, target=dbt_target)
    assert result.returncode == 0
    return warehouse


@pytest.fixture(scope="module")
def release_2024_alone(tmp_path_factory: pytest.TempPathFactory, dbt_target: Path) -> Path:
    """The release whose missing/away labels once stopped the nightly run, on its own."""
    work = tmp_path_factory.mktemp("real_2024")
    copy_release(2024, work / "dfe")
    warehouse, result = land_and_build(work / "dfe", work, target=dbt_target)
    assert result.returncode == 0
    return warehouse


def test_every_file_of_every_release_lands_as_a_known_kind(all_releases: Path) -> None:
    contract = source_contract("dfe")
    files = sorted((all_releases.parent / "dfe").glob("release_*/*.csv"))
    for path in files:
        assert contract.match(path.name).known, path.name
    statuses = rows(
        all_releases,
        "select status, count(*) from raw.load_log where source = 'dfe' group by status",
    )
    assert statuses == [("loaded", len(files))]


def test_every_label_of_every_release_is_known(all_releases: Path) -> None:
    assert (
        rows(all_releases, "select * from intermediate.int_comparators__dfe_unknown_labels") == []
    )
    assert (
        rows(
            all_releases,
            "select release, count(*) from intermediate.int_comparators__dfe_values "
            "where not label_placed group by release",
        )
        == []
    )
    with duckdb.connect(str(all_releases), read_only=True) as con:
        assert dfe_label_findings(con, {}).empty


@pytest.mark.parametrize("year", RELEASES)
def test_each_release_reads_as_it_was_published(all_releases: Path, year: int) -> None:
    """Harrow's and England's figures for the release's latest year, from its own rows."""
    assert as_published(all_releases, f"release_{year}", year) == expected(year)


def test_the_2024_release_alone_publishes_its_figures(release_2024_alone: Path) -> None:
    found = mart(release_2024_alone, 2024, ("la", "england"))
    assert {k: v[0] for k, v in found.items()} == expected(2024)
    assert {v[1] for v in found.values()} == {"release_2024"}
    assert {v[2] for v in found.values()} == {None}  # no note: every label was placed
    assert (
        rows(release_2024_alone, "select * from intermediate.int_comparators__dfe_unknown_labels")
        == []
    )


def test_the_mart_gives_the_2025_figures_of_the_2025_release(all_releases: Path) -> None:
    found = mart(all_releases, 2025, ("la", "england"))
    assert {k: v[0] for k, v in found.items()} == expected(2025)
    assert {v[1] for v in found.values()} == {"release_2025"}


def test_the_latest_release_wins_over_earlier_publications(all_releases: Path) -> None:
    found = rows(
        all_releases,
        "select indicator_id, time_period, value, release from marts.comparators "
        "where geography = 'la' and indicator_id in "
        "('long_term_stability_pct', 'missing_incident_pct', 'cla_rate_per_10k') "
        "order by 1, 2",
    )
    by_key = {(r[0], r[1]): (r[2], r[3]) for r in found}
    # 2024: the 2024 release published 85% (35 of 41), the 2025 release restated 78% (32 of 41)
    assert by_key[("long_term_stability_pct", 2024)] == (78, "release_2025")
    # years only older releases carry come from the latest of them
    assert by_key[("cla_rate_per_10k", 2018)] == (28, "release_2022")
    assert by_key[("cla_rate_per_10k", 2019)] == (29, "release_2023")
    assert by_key[("cla_rate_per_10k", 2020)] == (31, "release_2024")
    assert by_key[("cla_rate_per_10k", 2025)] == (29, "release_2025")
    # no 2025 missing/away file: 2020-2024 from the 2024 release, nothing for 2025
    assert by_key[("missing_incident_pct", 2024)] == (12, "release_2024")
    assert ("missing_incident_pct", 2025) not in by_key


def test_sn_average_is_the_mean_of_the_published_neighbours(all_releases: Path) -> None:
    """May 2025 model, 2025 CLA rates: Redbridge 38, Hillingdon 41, Barnet 37, Ealing 33,
    Waltham Forest 47, Reading 70, Hounslow 39, Merton 31, Slough 37, Milton Keynes 68:
    441 / 10 = 44.1; the median of the ten is (38 + 39) / 2 = 38.5."""
    found = mart(all_releases, 2025, ("sn_average", "sn_median", "region"))
    assert found[("cla_rate_per_10k", "sn_average")][0] == 44.1
    assert found[("cla_rate_per_10k", "sn_median")][0] == 38.5
    assert found[("cla_rate_per_10k", "region")][:2] == (43, "release_2025")  # Outer London
    counts = rows(
        all_releases,
        "select distinct sn_count, geography_name from marts.comparators "
        "where time_period = 2025 and geography = 'sn_average'",
    )
    assert counts == [(10, "Statistical neighbours of Harrow (10)")]
    neighbours = rows(
        all_releases,
        "select neighbour_old_la_code, neighbour_la_name "
        "from intermediate.int_comparators__statistical_neighbours order by neighbour_rank",
    )
    assert [n[0] for n in neighbours] == [
        "317", "312", "302", "307", "320", "870", "313", "315", "871", "826",
    ]  # fmt: skip


def test_reporting_la_and_names_with_commas(all_releases: Path) -> None:
    assert rows(
        all_releases,
        "select old_la_code, new_la_code, la_name, region_code, in_reference, in_dfe_data "
        "from intermediate.int_comparators__reporting_la",
    ) == [("310", "E09000015", "Harrow", "E13000002", True, True)]
    assert rows(
        all_releases,
        "select distinct la_name from intermediate.int_comparators__dfe_values "
        "where old_la_code = '801'",
    ) == [("Bristol, City of",)]
