"""A run without any DfE file still knows the reporting LA, so "placed outside the LA" counts.

Before the local authority seed, the LA's ONS code was learnt only from DfE files: given as
its old code (310) with no DfE folder, every location was `not_known` and
`placed_outside_la_pct` null. Here a hand-made LA (one 903 return, five children looked
after on 31 March 2025) is landed with no DfE folder at all.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import duckdb
import pytest

from dagster_project.landing.bootstrap import ensure_all_sources
from dagster_project.landing.loader import land_source
from dagster_project.transform.dbt_cli import run_dbt
from dagster_project.warehouse import connect

P = dt.date(2025, 3, 31)
HOME = "HA1 1AA"
# CHILD, placement postcode: where each child lives on 31 March 2025
PLACEMENTS = [
    ("L1", "HA2 0AA"),  # Harrow: inside
    ("L2", "HA1 1AB"),  # Harrow: inside
    ("L3", "WD1 1AA"),  # Watford, a district of Hertfordshire: outside
    ("L4", "EN5 1AA"),  # Barnet: outside
    ("L5", "ZZ99 9ZZ"),  # not in the directory: location not known, still looked after
]
# postcode key, easting, northing, district (synthetic grid references)
POSTCODES = [
    ("HA11AA", 515000, 188000, "E09000015"),
    ("HA20AA", 514000, 186000, "E09000015"),
    ("HA11AB", 515500, 188500, "E09000015"),
    ("WD11AA", 510000, 196000, "E07000103"),
    ("EN51AA", 524000, 196500, "E09000003"),
]


def _write(path: Path, header: list[str], rows: list[tuple]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(["" if v is None else v for v in row] for row in rows)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("no_dfe")
    year = root / "ssda903" / "2025"
    _write(
        year / "header.csv",
        ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
        [(child, "1", "01/01/2012", "WBRI", None, None, None) for child, _ in PLACEMENTS],
    )
    _write(
        year / "episodes.csv",
        ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
         "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"],
        [
            (child, "01/06/2024", "S", "C2", "N1", "U4", "PR1", None, None, None, HOME, pl, None)
            for child, pl in PLACEMENTS
        ],
    )  # fmt: skip
    path = root / "cla.duckdb"
    with connect(path) as con:
        ensure_all_sources(con)
        report = land_source(con, "ssda903", root / "ssda903")
        assert not report.rejected
        con.executemany(
            "insert into reference.postcodes (postcode, pcd, easting, northing, laua) "
            "values (?, ?, ?, ?, ?)",
            [(key, key[:-3] + " " + key[-3:], e, n, laua) for key, e, n, laua in POSTCODES],
        )
        no_dfe = "select count(*) from raw.dfe_cla_number_and_rate_per_10k_children"
        assert con.execute(no_dfe).fetchone() == (0,)
    run_dbt(
        ["build", "--exclude-resource-type", "unit_test", "--select",
         "+path:models/marts/indicators"],
        path,
        {"source_system": "ssda903", "la_code": "310", "period_ends": [P.isoformat()]},
        target=root / "target",
    )  # fmt: skip
    return path


def test_the_reporting_la_is_resolved_from_the_reference_seed(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        found = con.execute(
            "select old_la_code, new_la_code, la_name, in_reference, in_dfe_data "
            "from intermediate.int_comparators__reporting_la"
        ).fetchall()
    assert found == [("310", "E09000015", "Harrow", True, None)]


def test_placed_outside_la_counts_without_dfe_files(warehouse: Path) -> None:
    """Five looked after: L3 (Watford, Hertfordshire's) and L4 (Barnet) outside Harrow; L5's
    location not known stays in the denominator: 2 / 5 = 40%."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        value = con.execute(
            "select numerator, denominator, value, note from marts.indicator_values "
            "where indicator_id = 'placed_outside_la_pct' and period_end = ?",
            [P],
        ).fetchall()
        locations = con.execute(
            "select CHILD, placement_upper_tier, location "
            "from intermediate.int_indicators__placement_locations "
            "where period_end = ? order by CHILD",
            [P],
        ).fetchall()
    assert locations == [
        ("L1", "E09000015", "inside_la"),
        ("L2", "E09000015", "inside_la"),
        ("L3", "E10000015", "outside_la"),
        ("L4", "E09000003", "outside_la"),
        ("L5", None, "not_known"),
    ]
    assert value == [(2, 5, 40.0, None)]
