"""The comparators mart on three small releases in both naming conventions (one a zip).

Landscape (all figures made up, worked out by hand below):
- release_2024/ (to-2024 column names and labels): years 2022-2024.
- release_2025.zip (2025 names, CSVs under data/): years 2024-2025.
- release_2025_revised/ (2025 names): placement stability 2025 only; reaches 2025 like
  release_2025 but its name sorts last, so it wins the tie.
- top level: the SN model (and an older one that must be ignored) and the ONS population.
Harrow (310) is the reporting LA; its neighbours are 317 312 302 307 320 870 313 315 871 801,
801 being "Bristol, City of" (a comma in the name).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from .dfe_files import (
    ENGLAND,
    LA,
    OUTER_LONDON,
    land_and_build,
    write_population,
    write_release_file,
    write_sn_model,
    zip_folder,
)

NEIGHBOURS = ["317", "312", "302", "307", "320", "870", "313", "315", "871", "801"]
CLA = "Children looked after on 31 March each year"
CLA_OLD = "Children looked after at 31 March each year"
HEALTH = "Health assessments: Children looked after all ages"
LONG_TERM = (
    "Children looked after continuously for at least 2.5 years on 31 March aged under 16 years"
)
SUPPRESSION_CODES = ["c", "x", "z", "k", "u", "low", ":", "..", ""]


def write_release_2024(folder: Path) -> None:
    rate = "cla_number_and_rate_per_10k_children.csv"
    write_release_file(
        folder,
        rate,
        "to_2024",
        [
            (2024, ENGLAND, CLA_OLD, 12100000, 83480, 69),
            (2024, LA["310"], CLA_OLD, 59400, 178, 30),
            (2023, ENGLAND, CLA_OLD, 12050000, 84350, 70),
            (2023, LA["310"], CLA_OLD, 58800, 165, 28),
            (2022, LA["310"], CLA_OLD, 58100, 157, 27),
            (2022, LA["310"], "Children starting to be looked after each year", 58100, 90, 15),
        ],
    )
    write_release_file(
        folder,
        "la_cla_placement_stability.csv",
        "to_2024",
        [
            (
                2024,
                LA["310"],
                "CLA at 31 March",
                "With 3 or more placements during the year",
                20,
                11,
            ),
            (2024, LA["310"], "CLA at 31 March", "Total children", 178, 100),
        ],
    )
    write_release_file(
        folder,
        "la_conviction_health_outcome_cla.csv",
        "to_2024",
        [(2024, LA["310"], HEALTH, "Had their annual health assessment", 110, 95)],
    )
    write_release_file(
        folder,
        "la_care_leavers_accommodation_suitability.csv",
        "to_2024",
        [
            (2024, LA["310"], "Aged 19 to 21", "Accommodation considered suitable", 90, 90),
            (2024, LA["310"], "Aged 19 to 21", "Accommodation considered not suitable", 8, 8),
        ],
    )
    missing = "la_children_who_were_missing_or_away_from_placement_without_authorisation.csv"
    write_release_file(
        folder,
        missing,
        "to_2024",
        [
            (2024, LA["310"], "Children who had a missing incident during the year", 40),
            (
                2024,
                LA["310"],
                "Percentage of children who had a missing incident during the year",
                12,
            ),
        ],
    )


def write_release_2025(folder: Path) -> None:
    rates_2025 = dict(zip(NEIGHBOURS, [38, 41, 37, 33, 47, 70, 39, 31, 37, 68], strict=True))
    rate_rows: list[tuple] = [
        (2025, ENGLAND, CLA, 12183016, 81770, 67),
        (2025, OUTER_LONDON, CLA, 1150000, 4950, 43),
        (2025, LA["310"], CLA, 60452, 176, 29),
        (2024, ENGLAND, CLA, 12150000, 85050, 70),
        (2024, LA["310"], CLA, 59450, 184, 31),
    ]
    rate_rows += [(2025, LA[code], CLA, 50000, 5 * r, r) for code, r in rates_2025.items()]
    write_release_file(folder, "cla_number_and_rate_per_10k_children.csv", "2025", rate_rows)

    long_term = {"317": 10, "312": 20, "302": 30, "307": 41}
    stability: list[tuple] = [
        (2025, LA["310"], "CLA on 31 March", "With 3 or more placements during the year", 21, 12),
        (2025, ENGLAND, "CLA on 31 March", "With 3 or more placements during the year", 8180, 10),
        (2024, LA["310"], "CLA on 31 March", "With 3 or more placements during the year", 24, 13),
        (2025, LA["310"], LONG_TERM, "Living with the same carer for at least 2 years", 24, 65),
        (2025, ENGLAND, LONG_TERM, "Living with the same carer for at least 2 years", 19680, 69),
    ]
    stability += [
        (2025, LA[code], LONG_TERM, "Living with the same carer for at least 2 years", 9, pct)
        for code, pct in long_term.items()
    ]
    write_release_file(folder, "la_cla_placement_stability.csv", "2025", stability)

    health: list[tuple] = [
        (2025, LA["310"], HEALTH, "Had their annual health assessment", 97, 97),
        (2025, ENGLAND, HEALTH, "Had their annual health assessment", 49360, 90),
        (2025, LA["801"], HEALTH, "Had their annual health assessment", 500, 88),
    ]
    health += [
        (2025, LA[code], HEALTH, "Had their annual health assessment", symbol, symbol)
        for code, symbol in zip(NEIGHBOURS[:9], SUPPRESSION_CODES, strict=True)
    ]
    write_release_file(folder, "la_conviction_health_outcome_cla.csv", "2025", health)

    write_release_file(
        folder,
        "la_care_leavers_activity.csv",
        "2025",
        [
            (
                2025,
                LA["310"],
                "17 to 18 years",
                "Total in education, employment or training",
                40,
                73,
            ),
            (
                2025,
                LA["310"],
                "17 to 18 years",
                "Not in education, training or employment, owing to other reasons",
                9,
                16,
            ),
            (
                2025,
                ENGLAND,
                "17 to 18 years",
                "Total in education, employment or training",
                9500,
                64,
            ),
        ],
    )
    write_release_file(
        folder,
        "la_care_leavers_accommodation_suitability.csv",
        "2025",
        [
            (2025, LA["310"], "19 to 21 years", "Accommodation considered suitable", 101, 92),
            (2025, LA["310"], "19 to 21 years", "Accommodation considered unsuitable", 7, 6),
        ],
    )
    missing = "la_children_who_were_missing_or_away_from_placement_without_authorisation.csv"
    write_release_file(
        folder,
        missing,
        "2025",
        [
            (
                2025,
                LA["310"],
                "Missing from placement",
                "Children who had an incident during the year",
                42,
                11,
            ),
        ],
    )
    uasc = "Unaccompanied asylum-seeking children"
    write_release_file(
        folder,
        "la_cla_on_31_march_by_characteristics.csv",
        "2025",
        [
            (2025, LA["310"], uasc, uasc, 25, 14),
            (2025, ENGLAND, uasc, uasc, 7360, 9),
            (2025, LA["310"], "Gender", "Male", 100, 57),  # a group no comparator uses
        ],
    )


def write_release_2025_revised(folder: Path) -> None:
    write_release_file(
        folder,
        "la_cla_placement_stability.csv",
        "2025",
        [(2025, LA["310"], "CLA on 31 March", "With 3 or more placements during the year", 25, 14)],
    )


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory, dbt_target: Path) -> Path:
    base = tmp_path_factory.mktemp("comparators")
    dfe = base / "dfe"
    write_release_2024(dfe / "release_2024")
    write_release_2025(base / "unzipped_2025")
    zip_folder(base / "unzipped_2025", dfe / "release_2025.zip")
    write_release_2025_revised(dfe / "release_2025_revised")
    write_sn_model(
        dfe / "sn_model_2025_wide.csv",
        {"310": ("Harrow", NEIGHBOURS), "317": ("Redbridge", ["310", *NEIGHBOURS[2:], "826"])},
    )
    write_sn_model(
        dfe / "sn_model_2024.csv", {"310": ("Harrow", [str(c) for c in range(330, 340)])}
    )
    write_population(
        dfe / "ons_mid-year_population_estimates_2022_to_2024.csv",
        [
            (2024, ENGLAND, 12000000),
            (2024, LA["310"], 60000),
            (2023, LA["310"], 59500),
            (2022, LA["310"], 59000),
        ],
    )
    path, _ = land_and_build(dfe, base, target=dbt_target)
    return path


def rows(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def mart(warehouse: Path, indicator: str) -> dict[tuple[int, str], tuple]:
    found = rows(
        warehouse,
        "select time_period, geography, value, sn_count, geography_code, release "
        "from marts.comparators where indicator_id = ?",
        [indicator],
    )
    return {(r[0], r[1]): r[2:] for r in found}


def test_columns_and_types_are_the_output_contract(warehouse: Path) -> None:
    types = dict(
        rows(
            warehouse,
            "select column_name, data_type from information_schema.columns "
            "where table_schema = 'marts' and table_name = 'comparators'",
        )
    )
    assert types["indicator_id"] == "VARCHAR"
    assert types["time_period"] == "INTEGER"
    assert types["geography"] == "VARCHAR"
    assert types["value"] == "DOUBLE"
    assert types["sn_count"] == "INTEGER"


def test_releases_rank_by_latest_year_then_name(warehouse: Path) -> None:
    assert rows(
        warehouse,
        "select release, latest_time_period, release_rank "
        "from intermediate.int_comparators__releases order by release_rank",
    ) == [
        ("release_2025_revised", 2025, 1),
        ("release_2025", 2025, 2),
        ("release_2024", 2024, 3),
    ]


def test_latest_release_wins_for_the_same_measure_geography_and_year(warehouse: Path) -> None:
    cla_rate = mart(warehouse, "cla_rate_per_10k")
    # 2024 is in both releases: 30 (release_2024, to-2024 names) loses to 31 (release_2025 zip)
    assert cla_rate[(2024, "la")] == (31.0, None, "E09000015", "release_2025")
    # years only the older release has are kept from it
    assert cla_rate[(2023, "la")] == (28.0, None, "E09000015", "release_2024")
    assert cla_rate[(2022, "la")][0] == 27.0
    placements = mart(warehouse, "placements_3plus_pct")
    assert placements[(2024, "la")][0] == 13.0
    # same latest year: the release whose name sorts last (the revision) wins
    assert placements[(2025, "la")] == (14.0, None, "E09000015", "release_2025_revised")
    # a geography the revision does not carry comes from the next release
    assert placements[(2025, "england")] == (10.0, None, "E92000001", "release_2025")


def test_both_naming_conventions_and_label_eras_map_to_the_same_indicator(
    warehouse: Path,
) -> None:
    accommodation = mart(warehouse, "care_leavers_19_21_suitable_accom_pct")
    assert accommodation[(2024, "la")][0] == 90.0  # "Aged 19 to 21", percentage
    assert accommodation[(2025, "la")][0] == 92.0  # "19 to 21 years", care_leaver_percent
    health = mart(warehouse, "health_assessment_pct")
    assert health[(2024, "la")][0] == 95.0  # cla_group / characteristic / percentage
    assert health[(2025, "la")][0] == 97.0  # characteristic / breakdown / children_percent
    missing = mart(warehouse, "missing_incident_pct")
    assert missing[(2024, "la")][0] == 12.0  # to 2024: the percentage row's `number`
    assert missing[(2025, "la")][0] == 11.0  # 2025 naming: children_percent
    assert mart(warehouse, "uasc_pct")[(2025, "la")][0] == 14.0
    assert mart(warehouse, "care_leavers_17_18_eet_pct")[(2025, "england")][0] == 64.0
    keys = rows(
        warehouse,
        "select distinct group_label, group_key from intermediate.int_comparators__dfe_values "
        "where file_kind = 'la_care_leavers_accommodation_suitability' order by 1",
    )
    assert keys == [("19 to 21 years", "aged_19_21"), ("Aged 19 to 21", "aged_19_21")]


def test_every_suppression_code_is_null_never_zero(warehouse: Path) -> None:
    found = rows(
        warehouse,
        "select old_la_code, count_value, percent_value "
        "from intermediate.int_comparators__dfe_values "
        "where file_kind = 'la_conviction_health_outcome_cla' and time_period = 2025 "
        "and geographic_level = 'local_authority' and old_la_code not in ('310', '801') "
        "order by old_la_code",
    )
    assert len(found) == len(SUPPRESSION_CODES)
    assert all(count is None and percent is None for _, count, percent in found)
    raw = rows(
        warehouse,
        "select distinct children_percent from raw.dfe_la_conviction_health_outcome_cla "
        "where time_period = '2025' and old_la_code not in ('310', '801', '')",
    )
    assert sorted(r[0] for r in raw) == sorted(SUPPRESSION_CODES)


def test_sn_average_and_median_use_only_published_neighbours(warehouse: Path) -> None:
    health = mart(warehouse, "health_assessment_pct")
    # nine neighbours suppressed, one (Bristol, City of) published 88
    assert health[(2025, "sn_average")][:2] == (88.0, 1)
    assert health[(2025, "sn_median")][:2] == (88.0, 1)
    long_term = mart(warehouse, "long_term_stability_pct")
    # four neighbours published 10, 20, 30, 41; the other six have no row at all
    assert long_term[(2025, "sn_average")][:2] == (25.25, 4)
    assert long_term[(2025, "sn_median")][:2] == (25.0, 4)  # mean of the middle two
    placements = mart(warehouse, "placements_3plus_pct")
    # no neighbour published: the SN rows say so (null, count 0) rather than disappear
    assert placements[(2025, "sn_average")][:2] == (None, 0)


def test_cla_rate_sn_average_is_the_mean_of_the_ten_neighbours(warehouse: Path) -> None:
    cla_rate = mart(warehouse, "cla_rate_per_10k")
    assert cla_rate[(2025, "la")][0] == 29.0
    assert cla_rate[(2025, "sn_average")][:2] == (44.1, 10)  # 441 / 10
    assert cla_rate[(2025, "sn_median")][:2] == (38.5, 10)  # (38 + 39) / 2
    assert cla_rate[(2025, "england")][:3] == (67.0, None, "E92000001")
    assert cla_rate[(2025, "region")][:3] == (43.0, None, "E13000002")
    geographies = {g for (year, g) in cla_rate if year == 2025}
    assert geographies == {"la", "sn_average", "sn_median", "region", "england"}


def test_neighbours_come_from_the_latest_model_file_and_keep_commas(warehouse: Path) -> None:
    found = rows(
        warehouse,
        "select neighbour_rank, neighbour_old_la_code, neighbour_la_name, neighbour_source, "
        "source_file from intermediate.int_comparators__statistical_neighbours "
        "order by neighbour_rank",
    )
    assert [r[1] for r in found] == NEIGHBOURS
    assert found[-1][2] == "Bristol, City of"
    assert {r[3] for r in found} == {"sn_model"}
    assert {r[4] for r in found} == {"sn_model_2025_wide.csv"}
    assert rows(
        warehouse,
        "select la_name from intermediate.int_comparators__local_authorities "
        "where old_la_code = '801'",
    ) == [("Bristol, City of",)]


def test_reporting_la_resolves_to_both_codes_and_its_region(warehouse: Path) -> None:
    assert rows(
        warehouse,
        "select la_code_given, old_la_code, new_la_code, la_name, region_code, is_resolved "
        "from intermediate.int_comparators__reporting_la",
    ) == [("310", "310", "E09000015", "Harrow", "E13000002", True)]


def test_population_prefers_ons_and_falls_back_to_the_rate_file(warehouse: Path) -> None:
    found = rows(
        warehouse,
        "select calendar_year, next_calendar_year, population_0_17, source "
        "from intermediate.int_comparators__reporting_la_population order by calendar_year",
    )
    assert found == [
        (2021, 2022, 58100, "dfe_cla_rate_file"),  # year 2022 row of the rate file
        (2022, 2023, 59000, "ons"),  # ONS beats the rate file's 58800
        (2023, 2024, 59500, "ons"),  # ... and both releases' 59400 / 59450
        (2024, None, 60000, "ons"),  # ... and the 2025 row's 60452
    ]


@pytest.mark.parametrize(
    ("window_start", "population"),
    [("2025-04-01", 60000), ("2024-04-01", 60000), ("2023-01-01", 59500), ("2021-04-01", 58100)],
)
def test_population_lookup_for_a_window_start(
    warehouse: Path, window_start: str, population: int
) -> None:
    """The documented join: the estimate of the year W starts in, else the latest earlier."""
    found = rows(
        warehouse,
        "select population_0_17 from intermediate.int_comparators__reporting_la_population "
        "where year(cast(? as date)) >= calendar_year "
        "and (next_calendar_year is null or year(cast(? as date)) < next_calendar_year)",
        [window_start, window_start],
    )
    assert found == [(population,)]


def test_no_population_before_the_first_estimate(warehouse: Path) -> None:
    found = rows(
        warehouse,
        "select count(*) from intermediate.int_comparators__reporting_la_population "
        "where 2020 >= calendar_year",
    )
    assert found == [(0,)]
