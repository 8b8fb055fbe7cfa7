"""A synthetic DfE "Children in need" release, so the demo has CIN/CP comparators offline.

The four files the pipeline reads (b1 children in need, c1 referrals and re-referrals, d3
second or subsequent protection plans, d5 plans at 31 March by length), with the real file
names and the 2025 release's columns and category labels, for the same geographies as the
synthetic CLA release (`dfe_release.py`: England, the LA's region, the LA, its ten
statistical neighbours and "Bristol, City of"). Every figure is made up, near England's and
Harrow's 2025 levels (shared/reference/dfe_cin_2025), deterministic by seed; the folder name
and its README.txt say so. Suppression as DfE does it: LA counts under 5 and the
percentages built on them are "c", a few cells "x"; national and regional counts are
rounded to 10.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

from dagster_project.synthetic.dfe_release import (
    AUTHORITIES,
    ENGLAND,
    Geography,
    _geographies,
    _write_csv,
)
from dagster_project.synthetic.generator import MARKER

CIN_GEO_HEADER = [
    "time_period", "time_identifier", "geographic_level", "country_code", "country_name",
    "region_code", "region_name", "old_la_code", "new_la_code", "la_name", "category",
]  # fmt: skip
FILES = {
    "b1_children_in_need_2013_to_{last}.csv": (
        "Children in Need",
        ["Anypoint_episodes", "Anypoint_child", "Started_episodes", "Started_child",
         "Ended_episodes", "Ended_child", "At31_episodes", "awaiting_assessment"],
    ),
    "c1_children_in_need_referrals_and_rereferrals_2013_to_{last}.csv": (
        "Referrals and Re-referrals",
        ["referral_count", "rereferral_count", "rereferral_percent", "no_further_action_count",
         "no_further_action_percent", "not_in_need_count", "not_in_need_percent",
         "referral_child_count", "rereferral_child_count", "rereferral_child_percent"],
    ),
    "d3_cpps_subsequent_plan_2013_to_{last}.csv": (
        "Child Protection Plans which are a second or subsequent plan",
        ["CPP_start", "CPP_subsequent", "CPP_subsequent_percent"],
    ),
    "d5_cpps_at31march_by_duration_2013_to_{last}.csv": (
        "Child Protection Plans by length of time",
        ["CPP_At31", "3_months_or_less", "3_months_or_less_percent",
         "more_than_3_months_6_months", "more_than_3_months_6_months_percent",
         "more_than_6_months_less_than_1_year", "more_than_6_months_less_than_1_year_percent",
         "1_year_less_than_2_years", "1_year_less_than_2_years_percent", "2_years_or_more",
         "2_years_or_more_percent"],
    ),
}  # fmt: skip
# England 2025 (ref): referrals per 10,000 children 0-17 ~523, CIN at 31 March ~333, plans
# at 31 March ~41, re-referrals 22.6%, NFA 6.5%, not in need 30.8%, subsequent 24.5%, plan
# lengths 31.5 / 25.5 / 26.3 / 14.4 / 2.3%.
REFERRAL_RATE, CIN_RATE, CPP_RATE = 523.0, 333.0, 41.0
LENGTHS = (31.5, 25.5, 26.3, 14.4, 2.3)


class _Cells:
    def __init__(self, rng: random.Random, geography: Geography) -> None:
        self.rng = rng
        self.la = geography.level == "Local authority"

    def count(self, value: int) -> str:
        if self.la and 0 < value < 5:
            return "c"
        if self.la and self.rng.random() < 0.02:
            return "x"
        return str(value if self.la else round(value, -1))

    def pair(self, value: int, total: int) -> list[str]:
        """(count, percent to one decimal) as published."""
        count = self.count(value)
        if count in ("c", "x"):
            return [count, count]
        return [count, f"{100.0 * value / total:.1f}" if total else "z"]


def _rows(
    geography: Geography, year: int, first_year: int, rng: random.Random
) -> dict[str, list[str]]:
    cells = _Cells(rng, geography)
    population = geography.population * (1.0 + 0.004 * (year - first_year))
    tilt = 0.75 if geography.tilt == 0.45 else geography.tilt  # the LA: near Harrow's levels
    scale = population * tilt / 10000

    def vary(x: float) -> float:
        return x * rng.uniform(0.9, 1.1)

    referrals = round(vary(REFERRAL_RATE) * scale)
    at31 = round(vary(CIN_RATE) * scale)
    started = round(referrals * rng.uniform(0.55, 0.65))
    anypoint = at31 + started
    rerefer = round(referrals * vary(22.6) / 100)
    nfa = round(referrals * vary(6.5) / 100)
    not_in_need = round(referrals * vary(30.8) / 100)
    children_referred = round(referrals * 0.88)
    children_rereferred = round(rerefer * 0.82)
    cpp_at31 = round(vary(CPP_RATE) * scale)
    cpp_start = round(cpp_at31 * rng.uniform(1.1, 1.3))
    subsequent = round(cpp_start * vary(24.5) / 100)
    lengths = [round(cpp_at31 * vary(share) / 100) for share in LENGTHS[:-1]]
    lengths.append(max(0, cpp_at31 - sum(lengths)))
    prefix_region = geography.region or ("", "")
    a = geography.authority
    geo = [str(year), "Reporting year", geography.level, ENGLAND[0], ENGLAND[1],
           prefix_region[0], prefix_region[1], a.old_code if a else "",
           a.new_code if a else "", a.name if a else ""]  # fmt: skip
    c = cells.count
    ended = round(started * 0.95)
    b1 = [c(anypoint), c(round(anypoint * 0.94)), c(started), c(round(started * 0.95)),
          c(ended), c(round(ended * 0.98)), c(at31), c(round(at31 * 0.04))]  # fmt: skip
    c1 = [c(referrals), *cells.pair(rerefer, referrals), *cells.pair(nfa, referrals),
          *cells.pair(not_in_need, referrals), c(children_referred),
          *cells.pair(children_rereferred, children_referred)]  # fmt: skip
    d3 = [c(cpp_start), *cells.pair(subsequent, cpp_start)]
    d5 = [c(cpp_at31)]
    for value in lengths:
        d5 += cells.pair(value, cpp_at31)
    labels = [category for category, _ in FILES.values()]
    return {
        name: [*geo, label, *values]
        for name, label, values in zip(FILES, labels, (b1, c1, d3, d5), strict=True)
    }


README = """SYNTHETIC DATA - NOT DfE STATISTICS

Every figure in this folder is made up by dagster_project/synthetic/dfe_cin_release.py
(seed {seed}, years {first_year} to {last_year}) in the format of the DfE release
"Children in need" on explore-education-statistics (the 2025 release's file names, columns
and category labels), for {la_name} ({la_code}), its ten statistical neighbours, its region
and England. Local authority names and codes are public facts; the values are not. Do not
quote them. The pipeline lands this folder like any release (dfe/<release>/).
"""


def write_synthetic_cin_release(
    dfe_dir: Path,
    la_code: str = "310",
    first_year: int = 2021,
    last_year: int = 2025,
    seed: int = 2025,
) -> Path:
    """Write the release into `dfe_dir/synthetic_dfe_cin_release_<last_year>/`; return it."""
    if first_year > last_year:
        raise ValueError(f"first_year {first_year} is after last_year {last_year}")
    rng = random.Random(f"dfe-cin-release:{seed}:{la_code}")
    geographies = _geographies(la_code, random.Random(f"dfe-release:{seed}:{la_code}"))
    folder = Path(dfe_dir) / f"synthetic_dfe_cin_release_{last_year}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text(
        "Synthetic data written by dagster_project.synthetic.dfe_cin_release.\n",
        encoding="utf-8",
    )
    tables: dict[str, list[list[str]]] = {name: [] for name in FILES}
    for year in range(last_year, first_year - 1, -1):
        for geography in geographies:
            for name, row in _rows(geography, year, first_year, rng).items():
                tables[name].append(row)
    for name, (_, measures) in FILES.items():
        rows: Iterator[list[str]] = iter(tables[name])
        _write_csv(folder / name.format(last=last_year), CIN_GEO_HEADER + measures, rows, False)
    reporting = AUTHORITIES[la_code]
    (folder / "README.txt").write_text(
        README.format(
            seed=seed,
            first_year=first_year,
            last_year=last_year,
            la_name=reporting.name,
            la_code=la_code,
        ),
        encoding="utf-8",
    )
    return folder
