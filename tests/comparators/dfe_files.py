"""Small DfE release files for tests, in either naming convention, written the way EES does.

Rows are (year, geography, labels..., figures...). Geographies are tuples so a test reads
like the published table: ENGLAND, OUTER_LONDON, or an LA from `LA`.
"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

from dagster_project.landing.bootstrap import ensure_all_sources
from dagster_project.landing.loader import land_source
from dagster_project.transform.dbt_cli import run_dbt
from dagster_project.warehouse import connect

GEO_HEADER = [
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "old_la_code",
    "la_name",
    "new_la_code",
]

ENGLAND = ("National", "", "", "", "", "")
OUTER_LONDON = ("Regional", "E13000002", "Outer London", "", "", "")


def la(old: str, name: str, new: str, region: tuple[str, str] = ("E13000002", "Outer London")):
    return ("Local authority", *region, old, name, new)


LA = {
    "310": la("310", "Harrow", "E09000015"),
    "317": la("317", "Redbridge", "E09000026"),
    "312": la("312", "Hillingdon", "E09000017"),
    "302": la("302", "Barnet", "E09000003"),
    "307": la("307", "Ealing", "E09000009"),
    "320": la("320", "Waltham Forest", "E09000031"),
    "870": la("870", "Reading", "E06000038", ("E12000008", "South East")),
    "313": la("313", "Hounslow", "E09000018"),
    "315": la("315", "Merton", "E09000024"),
    "871": la("871", "Slough", "E06000039", ("E12000008", "South East")),
    "801": la("801", "Bristol, City of", "E06000023", ("E12000009", "South West")),
}

# Measure columns per file and convention (spec/inputs.md §3).
COLUMNS = {
    ("cla_number_and_rate_per_10k_children.csv", "to_2024"): [
        "population_count",
        "population_estimate",
        "number",
        "rate_per_10000",
    ],
    ("cla_number_and_rate_per_10k_children.csv", "2025"): [
        "population_type",
        "population_estimate",
        "children_count",
        "rate_per_10000",
    ],
    ("la_cla_placement_stability.csv", "to_2024"): [
        "cla_group",
        "placement_stability",
        "number",
        "percentage",
    ],
    ("la_cla_placement_stability.csv", "2025"): [
        "cla_group",
        "placement_stability",
        "children_count",
        "children_percent",
    ],
    ("la_conviction_health_outcome_cla.csv", "to_2024"): [
        "cla_group",
        "characteristic",
        "number",
        "percentage",
    ],
    ("la_conviction_health_outcome_cla.csv", "2025"): [
        "characteristic",
        "breakdown",
        "children_count",
        "children_percent",
    ],
    ("la_care_leavers_activity.csv", "to_2024"): ["age", "activity", "number", "percentage"],
    ("la_care_leavers_activity.csv", "2025"): [
        "care_leaver_age",
        "breakdown",
        "care_leaver_count",
        "care_leaver_percent",
    ],
    ("la_care_leavers_accommodation_suitability.csv", "to_2024"): [
        "age",
        "accommodation_suitability",
        "number",
        "percentage",
    ],
    ("la_care_leavers_accommodation_suitability.csv", "2025"): [
        "care_leaver_age",
        "breakdown",
        "care_leaver_count",
        "care_leaver_percent",
    ],
    (
        "la_children_who_were_missing_or_away_from_placement_without_authorisation.csv",
        "to_2024",
    ): ["cla_group", "number"],
    (
        "la_children_who_were_missing_or_away_from_placement_without_authorisation.csv",
        "2025",
    ): ["characteristic", "breakdown", "children_count", "children_percent"],
    ("la_cla_on_31_march_by_characteristics.csv", "2025"): [
        "characteristic",
        "breakdown",
        "children_count",
        "children_percent",
    ],
    ("la_cla_on_31_march_by_characteristics.csv", "to_2024"): [
        "cla_group",
        "characteristic",
        "number",
        "percentage",
    ],
}


def release_rows(rows: list[tuple]) -> list[list[str]]:
    """(year, geography, *measures) -> full CSV rows."""
    out = []
    for year, geography, *measures in rows:
        level, region_code, region_name, old, name, new = geography
        country = ("E92000001", "England")
        out.append(
            [str(year), "Reporting year", level, *country, region_code, region_name, old, name, new]
            + [str(m) for m in measures]
        )
    return out


def write_csv(path: Path, header: list[str], rows: list[list[str]], bom: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_release_file(folder: Path, name: str, convention: str, rows: list[tuple]) -> Path:
    return write_csv(folder / name, GEO_HEADER + COLUMNS[(name, convention)], release_rows(rows))


def zip_folder(folder: Path, zip_path: Path) -> Path:
    """The release zip as EES serves it: CSVs under data/, plus a non-data file."""
    with zipfile.ZipFile(zip_path, "w") as archive:
        for path in sorted(folder.glob("*.csv")):
            archive.write(path, f"data/{path.name}")
        archive.writestr("data-guidance/data-guidance.txt", "Synthetic test release.\n")
    return zip_path


def write_sn_model(path: Path, rows: dict[str, tuple[str, list[str]]]) -> Path:
    """{old_code: (name, [ten neighbour old codes])} in the shape of sn_model_2025_wide.csv."""
    header = ["old_la_code", "la_name", "region_ind", "region_name"]
    for n in range(1, 11):
        header += [f"SN_{n}", f"SN_{n}P"]
    body = []
    for code, (name, neighbours) in rows.items():
        row = [code, name, "3", "London"]
        for neighbour in neighbours:
            row += [neighbour, "Close "]
        body.append(row)
    return write_csv(path, header, body, bom=True)


# Rows of DfE's statistical neighbour model (May 2025, `sn_model_2025_wide.csv` in
# dfe-analytical-services/CSC_outcomes_and_enablers data-raw/, OGL v3.0): Bristol (a comma in
# the name) and Harrow, in the file's order. Tests write the file from these rows.
SN_MODEL_2025 = [
    ["801", "Bristol, City of", "7", "South West", "846", "Close ", "383", "Close ", "882",
     "Close ", "373", "Close ", "826", "Close ", "851", "Close ", "870", "Close ", "302",
     "Close ", "839", "Somewhat close", "382", "Somewhat close"],
    ["310", "Harrow", "3", "London", "317", "Very close", "312", "Close ", "302", "Close ",
     "307", "Close ", "320", "Close ", "870", "Close ", "313", "Close ", "315", "Close ",
     "871", "Somewhat close", "826", "Somewhat close"],
]  # fmt: skip

# ONS mid-year estimates of children aged 0 to 17 (the release's
# `ons_mid-year_population_estimates_2012_to_2024.csv`, same source): England, Outer London,
# Harrow, calendar years 2024 back to 2012.
POPULATION_2012_TO_2024 = {
    2024: (12183016, 1276813, 60452),
    2023: (12059476, 1266593, 59925),
    2022: (11901267, 1252018, 59101),
    2021: (11762878, 1241173, 58105),
    2020: (11787794, 1257550, 59032),
    2019: (11790492, 1259382, 59158),
    2018: (11755593, 1254618, 58365),
    2017: (11716740, 1249798, 58125),
    2016: (11671521, 1244647, 58234),
    2015: (11593891, 1230973, 58065),
    2014: (11535489, 1216007, 57459),
    2013: (11473080, 1199194, 56397),
    2012: (11403970, 1180401, 55504),
}


def write_real_sn_model_2025(folder: Path, codes: tuple[str, ...] = ("310", "801")) -> Path:
    """The May 2025 model cut to `codes`, under its published name and header (with BOM)."""
    header = ["old_la_code", "la_name", "region_ind", "region_name"]
    for n in range(1, 11):
        header += [f"SN_{n}", f"SN_{n}P"]
    body = [row for row in SN_MODEL_2025 if row[0] in codes]
    return write_csv(folder / "sn_model_2025_wide.csv", header, body, bom=True)


def write_real_population_2024(folder: Path) -> Path:
    """The ONS file of the 2025 release cut to England, Outer London and Harrow."""
    rows = []
    for year, (england, outer_london, harrow) in POPULATION_2012_TO_2024.items():
        rows += [(year, ENGLAND, england), (year, OUTER_LONDON, outer_london)]
        rows.append((year, LA["310"], harrow))
    return write_population(folder / "ons_mid-year_population_estimates_2012_to_2024.csv", rows)


def write_population(path: Path, rows: list[tuple[int, tuple, int]]) -> Path:
    """(calendar year, geography, population) in the ONS file's shape (new code before name)."""
    header = [*GEO_HEADER[:7], "old_la_code", "new_la_code", "la_name", "age_group"]
    header += ["population_estimate"]
    body = []
    for year, geography, population in rows:
        level, region_code, region_name, old, name, new = geography
        geo = [str(year), "Reporting year", level, "E92000001", "England", region_code, region_name]
        body.append([*geo, old, new, name, "Children aged 0 to 17 years", str(population)])
    return write_csv(path, header, body)


DBT_SELECTION = [
    "--select",
    "path:seeds/comparators",
    "path:seeds/reference",
    "path:models/staging/dfe",
    "path:models/intermediate/comparators",
    "path:models/marts/comparators",
]


def land_and_build(
    dfe_dir: Path,
    work: Path,
    dbt_vars: dict[str, object] | None = None,
    check: bool = True,
    target: Path | None = None,
):
    """Land `dfe_dir` into a fresh warehouse and `dbt build` the comparator models on it.

    `target`: a dbt target folder shared between builds (partial parsing saves seconds).
    """
    warehouse = work / "warehouse.duckdb"
    with connect(warehouse) as con:
        ensure_all_sources(con)
        report = land_source(con, "dfe", dfe_dir)
    assert not report.rejected, [(o.source_file, o.message) for o in report.rejected]
    result = run_dbt(
        ["build", *DBT_SELECTION, "--exclude-resource-type", "unit_test"],
        warehouse,
        dbt_vars or {"la_code": "310"},
        check=check,
        target=target or work / "target",
    )
    return warehouse, result
