"""Check the comparators against real DfE figures: the reference release, Harrow, 2025.

The reference files are not in the repository (Crown copyright, and tests use their own
fixtures), so this is a command, not a test:

    .venv/bin/python -m scripts.reference_check \\
        --reference ../shared/reference/dfe_release_2025 --work /tmp/comparators/refcheck

It copies the folder into a scratch dfe landing folder, lands it into a scratch warehouse,
builds the comparator models with dbt, prints what `marts.comparators` shows for Harrow and
England in 2025, and checks it against the figures the reference README quotes, and the SN
average of the CLA rate against the mean of the ten neighbours' published rates.
Exit status 0 when every figure matches.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import duckdb

from dagster_project.landing.bootstrap import ensure_all_sources
from dagster_project.landing.loader import land_source
from dagster_project.transform.dbt_cli import run_dbt
from dagster_project.warehouse import connect

# From the reference README (Harrow 310 / E09000015, release "reporting year 2025").
EXPECTED = {
    ("cla_rate_per_10k", "la"): 29.0,
    ("cla_rate_per_10k", "england"): 67.0,
    ("placements_3plus_pct", "la"): 12.0,
    ("placements_3plus_pct", "england"): 10.0,
    ("long_term_stability_pct", "la"): 65.0,
    ("long_term_stability_pct", "england"): 69.0,
    ("health_assessment_pct", "la"): 97.0,
    ("health_assessment_pct", "england"): 90.0,
}
SELECTION = [
    "--select",
    "path:seeds/comparators",
    "path:seeds/reference",
    "path:models/staging/dfe",
    "path:models/intermediate/comparators",
    "path:models/marts/comparators",
]


def build(reference: Path, work: Path, la_code: str) -> Path:
    """Scratch landing folder and warehouse with the reference release, comparators built."""
    if work.exists():
        shutil.rmtree(work)
    dfe = work / "dfe"
    shutil.copytree(reference, dfe / reference.name)
    warehouse = work / "warehouse.duckdb"
    with connect(warehouse) as con:
        ensure_all_sources(con)
        report = land_source(con, "dfe", dfe)
    print(f"landed {len(report.outcomes)} file(s): {report.by_status()}")
    run_dbt(
        ["build", *SELECTION, "--exclude-resource-type", "unit_test"],
        warehouse,
        {"la_code": la_code},
        target=work / "dbt_target",
    )
    return warehouse


def check(warehouse: Path, year: int) -> list[str]:
    """Print the figures; return the mismatches."""
    problems: list[str] = []
    with duckdb.connect(str(warehouse), read_only=True) as con:
        table = con.execute(
            "select indicator_id, geography, value, sn_count from marts.comparators "
            "where time_period = ? order by indicator_id, geography",
            [year],
        ).fetchall()
        neighbours = con.execute(
            "select n.neighbour_rank, n.neighbour_old_la_code, n.neighbour_la_name, v.value "
            "from intermediate.int_comparators__statistical_neighbours n "
            "left join intermediate.int_comparators__indicator_values v "
            "  on v.geographic_level = 'local_authority' "
            " and v.geography_code = n.neighbour_old_la_code "
            " and v.indicator_id = 'cla_rate_per_10k' and v.time_period = ? "
            "order by n.neighbour_rank",
            [year],
        ).fetchall()
        la = con.execute(
            "select old_la_code, new_la_code, la_name "
            "from intermediate.int_comparators__reporting_la"
        ).fetchone()
    print(f"\nmarts.comparators, {la[2]} ({la[0]} / {la[1]}), time_period {year}:")
    print(f"{'indicator_id':40} {'geography':11} {'value':>8} {'sn_count':>8}")
    values = {}
    for indicator, geography, value, sn_count in table:
        values[(indicator, geography)] = value
        shown = "null" if value is None else f"{value:g}"
        count = "" if sn_count is None else str(sn_count)
        print(f"{indicator:40} {geography:11} {shown:>8} {count:>8}")
    print("\nexpected (reference README) vs found:")
    for key, expected in EXPECTED.items():
        found = values.get(key)
        mark = "ok" if found == expected else "MISMATCH"
        print(f"  {key[0]:28} {key[1]:8} expected {expected:g}, found {found}  {mark}")
        if found != expected:
            problems.append(f"{key}: expected {expected}, found {found}")
    print(f"\nthe ten statistical neighbours' published CLA rates per 10,000 ({year}):")
    rates = []
    for rank, code, name, value in neighbours:
        print(f"  {rank:2}  {code}  {name:28} {value}")
        if value is not None:
            rates.append(value)
    mean = sum(rates) / len(rates) if rates else None
    sn_average = values.get(("cla_rate_per_10k", "sn_average"))
    print(
        f"  mean of {len(rates)} published = {sum(rates):g} / {len(rates)} = {mean}; "
        f"sn_average = {sn_average}"
    )
    if mean is None or sn_average is None or abs(mean - sn_average) > 1e-9:
        problems.append(f"sn_average {sn_average} != mean of neighbours {mean}")
    if len(neighbours) != 10:
        problems.append(f"{len(neighbours)} neighbours, expected 10")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reference", required=True, type=Path, help="dfe_release_2025 folder")
    parser.add_argument("--work", default=Path("/tmp/comparators/refcheck"), type=Path)
    parser.add_argument("--la", default="310", help="reporting LA (default 310, Harrow)")
    parser.add_argument("--year", default=2025, type=int)
    args = parser.parse_args(argv)
    warehouse = build(args.reference.resolve(), args.work.resolve(), args.la)
    problems = check(warehouse, args.year)
    if problems:
        print("\nFAILED:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    print("\nall reference figures reproduced")
    return 0


if __name__ == "__main__":
    sys.exit(main())
