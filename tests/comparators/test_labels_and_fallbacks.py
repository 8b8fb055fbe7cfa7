"""Loud failure on an unplaceable label; neighbours from configuration; the LA by new code."""

from __future__ import annotations

from pathlib import Path

import duckdb

from .dfe_files import ENGLAND, LA, land_and_build, write_release_file

CLA = "Children looked after on 31 March each year"


def test_unknown_label_stops_the_build_naming_file_and_label(
    tmp_path: Path, dbt_target: Path
) -> None:
    dfe = tmp_path / "dfe"
    write_release_file(
        dfe / "release_2026",
        "cla_number_and_rate_per_10k_children.csv",
        "2025",
        [
            (2026, LA["310"], CLA, 60500, 180, 30),
            (2026, LA["310"], "Children looked after on 31 March in the year", 60500, 180, 30),
        ],
    )
    write_release_file(
        dfe / "release_2026",
        "la_cla_placement_stability.csv",
        "2025",
        [(2026, LA["310"], "CLA on 31 March", "With three or more placements this year", 20, 11)],
    )
    warehouse, result = land_and_build(dfe, tmp_path, check=False, target=dbt_target)
    output = result.stdout
    assert result.returncode != 0
    assert "DfE label(s) not recognised" in output
    assert (
        'group label "Children looked after on 31 March in the year" in '
        "release_2026/cla_number_and_rate_per_10k_children.csv (first at data row 2, 1 row(s))"
    ) in output
    assert (
        'item label "With three or more placements this year" in '
        "release_2026/la_cla_placement_stability.csv (first at data row 1, 1 row(s))"
    ) in output
    # the known label of the same file is not reported
    assert f'"{CLA}"' not in output
    # and nothing was published from the unplaceable data
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = {
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts'"
            ).fetchall()
        }
    assert "comparators" not in tables


def test_neighbours_from_configuration_la_by_new_code_population_from_rate_file(
    tmp_path: Path,
) -> None:
    """No SN model and no ONS file: the var's neighbours, the rate file's population."""
    dfe = tmp_path / "dfe"
    write_release_file(
        dfe / "release_2025",
        "cla_number_and_rate_per_10k_children.csv",
        "2025",
        [
            (2025, ENGLAND, CLA, 12183016, 81770, 67),
            (2025, LA["310"], CLA, 60452, 176, 29),
            (2024, LA["310"], CLA, 59925, 184, 31),
            (2025, LA["317"], CLA, 78171, 299, 38),
            (2025, LA["312"], CLA, 75524, 312, 41),
            (2025, LA["302"], CLA, 93851, 343, 37),  # not configured: not a neighbour
        ],
    )
    warehouse, _ = land_and_build(
        dfe,
        tmp_path,
        {"la_code": "e09000015", "statistical_neighbours": ["317", "E09000017"]},
    )
    with duckdb.connect(str(warehouse), read_only=True) as con:
        reporting = con.execute(
            "select old_la_code, new_la_code, la_name, is_resolved "
            "from intermediate.int_comparators__reporting_la"
        ).fetchall()
        neighbours = con.execute(
            "select neighbour_rank, neighbour_old_la_code, neighbour_la_name, neighbour_source "
            "from intermediate.int_comparators__statistical_neighbours order by neighbour_rank"
        ).fetchall()
        sn = con.execute(
            "select geography, value, sn_count from marts.comparators "
            "where indicator_id = 'cla_rate_per_10k' and time_period = 2025 "
            "and geography like 'sn_%' order by geography"
        ).fetchall()
        population = con.execute(
            "select calendar_year, population_0_17, source "
            "from intermediate.int_comparators__reporting_la_population order by 1"
        ).fetchall()
    assert reporting == [("310", "E09000015", "Harrow", True)]
    assert neighbours == [
        (1, "317", "Redbridge", "configuration"),
        (2, "312", "Hillingdon", "configuration"),
    ]
    assert sn == [("sn_average", 39.5, 2), ("sn_median", 39.5, 2)]
    # reporting year T carries the mid-(T-1) estimate
    assert population == [(2023, 59925, "dfe_cla_rate_file"), (2024, 60452, "dfe_cla_rate_file")]
