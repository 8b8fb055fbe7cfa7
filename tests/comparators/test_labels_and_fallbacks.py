"""An unplaceable label is a warning, never a failed run; neighbours from configuration; the LA
by new code."""

from __future__ import annotations

from pathlib import Path

import duckdb

from dagster_project.quality.gate import dfe_label_findings

from .dfe_files import ENGLAND, LA, land_and_build, write_release_file

CLA = "Children looked after on 31 March each year"


def test_unknown_label_is_a_warning_its_rows_skipped_and_its_comparator_null_with_a_note(
    tmp_path: Path, dbt_target: Path
) -> None:
    dfe = tmp_path / "dfe"
    write_release_file(
        dfe / "release_2026",
        "cla_number_and_rate_per_10k_children.csv",
        "2025",
        [
            (2026, LA["310"], CLA, 60500, 180, 30),
            (2026, LA["310"], "Children looked after on 31 March in the year", 60500, 200, 33),
            (2026, ENGLAND, CLA, 12200000, 81000, 66),
        ],
    )
    write_release_file(
        dfe / "release_2026",
        "la_cla_placement_stability.csv",
        "2025",
        [
            (2026, LA["310"], "CLA on 31 March", "With three or more placements this year", 20, 11),
            (2026, LA["310"], "CLA on 31 March", "Total children", 180, 100),
            (2026, ENGLAND, "CLA on 31 March", "With three or more placements this year", 8100, 10),
        ],
    )
    warehouse, result = land_and_build(dfe, tmp_path, check=False, target=dbt_target)
    assert result.returncode == 0, result.stdout[-2000:]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        unknown = con.execute(
            "select source_file, label_role, label, under_group, first_row, n_rows "
            "from intermediate.int_comparators__dfe_unknown_labels order by source_file"
        ).fetchall()
        findings = dfe_label_findings(con, {})
        rate = con.execute(
            "select geography, value, note from marts.comparators "
            "where indicator_id = 'cla_rate_per_10k' and time_period = 2026 "
            "and geography in ('la', 'england') order by geography"
        ).fetchall()
        placements = con.execute(
            "select geography, value, note from marts.comparators "
            "where indicator_id = 'placements_3plus_pct' and time_period = 2026 "
            "order by geography"
        ).fetchall()
    assert unknown == [
        (
            "release_2026/cla_number_and_rate_per_10k_children.csv",
            "group",
            "Children looked after on 31 March in the year",
            None,
            2,
            1,
        ),
        (
            "release_2026/la_cla_placement_stability.csv",
            "item",
            "With three or more placements this year",
            "CLA on 31 March",
            1,
            2,
        ),
    ]
    # the quality gate's findings: warnings naming file, label and row count
    assert list(findings["severity"]) == ["warning", "warning"]
    assert not findings["blocking"].any()
    assert set(findings["check_name"]) == {"dfe_labels"}
    assert list(findings["source_file"]) == [u[0] for u in unknown]
    assert list(findings["row_number"]) == [2, 1]
    assert list(findings["message"]) == [
        'group label "Children looked after on 31 March in the year" not recognised: 1 row(s) '
        "skipped; add it to dbt/seeds/comparators/dfe_labels.csv",
        'item label "With three or more placements this year" under "CLA on 31 March" not '
        "recognised: 2 row(s) skipped; add it to dbt/seeds/comparators/dfe_labels.csv",
    ]
    # the known row of the same file is used, the skipped one (33) is not
    assert rate == [("england", 66.0, None), ("la", 30.0, None)]
    note = (
        "DfE label(s) not recognised, rows skipped: release_2026/la_cla_placement_stability.csv "
        'item "With three or more placements this year" '
        "(add them to dbt/seeds/comparators/dfe_labels.csv)"
    )
    assert placements == [("england", None, note), ("la", None, note), ("region", None, note)]


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
