"""A synthetic DfE comparator release, so the default run shows comparators without a network.

Written in the format of the DfE "Children looked after in England including adoptions"
release on explore-education-statistics (2025 column names, the real file names), for the
reporting LA, its ten statistical neighbours (May 2025 model), its region and England, plus
a statistical neighbour model file and an ONS-shaped population file. Every figure is made
up: near national levels, varied per authority and year, deterministic by seed. The folder
name and its README.txt say so. Suppression follows DfE's practice (counts below 5 and the
percentages built on them are "c", percentages under 0.5 are "k", not-applicable cells "z")
with a few "x" cells sprinkled in, and an authority whose name has a comma is among the rows.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from dagster_project.synthetic.generator import MARKER

ENGLAND = ("E92000001", "England")
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


@dataclass(frozen=True)
class Authority:
    """A local authority as DfE files name it (public facts: codes, names, regions)."""

    old_code: str
    new_code: str
    name: str
    region_code: str
    region_name: str


OUTER_LONDON = ("E13000002", "Outer London")
SOUTH_EAST = ("E12000008", "South East")
SOUTH_WEST = ("E12000009", "South West")

AUTHORITIES = {
    a.old_code: a
    for a in (
        Authority("310", "E09000015", "Harrow", *OUTER_LONDON),
        Authority("317", "E09000026", "Redbridge", *OUTER_LONDON),
        Authority("312", "E09000017", "Hillingdon", *OUTER_LONDON),
        Authority("302", "E09000003", "Barnet", *OUTER_LONDON),
        Authority("307", "E09000009", "Ealing", *OUTER_LONDON),
        Authority("320", "E09000031", "Waltham Forest", *OUTER_LONDON),
        Authority("870", "E06000038", "Reading", *SOUTH_EAST),
        Authority("313", "E09000018", "Hounslow", *OUTER_LONDON),
        Authority("315", "E09000024", "Merton", *OUTER_LONDON),
        Authority("871", "E06000039", "Slough", *SOUTH_EAST),
        Authority("826", "E06000042", "Milton Keynes", *SOUTH_EAST),
        # Not a neighbour: here so that an LA name with a comma is among the rows.
        Authority("801", "E06000023", "Bristol, City of", *SOUTH_WEST),
    )
}

# The DfE statistical neighbour model (May 2025): the reporting LA's ten nearest, closest first.
STATISTICAL_NEIGHBOURS = {
    "310": (
        ("317", "Very close"),
        ("312", "Close "),
        ("302", "Close "),
        ("307", "Close "),
        ("320", "Close "),
        ("870", "Close "),
        ("313", "Close "),
        ("315", "Close "),
        ("871", "Somewhat close"),
        ("826", "Somewhat close"),
    )
}

# National levels the synthetic figures vary around (England, year to 31 March 2025).
LEVELS = {
    "cla_rate": 67.0,
    "placements_3plus": 10.0,
    "placements_3plus_2_years": 25.0,
    "same_carer_2_years": 69.0,
    "health_assessment": 90.0,
    "immunisations": 84.0,
    "dental_check": 81.0,
    "development": 88.0,
    "sdq_received": 78.0,
    "sdq_average": 14.9,
    "convicted": 2.0,
    "substance": 3.0,
    "eet_17_18": 64.0,
    "eet_19_21": 54.0,
    "suitable_17_18": 91.0,
    "suitable_19_21": 89.0,
    "uasc": 9.0,
    "over_20_miles": 18.0,
    "missing": 11.0,
    "away": 3.0,
}


@dataclass(frozen=True)
class Geography:
    """One row's geography: England, a region or an LA, with a size and a character."""

    level: str
    region: tuple[str, str] | None
    authority: Authority | None
    population: int  # children aged 0 to 17 in the first year
    tilt: float  # how far this geography sits from the national levels (1.0 = national)

    @property
    def columns(self) -> list[str]:
        region_code, region_name = self.region or ("", "")
        a = self.authority
        return [
            self.level,
            ENGLAND[0],
            ENGLAND[1],
            region_code,
            region_name,
            a.old_code if a else "",
            a.name if a else "",
            a.new_code if a else "",
        ]


class Figures:
    """Draws one geography-year's published figures, DfE-style (rounding, suppression)."""

    def __init__(self, rng: random.Random, geography: Geography, year: int, first_year: int):
        self.rng = rng
        self.geo = geography
        self.year = year
        growth = 1.0 + 0.004 * (year - first_year)
        self.population = round(geography.population * growth)

    def pct(self, key: str, spread: float = 0.12) -> float:
        """A percentage near the national level, kept in 0-100."""
        return max(0.0, min(100.0, LEVELS[key] * self.rng.uniform(1.0 - spread, 1.0 + spread)))

    def count(self, total: int, key: str) -> int:
        return min(total, round(total * self.pct(key) / 100.0))

    def rounded(self, value: int) -> int:
        """National and regional counts are rounded to 10; LA counts are not."""
        return value if self.geo.level == "Local authority" else round(value, -1)

    def cell(self, number: int, total: int) -> tuple[str, str]:
        """(count, percent) as published: small LA counts suppressed, tiny percents 'k'."""
        if self.geo.level == "Local authority" and 0 < number < 5:
            return "c", "c"
        if self.geo.level == "Local authority" and self.rng.random() < 0.02:
            return "x", "x"
        percent = 100.0 * number / total if total else 0.0
        if 0 < percent < 0.5:
            return str(self.rounded(number)), "k"
        if not total:
            return "0", "z"
        return str(self.rounded(number)), str(round(percent))

    def total(self, number: int) -> tuple[str, str]:
        return str(self.rounded(number)), "100"


def _geo_rows(figures: Figures, rows: Iterator[list[str]]) -> Iterator[list[str]]:
    prefix = [str(figures.year), "Reporting year", *figures.geo.columns]
    for row in rows:
        yield prefix + row


def _rate_rows(f: Figures, cla: int) -> Iterator[list[str]]:
    started = round(cla * f.rng.uniform(0.55, 0.7))
    ceased = round(cla * f.rng.uniform(0.55, 0.7))
    population = str(f.population)
    for label, number in (
        ("Children ceasing to be looked after each year", ceased),
        ("Children looked after on 31 March each year", cla),
        ("Children starting to be looked after each year", started),
    ):
        count = f.rounded(number)
        yield [label, population, str(count), str(round(10000 * number / f.population))]


LONG_TERM_COHORT = (
    "Children looked after continuously for at least 2.5 years on 31 March aged under 16 years"
)


def _stability_rows(f: Figures, cla: int) -> Iterator[list[str]]:
    two_years = round(cla * 0.55)
    long_term = round(cla * 0.2)
    cohorts = (
        (
            LONG_TERM_COHORT,
            long_term,
            "Living with the same carer for at least 2 years",
            "same_carer_2_years",
        ),
        (
            "CLA 2 years on 31 March",
            two_years,
            "With 3 or more placements during the previous 2 years",
            "placements_3plus_2_years",
        ),
        ("CLA on 31 March", cla, "With 3 or more placements during the year", "placements_3plus"),
    )
    for cohort, total, measure, key in cohorts:
        yield [cohort, measure, *f.cell(f.count(total, key), total)]
        yield [cohort, "Total children", *f.total(total)]


def _health_rows(f: Figures, cla: int) -> Iterator[list[str]]:
    twelve_months = round(cla * 0.68)
    under_5 = round(twelve_months * 0.12)
    aged_10_17 = round(twelve_months * 0.55)
    aged_5_16 = round(twelve_months * 0.6)
    dev = "Development assessments: Children looked after ages 0 to 4 years"
    yield [
        dev,
        "Development assessments up to date",
        *f.cell(f.count(under_5, "development"), under_5),
    ]
    yield [dev, "Total ages 0 to 4 years", *f.total(under_5)]
    conv = "Convictions: Children looked after Ages 10 to 17 years"
    convicted = (
        "Convicted or subject to youth cautions, or youth conditional cautions during the year"
    )
    yield [conv, convicted, *f.cell(f.count(aged_10_17, "convicted"), aged_10_17)]
    yield [conv, "Total ages 10 to 17 years", *f.total(aged_10_17)]
    health = "Health assessments: Children looked after all ages"
    for label, key in (
        ("Had their annual health assessment", "health_assessment"),
        ("Had their immunisations up to date", "immunisations"),
        ("Had their teeth checked by a dentist", "dental_check"),
    ):
        yield [health, label, *f.cell(f.count(twelve_months, key), twelve_months)]
    yield [health, "Total all ages", *f.total(twelve_months)]
    sdq = "Ages 5 to 16 years with SDQ score"
    received = f.count(aged_5_16, "sdq_received")
    normal = round(received * 0.5)
    borderline = round(received * 0.13)
    for label, number in (
        ("SDQ score is a cause for concern", received - normal - borderline),
        ("SDQ score is borderline", borderline),
        ("SDQ score is normal", normal),
        ("SDQ score was received", received),
    ):
        yield [sdq, label, *f.cell(number, aged_5_16)]
    yield [sdq, "Total ages 5 to 16 years", *f.total(aged_5_16)]
    misuse = "Substance misuse: Children looked after all ages"
    problem = f.count(twelve_months, "substance")
    yield [
        misuse,
        "Identified as having a substance misuse problem",
        *f.cell(problem, twelve_months),
    ]
    yield [
        misuse,
        "Offered intervention but refused it",
        *f.cell(round(problem * 0.2), twelve_months),
    ]
    yield [
        misuse,
        "Received an intervention for their substance misuse problem",
        *f.cell(round(problem * 0.6), twelve_months),
    ]
    yield [misuse, "Total all ages", *f.total(twelve_months)]
    average = LEVELS["sdq_average"] * f.rng.uniform(0.9, 1.1)
    yield [sdq, "SDQ average score", f"{average:.1f}", "z"]


ACTIVITIES = (
    ("Education other than higher education", 0.45),
    ("Higher education i.e. studies beyond A level", 0.04),
    ("In an apprenticeship", 0.03),
    ("In training or employment (excl. apprenticeship)", 0.10),
)
NEET = (
    ("Not in education, training or employment, owing to illness or disability", 0.06),
    ("Not in education, training or employment, owing to other reasons", 0.20),
    ("Not in education, training or employment, owing to pregnancy or parenting", 0.03),
)


def _care_leaver_cohorts(f: Figures, cla: int) -> Iterator[tuple[str, str, int]]:
    yield "17 to 18 years", "17_18", round(cla * 0.3)
    yield "19 to 21 years", "19_21", round(cla * 0.45)


def _activity_rows(f: Figures, cla: int) -> Iterator[list[str]]:
    for age, suffix, total in _care_leaver_cohorts(f, cla):
        eet = f.count(total, f"eet_{suffix}")
        shares = [s for _, s in ACTIVITIES]
        parts = [round(eet * s / sum(shares)) for s in shares]
        not_known = round(total * f.rng.uniform(0.03, 0.1))
        neet = max(0, total - eet - not_known)
        neet_parts = [round(neet * s / sum(s for _, s in NEET)) for _, s in NEET]
        training = parts[2] + parts[3]
        rows = [(label, n) for (label, _), n in zip(ACTIVITIES, parts, strict=True)]
        rows.insert(3, ("In training or employment", training))
        rows += [(label, n) for (label, _), n in zip(NEET, neet_parts, strict=True)]
        rows += [
            ("Total in education, employment or training", eet),
            ("Total information not known", not_known),
            ("Total not in education, employment or training", neet),
        ]
        for label, number in rows:
            yield [age, label, *f.cell(number, total)]
        yield [age, "Total", *f.total(total)]


def _accommodation_rows(f: Figures, cla: int) -> Iterator[list[str]]:
    for age, suffix, total in _care_leaver_cohorts(f, cla):
        suitable = f.count(total, f"suitable_{suffix}")
        no_information = min(total - suitable, round(total * f.rng.uniform(0.02, 0.06)))
        unsuitable = total - suitable - no_information
        yield [age, "Accommodation considered suitable", *f.cell(suitable, total)]
        yield [age, "Accommodation considered unsuitable", *f.cell(unsuitable, total)]
        yield [age, "No information", *f.cell(no_information, total)]
        yield [age, "Suitability total", *f.total(total)]


def _missing_rows(f: Figures, cla: int) -> Iterator[list[str]]:
    during_year = round(cla * f.rng.uniform(1.3, 1.45))
    for group, key in (
        ("Missing from placement", "missing"),
        ("Away from placement without authorisation", "away"),
    ):
        children = f.count(during_year, key)
        repeat = round(children * f.rng.uniform(0.5, 0.7))
        incidents = round(children * f.rng.uniform(5.0, 8.0))
        yield [group, "Children looked after during the year", *f.total(during_year)]
        yield [
            group,
            "Children who had an incident during the year",
            *f.cell(children, during_year),
        ]
        yield [
            group,
            "Children who had more than one incident during the year",
            *f.cell(repeat, during_year),
        ]
        yield [group, "Number of incidents during the year", str(f.rounded(incidents)), "z"]


def _characteristics_rows(f: Figures, cla: int) -> Iterator[list[str]]:
    male = round(cla * f.rng.uniform(0.53, 0.6))
    yield ["Gender", "Male", *f.cell(male, cla)]
    yield ["Gender", "Female", *f.cell(cla - male, cla)]
    uasc = f.count(cla, "uasc")
    yield [
        "Unaccompanied asylum-seeking children",
        "Unaccompanied asylum-seeking children",
        *f.cell(uasc, cla),
    ]
    yield [
        "Unaccompanied asylum-seeking children",
        "Non-unaccompanied asylum-seeking children",
        *f.cell(cla - uasc, cla),
    ]
    far = f.count(cla, "over_20_miles")
    unknown = round(cla * f.rng.uniform(0.02, 0.06))
    distance = "Distance between home and placement"
    yield [distance, "Placed 20 miles or less from home", *f.cell(cla - far - unknown, cla)]
    yield [distance, "Placed more than 20 miles from home", *f.cell(far, cla)]
    yield [distance, "Distance not known or not recorded", *f.cell(unknown, cla)]
    yield ["Total", "Total", *f.total(cla)]


RELEASE_FILES = (
    (
        "cla_number_and_rate_per_10k_children.csv",
        ["population_type", "population_estimate", "children_count", "rate_per_10000"],
        _rate_rows,
    ),
    (
        "la_cla_placement_stability.csv",
        ["cla_group", "placement_stability", "children_count", "children_percent"],
        _stability_rows,
    ),
    (
        "la_conviction_health_outcome_cla.csv",
        ["characteristic", "breakdown", "children_count", "children_percent"],
        _health_rows,
    ),
    (
        "la_care_leavers_activity.csv",
        ["care_leaver_age", "breakdown", "care_leaver_count", "care_leaver_percent"],
        _activity_rows,
    ),
    (
        "la_care_leavers_accommodation_suitability.csv",
        ["care_leaver_age", "breakdown", "care_leaver_count", "care_leaver_percent"],
        _accommodation_rows,
    ),
    (
        "la_children_who_were_missing_or_away_from_placement_without_authorisation.csv",
        ["characteristic", "breakdown", "children_count", "children_percent"],
        _missing_rows,
    ),
    (
        "la_cla_on_31_march_by_characteristics.csv",
        ["characteristic", "breakdown", "children_count", "children_percent"],
        _characteristics_rows,
    ),
)


def _geographies(la_code: str, rng: random.Random) -> list[Geography]:
    """England, the LA's region, the LA, its neighbours and the comma-named authority."""
    if la_code not in STATISTICAL_NEIGHBOURS:
        known = ", ".join(sorted(STATISTICAL_NEIGHBOURS))
        raise ValueError(f"no built-in statistical neighbours for LA {la_code!r} (known: {known})")
    reporting = AUTHORITIES[la_code]
    codes = [la_code, *(code for code, _ in STATISTICAL_NEIGHBOURS[la_code]), "801"]
    geographies = [
        Geography("National", None, None, 12_100_000, 1.0),
        Geography("Regional", (reporting.region_code, reporting.region_name), None, 1_150_000, 0.8),
    ]
    for code in dict.fromkeys(codes):
        a = AUTHORITIES[code]
        population = rng.randrange(38_000, 95_000)
        tilt = 0.45 if code == la_code else rng.uniform(0.5, 1.15)
        geographies.append(
            Geography("Local authority", (a.region_code, a.region_name), a, population, tilt)
        )
    return geographies


def _write_csv(path: Path, header: list[str], rows: Iterator[list[str]], bom: bool) -> None:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _cla_count(f: Figures) -> int:
    return round(f.population * LEVELS["cla_rate"] * f.geo.tilt * f.rng.uniform(0.9, 1.1) / 10000)


def _release_tables(
    geographies: Sequence[Geography], years: Sequence[int], rng: random.Random
) -> dict[str, list[list[str]]]:
    """Rows of every release file, newest year first as DfE publishes them."""
    tables: dict[str, list[list[str]]] = {name: [] for name, _, _ in RELEASE_FILES}
    for year in sorted(years, reverse=True):
        for geography in geographies:
            f = Figures(rng, geography, year, years[0])
            cla = _cla_count(f)
            for name, _, make_rows in RELEASE_FILES:
                tables[name].extend(_geo_rows(f, make_rows(f, cla)))
    return tables


def _sn_model_rows(la_code: str) -> Iterator[list[str]]:
    a = AUTHORITIES[la_code]
    row = [a.old_code, a.name, "3", "London"]
    for code, closeness in STATISTICAL_NEIGHBOURS[la_code]:
        row += [code, closeness]
    yield row


def _population_rows(
    geographies: Sequence[Geography], calendar_years: Sequence[int], first_year: int
) -> Iterator[list[str]]:
    for year in sorted(calendar_years, reverse=True):
        for geography in geographies:
            population = round(geography.population * (1.0 + 0.004 * (year + 1 - first_year)))
            region_code, region_name = geography.region or ("", "")
            a = geography.authority
            yield [
                str(year),
                "Reporting year",
                geography.level,
                ENGLAND[0],
                ENGLAND[1],
                region_code,
                region_name,
                a.old_code if a else "",
                a.new_code if a else "",
                a.name if a else "",
                "Children aged 0 to 17 years",
                str(population),
            ]


README = """SYNTHETIC DATA - NOT DfE STATISTICS

Every figure in this folder is made up by dagster_project/synthetic/dfe_release.py
(seed {seed}, years {first_year} to {last_year}) in the format of the DfE release
"Children looked after in England including adoptions" on explore-education-statistics
(2025 column names and file names), for {la_name} ({la_code}), its ten statistical
neighbours (DfE model, May 2025), its region ({region}) and England, plus
{sn_file} and {population_file} in the shape of the DfE statistical neighbour model and
the ONS mid-year estimates of children aged 0 to 17.

Local authority names, codes and statistical neighbours are public facts; the values are
not. Do not quote them. The pipeline lands this folder like any release (dfe/<release>/).
"""


def write_synthetic_release(
    dfe_dir: Path,
    la_code: str = "310",
    first_year: int = 2021,
    last_year: int = 2025,
    seed: int = 2025,
) -> Path:
    """Write the synthetic release into `dfe_dir/synthetic_dfe_release_<last_year>/`; return it.

    Same seed, same bytes. Years are the 31 Marches covered (`first_year`..`last_year`);
    the population file covers the calendar years before them, as ONS estimates lag.
    """
    if first_year > last_year:
        raise ValueError(f"first_year {first_year} is after last_year {last_year}")
    rng = random.Random(f"dfe-release:{seed}:{la_code}")
    geographies = _geographies(la_code, rng)
    years = list(range(first_year, last_year + 1))
    folder = Path(dfe_dir) / f"synthetic_dfe_release_{last_year}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text(
        "Synthetic data written by dagster_project.synthetic.dfe_release.\n", encoding="utf-8"
    )

    tables = _release_tables(geographies, years, rng)
    for index, (name, measures, _) in enumerate(RELEASE_FILES):
        # The real release has a byte-order mark on some files: so does this one.
        _write_csv(folder / name, GEO_HEADER + measures, iter(tables[name]), bom=index % 3 == 0)

    sn_file = "sn_model_2025_wide.csv"
    sn_header = ["old_la_code", "la_name", "region_ind", "region_name"]
    for n in range(1, 11):
        sn_header += [f"SN_{n}", f"SN_{n}P"]
    _write_csv(folder / sn_file, sn_header, _sn_model_rows(la_code), bom=True)

    calendar_years = list(range(first_year - 1, last_year))
    population_file = (
        f"ons_mid-year_population_estimates_{calendar_years[0]}_to_{calendar_years[-1]}.csv"
    )
    population_header = [*GEO_HEADER[:7], "old_la_code", "new_la_code", "la_name"]
    population_header += ["age_group", "population_estimate"]
    _write_csv(
        folder / population_file,
        population_header,
        _population_rows(geographies, calendar_years, first_year),
        bom=False,
    )

    reporting = AUTHORITIES[la_code]
    (folder / "README.txt").write_text(
        README.format(
            seed=seed,
            first_year=first_year,
            last_year=last_year,
            la_name=reporting.name,
            la_code=la_code,
            region=reporting.region_name,
            sn_file=sn_file,
            population_file=population_file,
        ),
        encoding="utf-8",
    )
    return folder
