"""Check the CIN/CP comparators against whole real DfE "Children in need" release files.

    .venv/bin/python -m dagster_project.comparators.cin_reference_check \\
        --release DIR [--release DIR ...] --sn-model FILE --work /tmp/cin_refcheck [--la 310]

Each `--release` is a folder holding a release's b1, c1, d3 and d5 files (every year from
2013); the folders are copied into a scratch `dfe/` as releases of their own, landed, and
the comparator models built. For every year of every file, the LA's and England's figure in
`marts.comparators` must equal the figure in the newest release's file that publishes it
(read here with the csv module, not through the pipeline). Prints one line per indicator
with the years checked; exit 0 when every figure matches. Network-free; ~1 minute.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
from pathlib import Path

import duckdb

from dagster_project.landing.bootstrap import ensure_all_sources
from dagster_project.landing.loader import land_source
from dagster_project.transform.dbt_cli import run_dbt
from dagster_project.warehouse import connect

# indicator_id -> (file prefix, column names that may hold it, newest naming first)
MEASURES = {
    "cin_at_period_end": ("b1_children_in_need", ("At31_episodes",)),
    "cin_rate_per_10k": ("b1_children_in_need", ("At31_episodes_rate",)),
    "referrals_12m": (
        "c1_children_in_need_referrals_and_rereferrals",
        ("referral_count", "Referrals"),
    ),
    "rereferrals_12m_pct": (
        "c1_children_in_need_referrals_and_rereferrals",
        ("rereferral_percent", "Re_referrals_percent"),
    ),
    "cpp_started_12m": ("d3_cpps_subsequent_plan", ("CPP_start",)),
    "cpp_subsequent_pct": ("d3_cpps_subsequent_plan", ("CPP_subsequent_percent",)),
    "cpp_at_period_end": ("d5_cpps_at31march_by_duration", ("CPP_At31",)),
    "cpp_2years_plus_pct": ("d5_cpps_at31march_by_duration", ("2_years_or_more_percent",)),
}
SUPPRESSED = {"", "c", "x", "z", "k", "u", "low", ":", "..", "~"}


def _number(text: str) -> float | None:
    return None if text.strip().lower() in SUPPRESSED else float(text.replace(",", ""))


def published(releases: list[Path], la_code: str) -> dict[tuple[str, int, str], float | None]:
    """(indicator, year, la|england) -> the figure of the newest release publishing it."""
    found: dict[tuple[str, int, str], float | None] = {}
    for release in releases:  # oldest first: a newer release overwrites
        for indicator_id, (prefix, columns) in MEASURES.items():
            for path in sorted(release.glob(f"{prefix}*.csv")):
                with path.open(encoding="utf-8-sig", newline="") as handle:
                    rows = list(csv.DictReader(handle))
                column = next((c for c in columns if rows and c in rows[0]), None)
                if column is None:
                    continue
                for row in rows:
                    if row["geographic_level"] == "National":
                        geography = "england"
                    elif row["geographic_level"] == "Local authority" and la_code in (
                        row["old_la_code"],
                        row["new_la_code"],
                    ):
                        geography = "la"
                    else:
                        continue
                    found[(indicator_id, int(row["time_period"]), geography)] = _number(row[column])
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--release", action="append", required=True, type=Path)
    parser.add_argument("--sn-model", required=True, type=Path)
    parser.add_argument("--work", required=True, type=Path)
    parser.add_argument("--la", default="310")
    args = parser.parse_args(argv)
    if args.work.exists():
        shutil.rmtree(args.work)
    dfe = args.work / "dfe"
    releases = []
    for index, release in enumerate(args.release):
        target = dfe / f"release_{index}_{release.name}"
        target.mkdir(parents=True)
        for path in release.glob("*.csv"):
            if path.name.startswith(tuple(prefix for prefix, _ in MEASURES.values())):
                shutil.copyfile(path, target / path.name)
        releases.append(target)
    shutil.copyfile(args.sn_model, dfe / args.sn_model.name)
    warehouse = args.work / "warehouse.duckdb"
    with connect(warehouse) as con:
        ensure_all_sources(con)
        report = land_source(con, "dfe", dfe)
    if report.rejected:
        for outcome in report.rejected:
            print(f"rejected: {outcome.source_file}: {outcome.message}", file=sys.stderr)
        return 1
    run_dbt(
        ["build", "--select", "+comparators", "--exclude-resource-type", "unit_test"],
        warehouse,
        {"la_code": args.la},
        target=args.work / "target",
    )
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "select indicator_id, time_period, geography, value from marts.comparators "
            "where geography in ('la', 'england')"
        ).fetchall()
    built = {(r[0], r[1], r[2]): r[3] for r in rows}
    expected = published(releases, args.la)
    wrong = [k for k, v in expected.items() if built.get(k, "missing") != v]
    for indicator_id in MEASURES:
        years = sorted({y for (i, y, _) in expected if i == indicator_id})
        bad = [k for k in wrong if k[0] == indicator_id]
        span = f"{years[0]}-{years[-1]} ({len(years)} years)" if years else "no years"
        print(f"{indicator_id:24} {span:22} {'OK' if not bad else f'{len(bad)} DIFFER'}")
    for key in wrong[:20]:
        print(f"  {key}: DfE {expected[key]!r}, comparators {built.get(key, 'missing')!r}")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
