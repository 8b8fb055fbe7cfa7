"""Every indicator end to end on a small hand-built LA: 903 files -> landing -> dbt -> marts.

The files below are one 2024-25 SSDA903 return (plus the episodes of two care leavers who
left earlier) and an ONS population file, written by the test. Each child exists to hit a
rule or an edge the spec names; every expected figure was worked out by hand from them
(comments give the reasoning). Reporting dates: P1 = 31/03/2025 (W from 01/04/2024) and
P2 = 31/12/2024 (W from 01/01/2024, YTD from 01/04/2024). A few record errors are put in
quality.record_errors (as the quality checks will) to pin who each figure counts as affected.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dagster_project.indicators.targets import load_targets, write_targets
from dagster_project.warehouse import connect

from .helpers import build, land, members_disagreeing, rows, values, write_csv

P1 = dt.date(2025, 3, 31)
P2 = dt.date(2024, 12, 31)

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"
EPISODES = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
)
HOME = "HA1 1AA"

# CHILD, SEX, DOB, ETHNIC
CHILDREN = [
    ("C01", "M", "10/05/2015", "WBRI"),
    ("C02", "F", "29/02/2008", "MWBC"),  # leap-day birth: 17 on 28/02/2025
    ("C03", "M", "01/11/2024", "BAFR"),
    ("C04", "F", "01/01/2012", "WBRI"),  # short breaks only
    ("C05", "M", "15/06/2008", "AOTH"),  # UASC
    ("C06", "F", "10/03/2021", "WBRI"),
    ("C07", "M", "01/01/2020", "WBRI"),
    ("C08", "M", "01/07/2010", "WBRI"),
    ("C09", "F", "09/09/2011", "CHNE"),
    ("C10", "M", "01/04/2005", "AOTH"),  # care leaver, 19 on W.start
    ("C11", "F", "05/05/2004", "WBRI"),  # not former relevant (60 days)
    ("C12", "M", "10/10/2006", "WBRI"),  # left care on his 18th birthday
    ("C13", "F", "01/06/2021", "WBRI"),  # reviews only
    ("C14", "M", "03/03/2009", "WBRI"),  # DEC equal to P1
    ("C15", "F", "03/03/2013", "WBRI"),  # period starts exactly P1 - 30 months
    ("C16", "M", "04/04/2014", "WBRI"),  # stretch starts exactly P1 - 24 months
    ("C17", "F", "12/12/2012", "WBRI"),  # two periods in W: counted once
]

# CHILD, DECOM, RNE, LS, CIN, PLACE, PROVIDER, DEC, REC, HOME_POST, PL_POST, URN
EPISODE_ROWS = [
    (
        "C01",
        "10/01/2022",
        "S",
        "C2",
        "N1",
        "U6",
        "PR1",
        "01/06/2024",
        "X1",
        HOME,
        "HA2 0AA",
        "SC111",
    ),
    ("C01", "01/06/2024", "P", "C2", "N1", "U6", "PR4", None, None, HOME, "HA3 0AA", "SC222"),
    ("C02", "01/03/2021", "S", "V2", "N4", "K2", "PR4", "28/02/2025", "E5", HOME, None, "SC900"),
    ("C03", "15/01/2025", "S", "C1", "N1", "U3", "PR1", None, None, HOME, "WD1 1AA", None),
    ("C04", "01/05/2024", "S", "V3", "N2", "K1", "PR1", "03/05/2024", "E13", HOME, "HA1 1AB", None),
    ("C04", "01/06/2024", "S", "V4", "N2", "K1", "PR1", None, None, HOME, "HA1 1AB", None),
    ("C05", "01/09/2023", "S", "V2", "N8", "H5", "PR4", None, None, "ZZ99 9ZZ", "HA1 1AB", None),
    (
        "C06",
        "01/06/2022",
        "S",
        "C1",
        "N1",
        "U6",
        "PR1",
        "01/01/2023",
        "X1",
        HOME,
        "HA2 0AB",
        "SC333",
    ),
    (
        "C06",
        "01/01/2023",
        "L",
        "C2",
        "N1",
        "U6",
        "PR1",
        "01/02/2024",
        "X1",
        HOME,
        "HA2 0AB",
        "SC333",
    ),
    ("C06", "01/02/2024", "U", "E1", "N1", "A5", "PR1", "20/01/2025", "E11", HOME, "HA2 0AB", None),
    (
        "C07",
        "01/06/2021",
        "S",
        "C2",
        "N1",
        "U6",
        "PR1",
        "01/10/2024",
        "X1",
        HOME,
        "HA2 0AA",
        "SC444",
    ),
    ("C07", "01/10/2024", "B", "E1", "N1", "A6", "PR1", None, None, HOME, "HA3 0AB", None),
    (
        "C08",
        "01/01/2022",
        "S",
        "C2",
        "N2",
        "U4",
        "PR1",
        "01/05/2024",
        "X1",
        HOME,
        "HA2 0AA",
        "SC555",
    ),
    ("C08", "01/05/2024", "P", "C2", "N2", "T4", "PR1", "06/05/2024", "X1", HOME, None, None),
    (
        "C08",
        "06/05/2024",
        "P",
        "C2",
        "N2",
        "U4",
        "PR1",
        "01/08/2024",
        "X1",
        HOME,
        "ha20aa",
        "sc555",
    ),
    ("C08", "01/08/2024", "P", "C2", "N2", "U6", "PR1", None, None, HOME, "HA3 0AA", "SC666"),
    (
        "C09",
        "01/04/2024",
        "S",
        "C1",
        "N5",
        "U6",
        "PR4",
        "01/07/2024",
        "X1",
        HOME,
        "HA2 0AA",
        "SC771",
    ),
    (
        "C09",
        "01/07/2024",
        "P",
        "C1",
        "N5",
        "U6",
        "PR4",
        "01/12/2024",
        "X1",
        HOME,
        "HA3 0AA",
        "SC772",
    ),
    ("C09", "01/12/2024", "P", "C1", "N5", "K2", "PR4", None, None, HOME, "NE1 1AA", "SC773"),
    ("C10", "01/06/2019", "S", "C2", "N1", "U6", "PR1", "01/04/2023", "E17", HOME, "HA2 0AA", None),
    ("C11", "01/01/2020", "S", "V2", "N4", "U6", "PR1", "01/03/2020", "E4A", HOME, "HA2 0AA", None),
    ("C12", "01/01/2021", "S", "C2", "N1", "U6", "PR1", "10/10/2024", "E13", HOME, "HA2 0AA", None),
    ("C14", "05/05/2023", "S", "V2", "N6", "U6", "PR5", "31/03/2025", "E4A", HOME, "HA2 0AA", None),
    ("C15", "30/09/2022", "S", "C2", "N1", "U4", "PR1", None, None, HOME, "HA2 0AA", "SC880"),
    (
        "C16",
        "01/01/2020",
        "S",
        "C2",
        "N1",
        "U6",
        "PR1",
        "31/03/2023",
        "X1",
        HOME,
        "HA2 0AA",
        "SC881",
    ),
    ("C16", "31/03/2023", "P", "C2", "N1", "U4", "PR1", None, None, HOME, None, None),
    ("C17", "01/05/2024", "S", "V2", "N5", "U6", "PR1", "01/06/2024", "E4A", HOME, "HA2 0AA", None),
    ("C17", "01/09/2024", "S", "V2", "N5", "U6", "PR1", "01/10/2024", "E4B", HOME, "HA2 0AA", None),
]

# CHILD, HEALTH_ASSESSMENT, TEETH_CHECK, IMMUNISATIONS, SDQ_SCORE (C05 has no row: "no")
OC2_ROWS = [
    ("C01", 1, 1, 1, 12),
    ("C03", 1, 1, 1, None),  # not in the cohort (in care since January): ignored
    ("C07", 1, 0, 1, None),
    ("C08", 1, 1, 0, 20),
    ("C09", 0, 1, 1, 8),  # period of care started on W.start: in the cohort
    ("C15", 1, 1, 1, 15),
    ("C16", 1, 0, 0, None),
]
# CHILD, IN_TOUCH, ACTIV, ACCOM (C12 has no row: denominator only)
OC3_ROWS = [
    ("C02", "YES", "F2", "D1"),
    ("C10", "YES", "G5", "D2"),
    ("C11", "YES", "F1", "D1"),  # not former relevant: ignored
]
MISSING_ROWS = [  # CHILD, MISSING, MIS_START
    ("C01", "M", "05/05/2024"),
    ("C04", "M", "02/05/2024"),  # only ever on short breaks: never looked after
    ("C05", "A", "11/11/2024"),
    ("C08", "M", "31/03/2024"),  # the day before W1; in W2
    ("C09", "M", "01/01/2025"),
    ("C09", "M", "31/03/2025"),  # on P1
]
REVIEW_ROWS = [  # CHILD, REVIEW, REVIEW_CODE
    ("C01", "31/03/2024", "PN1"),
    ("C01", "15/06/2024", "PN1"),
    ("C02", "10/10/2024", "PN0"),  # PN0 at 16 stays in the denominator
    ("C07", "01/01/2024", "PN2"),  # his 4th birthday
    ("C09", "31/03/2025", "PN5"),
    ("C13", "01/07/2024", "PN0"),  # aged 3: left out
    ("C13", "01/06/2025", "PN1"),  # after P1
]
# Synthetic grid references (postcode key, easting, northing, district).
POSTCODES = [
    ("HA11AA", 500000, 190000, "E09000015"),
    ("HA11AB", 500500, 190000, "E09000015"),
    ("HA20AA", 502000, 190000, "E09000015"),
    ("HA20AB", 503000, 190000, "E09000015"),
    ("HA30AA", 504000, 191000, "E09000015"),
    ("HA30AB", 505000, 191000, "E09000015"),
    ("WD11AA", 510000, 196000, "E07000103"),  # Watford: Hertfordshire's, outside Harrow
    ("NE11AA", 425000, 565000, "E08000021"),  # far away
]
POPULATION = (
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
    "region_name,old_la_code,la_name,new_la_code,age_group,population_estimate"
)
# Unresolved record errors as the quality checks write them (CHILD, rule, check, file, row,
# collection year): C09's counts from 1 April 2024 (2025 return), C05's at every date (no
# year), C03's only from 1 April 2025 (2026 return: after P1); one has no child.
RECORD_ERRORS = [
    ("C09", "388", "dfe_903_rules", "ssda903/2025/episodes.csv", 17, 2025),
    ("C09", "501", "dfe_903_rules", "ssda903/2025/episodes.csv", 18, 2025),
    ("C05", "LS_OVERLAP", "gx_raw", "ssda903/2025/episodes.csv", 7, None),
    ("C03", "103", "dfe_903_rules", "ssda903/2025/header.csv", 3, 2026),
    (None, "1001", "dfe_903_rules", "ssda903/2025/episodes.csv", 30, 2025),
]
TARGETS = """
indicators:
  placements_3plus_pct: {target: 10, amber_tolerance: 2, source: test}
  long_term_stability_pct: {target: 60, amber_tolerance: 5, source: test}
  review_participation_pct: {target: 70, amber_tolerance: 5, source: test}
  health_assessment_pct: {target: 90, amber_tolerance: 5, source: test}
"""


def _dob(child: str) -> str:
    return next(c[2] for c in CHILDREN if c[0] == child)


def _write_la(root: Path) -> None:
    year = root / "ssda903" / "2025"
    write_csv(
        year / "header.csv", HEADER, [(c, s, d, e, None, None, None) for c, s, d, e in CHILDREN]
    )
    write_csv(
        year / "episodes.csv",
        EPISODES,
        [(*r[:9], None, *r[9:]) for r in EPISODE_ROWS],
    )
    write_csv(
        year / "uasc.csv",
        "CHILD,SEX,DOB,DUC",
        [("C05", "M", _dob("C05"), None), ("C10", "M", _dob("C10"), "01/04/2023")],
    )
    write_csv(
        year / "oc2.csv",
        "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,"
        "HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED",
        [
            (c, _dob(c), sdq, None, 0, None, imm, teeth, ha, 0, None, None)
            for c, ha, teeth, imm, sdq in OC2_ROWS
        ],
    )
    write_csv(
        year / "oc3.csv",
        "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM",
        [(c, _dob(c), t, a, m) for c, t, a, m in OC3_ROWS],
    )
    write_csv(
        year / "missing.csv",
        "CHILD,DOB,MISSING,MIS_START,MIS_END",
        [(c, _dob(c), m, s, None) for c, m, s in MISSING_ROWS],
    )
    write_csv(
        year / "reviews.csv",
        "CHILD,DOB,REVIEW,REVIEW_CODE",
        [(c, _dob(c), r, code) for c, r, code in REVIEW_ROWS],
    )
    write_csv(
        root / "dfe" / "ons_mid-year_population_estimates_test.csv",
        POPULATION,
        [
            (
                y,
                "Calendar year",
                "Local authority",
                "E92000001",
                "England",
                "E13000002",
                "Outer London",
                "310",
                "Harrow",
                "E09000015",
                "0 to 17",
                pop,
            )
            for y, pop in ((2023, 40000), (2024, 50000))
        ],
    )


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hand_built_la")
    _write_la(root / "landing")
    path = root / "cla.duckdb"
    land(path, "ssda903", root / "landing" / "ssda903")
    land(path, "dfe", root / "landing" / "dfe")
    targets_file = root / "targets.yaml"
    targets_file.write_text(TARGETS, encoding="utf-8")
    with connect(path) as con:
        con.executemany(
            "insert into reference.postcodes (postcode, pcd, easting, northing, laua) "
            "values (?, ?, ?, ?, ?)",
            [(key, key[:-3] + " " + key[-3:], e, n, laua) for key, e, n, laua in POSTCODES],
        )
        write_targets(con, load_targets(targets_file), targets_file)
        con.executemany(
            "insert into quality.record_errors (CHILD, rule_code, check_name, source_file, "
            "row_number, collection_year) values (?, ?, ?, ?, ?, ?)",
            RECORD_ERRORS,
        )
    build(
        path,
        root / "target",
        "ssda903",
        la_code="310",
        period_ends=[P1.isoformat(), P2.isoformat()],
    )
    return path


# (numerator, denominator, value) worked out by hand.
EXPECTED_P1 = {
    # Looked after at P1: C01 C03 C05 C07 C08 C09 C15 C16. C02 left 28/02, C06 20/01, C14 on
    # P1 itself (DEC equal to P is not looked after); C04 only had short breaks.
    "cla_at_period_end": (8, None, 8.0),
    # W1 starts in 2024: the 2024 estimate, 50,000.
    "cla_rate_per_10k": (8, 50000, 1.6),
    # RNE S in W1: C03, C09 (on W.start), C17 (twice, once). C04's short breaks are out.
    "cla_started": (3, None, 3.0),
    "cla_started_ytd": (3, None, 3.0),
    # C02 (E5), C06 (E11), C12 (E13), C14 (E4A, DEC = P1), C17 (last: E4B). X1 ends are not.
    "cla_ceased": (5, None, 5.0),
    "cla_ceased_ytd": (5, None, 5.0),
    "adoptions": (1, None, 1.0),
    "adoptions_ytd": (1, None, 1.0),
    "sgos": (0, None, 0.0),
    "sgos_ytd": (0, None, 0.0),
    "uasc_pct": (1, 8, 12.5),  # C05
    # C09: 3 placements. C08: 1, a T4 week, back to the same U4 (no new placement), U6: 2.
    "placements_3plus_pct": (1, 8, 12.5),
    # Cohort (under 16, period from 30/09/2022 or before): C01, C07, C08, C15 (exactly
    # P - 30 months), C16. Stable: C15, C16 (stretch exactly P - 24 months), C07 (placed for
    # adoption since 01/10/2024 with new adopters; the stretch before began 01/06/2021).
    "long_term_stability_pct": (3, 5, 60.0),
    # C09 in Newcastle: 237.6 miles. Unknown: C05 (home not in the directory), C16 (blank).
    "placed_over_20_miles_pct": (1, 8, 12.5),
    # C03 in Watford (Hertfordshire's district) and C09; C16's location is not known.
    "placed_outside_la_pct": (2, 8, 25.0),
    "distance_unknown": (2, None, 2.0),
    # OC2 cohort (DfE's "looked after continuously": in care during W, no RNE S after
    # W.start, no end other than X1 before P1, no short break): C01 C05 C07 C08 C09 C15 C16,
    # and C14 (ceased on P1 itself, not before it). C05 and C14 have no OC2 row: "no".
    "health_assessment_pct": (5, 8, 62.5),
    "dental_check_pct": (4, 8, 50.0),
    "immunisations_pct": (4, 8, 50.0),
    # All 8 are 4 or over at W.start and under 17 at P1 (C14: 15, then 16 on 03/03/2025);
    # scores 12, 20, 8, 15.
    "sdq_completed_pct": (4, 8, 50.0),
    "sdq_average_score": (55, 4, 13.75),
    # Looked after during W1: C01 C02 C03 C05 C06 C07 C08 C09 C12 C14 C15 C16 C17 (13).
    # Missing: C01, C09 (two incidents, once). C08's was the day before W1.
    "missing_incident_pct": (2, 13, 200 / 13),
    "away_incident_pct": (1, 13, 100 / 13),
    "missing_incidents": (3, None, 3.0),
    # Reviews in W1 of children 4+: C01 15/06 (PN1), C02 (PN0), C09 on P1 (PN5).
    "review_participation_pct": (2, 3, 200 / 3),
    # OC3: C10 (19 on W.start; NEET, unsuitable, in touch, ever UASC) is 19-21; C02 (17 on
    # 28/02/2025, left that day) and C12 (18 on 10/10/2024, left that day, no OC3 row) are
    # 17-18. C11 had only 60 days in care after 14.
    "care_leavers_19_21_eet_pct": (0, 1, 0.0),
    "care_leavers_19_21_suitable_accom_pct": (0, 1, 0.0),
    "care_leavers_19_21_in_touch_pct": (1, 1, 100.0),
    "care_leavers_uasc_pct": (1, 1, 100.0),
    "care_leavers_17_18_eet_pct": (1, 2, 50.0),
    "care_leavers_17_18_suitable_accom_pct": (1, 2, 50.0),
    "care_leavers_17_18_in_touch_pct": (1, 2, 50.0),
    "care_leavers_eet_snapshot_pct": (None, None, None),  # Mosaic only
}

EXPECTED_P2 = {
    # C01 C02 C05 C06 C07 C08 C09 C14 C15 C16.
    "cla_at_period_end": (10, None, 10.0),
    "cla_rate_per_10k": (10, 50000, 2.0),
    "cla_started": (2, None, 2.0),  # C09, C17
    "cla_started_ytd": (2, None, 2.0),
    "cla_ceased": (2, None, 2.0),  # C12, C17
    "cla_ceased_ytd": (2, None, 2.0),
    "adoptions": (0, None, 0.0),
    "adoptions_ytd": (0, None, 0.0),
    "sgos": (0, None, 0.0),
    "sgos_ytd": (0, None, 0.0),
    "uasc_pct": (1, 10, 10.0),
    "placements_3plus_pct": (1, 10, 10.0),  # C09
    # P2 - 30 months = 30/06/2022, - 24 months = 31/12/2022. Cohort: C01 C06 C07 C08 C16
    # (C15 started too late, C02 is 16). Stable: C06 (RNE U and L walk back to 01/06/2022),
    # C07 (adoption clause). C16's stretch began 31/03/2023.
    "long_term_stability_pct": (2, 5, 40.0),
    "placed_over_20_miles_pct": (1, 10, 10.0),
    "placed_outside_la_pct": (1, 10, 10.0),
    "distance_unknown": (3, None, 3.0),  # C02 (blank), C05, C16
    # Looked after during W2: C01 C02 C05 C06 C07 C08 C09 C12 C14 C15 C16 C17 (12); missing
    # C01 and C08, away C05.
    "missing_incident_pct": (2, 12, 200 / 12),
    "away_incident_pct": (1, 12, 100 / 12),
    "missing_incidents": (2, None, 2.0),
    # C01 31/03 and 15/06 (PN1), C02 (PN0), C07 on his 4th birthday (PN2).
    "review_participation_pct": (3, 4, 75.0),
}
# From 903 files OC2 and OC3 figures exist only at 31 March: null at P2, with a note.
# The children in need and child protection section: computed from the Mosaic extract's CIN
# files or the CIN census returns, neither of which this LA supplies.
CIN_INDICATORS = {
    "cin_at_period_end", "cin_rate_per_10k", "referrals_12m", "rereferrals_12m_pct",
    "assessments_completed_12m", "assessments_within_45_days_pct", "s47_12m",
    "icpc_within_15_days_pct", "cpp_at_period_end", "cpp_rate_per_10k", "cpp_started_12m",
    "cpp_subsequent_pct", "cpp_2years_plus_pct", "cla_disabled_pct",
}  # fmt: skip
NOT_AT_P2 = [
    "health_assessment_pct",
    "dental_check_pct",
    "immunisations_pct",
    "sdq_completed_pct",
    "sdq_average_score",
    "care_leavers_19_21_eet_pct",
    "care_leavers_19_21_suitable_accom_pct",
    "care_leavers_19_21_in_touch_pct",
    "care_leavers_uasc_pct",
    "care_leavers_17_18_eet_pct",
    "care_leavers_17_18_suitable_accom_pct",
    "care_leavers_17_18_in_touch_pct",
    "care_leavers_eet_snapshot_pct",
]


@pytest.mark.parametrize("indicator_id", sorted(EXPECTED_P1))
def test_value_at_31_march(warehouse: Path, indicator_id: str) -> None:
    numerator, denominator, value = values(warehouse, P1)[(indicator_id, P1)]
    expected = EXPECTED_P1[indicator_id]
    assert (numerator, denominator) == expected[:2]
    if expected[2] is None:
        assert value is None
    else:
        assert value == pytest.approx(expected[2])


@pytest.mark.parametrize("indicator_id", sorted(EXPECTED_P2))
def test_value_at_a_quarter_end(warehouse: Path, indicator_id: str) -> None:
    numerator, denominator, value = values(warehouse, P2)[(indicator_id, P2)]
    expected = EXPECTED_P2[indicator_id]
    assert (numerator, denominator) == expected[:2]
    assert value == pytest.approx(expected[2])


def test_every_indicator_at_every_date_and_notes_where_not_computable(warehouse: Path) -> None:
    found = rows(
        warehouse,
        "select period_end, is_reporting_period, count(*) from marts.indicator_values "
        "group by all order by 1",
    )
    # The reporting dates, their previous quarters and years ago; 47 indicators each.
    assert found == [
        (dt.date(2023, 12, 31), False, 47),
        (dt.date(2024, 3, 31), False, 47),
        (dt.date(2024, 9, 30), False, 47),
        (P2, True, 47),
        (P1, True, 47),
    ]
    assert set(EXPECTED_P1) == set(EXPECTED_P2) | set(NOT_AT_P2)
    notes = dict(
        rows(
            warehouse,
            "select indicator_id, note from marts.indicator_values "
            "where period_end = ? and value is null",
            [P2],
        )
    )
    # 903 files and no CIN census return: the CIN/CP figures are null, saying why
    cin = {k: v for k, v in notes.items() if k in CIN_INDICATORS}
    assert sorted(set(notes) - CIN_INDICATORS) == sorted(NOT_AT_P2)
    assert all("SSDA903" in notes[k] for k in NOT_AT_P2)
    assert set(cin) == CIN_INDICATORS
    assert all("No DfE CIN census return was landed" in note for note in cin.values())


def test_breakdowns_at_31_march(warehouse: Path) -> None:
    found = {
        (i, c): (n, p)
        for i, c, n, p in rows(
            warehouse,
            'select indicator_id, category, "count", percent from marts.indicator_breakdowns '
            "where period_end = ?",
            [P1],
        )
    }
    expected = {
        ("cla_by_gender", "male"): 6,
        ("cla_by_gender", "female"): 2,
        ("cla_by_gender", "other/unknown"): 0,
        # C03 (0); C01 (9), C07 (5); C08 (14), C09 (13), C15 (12), C16 (10); C05 (16).
        ("cla_by_age", "under_1"): 1,
        ("cla_by_age", "1_to_4"): 0,
        ("cla_by_age", "5_to_9"): 2,
        ("cla_by_age", "10_to_15"): 4,
        ("cla_by_age", "16_and_over"): 1,
        ("cla_by_age", "not_known"): 0,
        ("cla_by_legal_status", "care_order"): 4,
        ("cla_by_legal_status", "interim_care_order"): 2,
        ("cla_by_legal_status", "placement_order"): 1,
        ("cla_by_legal_status", "voluntary_s20"): 1,
        ("cla_by_legal_status", "other"): 0,
        ("cla_by_placement", "foster"): 5,
        ("cla_by_placement", "adoption"): 1,
        ("cla_by_placement", "supported_accommodation"): 1,
        ("cla_by_placement", "childrens_homes"): 1,
        ("cla_by_placement", "other"): 0,
        ("cla_by_location", "inside_la"): 5,
        ("cla_by_location", "outside_la"): 2,
        ("cla_by_location", "not_known"): 1,
        ("cla_by_uasc", "uasc"): 1,  # C05, as uasc_pct 1 of 8
        ("cla_by_uasc", "not_uasc"): 7,
        ("cla_ceased_reason", "returned_home"): 3,
        ("cla_ceased_reason", "adopted"): 1,
        ("cla_ceased_reason", "independent_living"): 1,
        ("cla_ceased_reason", "sgo"): 0,
    }
    for key, count in expected.items():
        total = 5 if key[0] == "cla_ceased_reason" else 8
        assert found[key] == (count, pytest.approx(100 * count / total)), key
    per_breakdown = rows(
        warehouse,
        'select indicator_id, sum("count"), round(sum(percent), 6) from '
        "marts.indicator_breakdowns where period_end = ? group by 1",
        [P1],
    )
    assert len(per_breakdown) == 14
    for indicator_id, total, percent in per_breakdown:
        if indicator_id.startswith("cpp_by_"):  # no CIN data: every category 0
            assert (total, percent) == (0, None)
            continue
        assert (total, percent) == (
            (5, 100.0) if indicator_id == "cla_ceased_reason" else (8, 100.0)
        )


def test_report_targets_rag_and_direction(warehouse: Path) -> None:
    report = {
        r[0]: r[1:]
        for r in rows(
            warehouse,
            "select indicator_id, value, target, rag, previous_value, year_ago_value, "
            "direction_of_travel, direction_assessment, sn_average, england "
            "from marts.indicator_report where period_end = ?",
            [P1],
        )
    }
    assert len(report) == 47
    # A year ago (31/03/2024, W from 01/04/2023): 10 looked after, none with 3 placements;
    # long-term cohort C07 (stable) and C16 (stretch from 31/03/2023): 50%; reviews C01 on
    # 31/03/2024 and C07 on 01/01/2024, both participating: 100%.
    # 12.5% shows as 13, above 10 + 2: red; up from 10% at P2: worse (lower is better).
    assert report["placements_3plus_pct"][1:7] == (10.0, "red", 10.0, 0.0, "up", "worse")
    assert report["long_term_stability_pct"][1:7] == (60.0, "green", 40.0, 50.0, "up", "better")
    # 66.7% shows as 67: within 5 below 70.
    assert report["review_participation_pct"][1:7] == (
        70.0,
        "amber",
        75.0,
        100.0,
        "down",
        "worse",
    )
    # No previous value from 903 files at 31/12: no direction.
    assert report["health_assessment_pct"][1:7] == (90.0, "red", None, None, None, None)
    # Looked after on 31/03/2024: C01 C02 C05 C06 C07 C08 C12 C14 C15 C16.
    assert report["cla_at_period_end"][1:7] == (None, "none", 10.0, 10.0, "down", "not_assessed")
    assert report["cla_at_period_end"][7:] == (None, None)  # no DfE release landed


def test_members_reproduce_every_figure_at_every_date(warehouse: Path) -> None:
    assert members_disagreeing(warehouse) == []


def _members(warehouse: Path, indicator_id: str, period_end: dt.date) -> dict[str, tuple]:
    return {
        r[0]: r[1:]
        for r in rows(
            warehouse,
            "select CHILD, in_numerator, numerator_contribution, denominator_contribution "
            "from marts.indicator_members where indicator_id = ? and period_end = ?",
            [indicator_id, period_end],
        )
    }


# Who each figure counts at P1, worked out by hand (see EXPECTED_P1):
# {CHILD: (in_numerator, numerator_contribution, denominator_contribution)}.
LOOKED_AFTER_P1 = ("C01", "C03", "C05", "C07", "C08", "C09", "C15", "C16")
MEMBERS_P1 = {
    "placements_3plus_pct": {c: (c == "C09", int(c == "C09"), 1) for c in LOOKED_AFTER_P1},
    "long_term_stability_pct": {
        c: (c in ("C07", "C15", "C16"), int(c in ("C07", "C15", "C16")), 1)
        for c in ("C01", "C07", "C08", "C15", "C16")
    },
    "cla_rate_per_10k": {c: (True, 1, None) for c in LOOKED_AFTER_P1},
    "cla_started": {c: (True, 1, None) for c in ("C03", "C09", "C17")},
    "distance_unknown": {c: (True, 1, None) for c in ("C05", "C16")},
    # incidents, not children: C09 had two
    "missing_incidents": {"C01": (True, 1, None), "C09": (True, 2, None)},
    # reviews, not children: C02's PN0 is in the denominator only
    "review_participation_pct": {"C01": (True, 1, 1), "C02": (False, 0, 1), "C09": (True, 1, 1)},
    # score points over scores
    "sdq_average_score": {
        "C01": (True, 12, 1),
        "C08": (True, 20, 1),
        "C09": (True, 8, 1),
        "C15": (True, 15, 1),
    },
    # C12 has no OC3 row: in the denominator only
    "care_leavers_17_18_eet_pct": {"C02": (True, 1, 1), "C12": (False, 0, 1)},
    "care_leavers_19_21_in_touch_pct": {"C10": (True, 1, 1)},
}


@pytest.mark.parametrize("indicator_id", sorted(MEMBERS_P1))
def test_members_at_31_march(warehouse: Path, indicator_id: str) -> None:
    assert _members(warehouse, indicator_id, P1) == MEMBERS_P1[indicator_id]


def test_no_members_where_a_figure_cannot_be_computed(warehouse: Path) -> None:
    """From 903 files the OC2/OC3 figures exist only at 31 March: no members at P2."""
    found = rows(
        warehouse,
        "select distinct indicator_id from marts.indicator_members where period_end = ?",
        [P2],
    )
    assert not {r[0] for r in found} & set(NOT_AT_P2)


# dq_affected at P1: C05 (error with no year) and C09 (2025 return) wherever they are
# members; C03's 2026 error does not count yet; the finding without a child counts nowhere.
DQ_AFFECTED_P1 = {
    "cla_at_period_end": 2,
    "cla_rate_per_10k": 2,
    "uasc_pct": 2,
    "placements_3plus_pct": 2,
    "placed_over_20_miles_pct": 2,
    "distance_unknown": 1,  # C05 (C16 has none)
    "long_term_stability_pct": 0,  # C01 C07 C08 C15 C16
    "cla_started": 1,  # C09 (C03's error is for 2026)
    "cla_ceased": 0,
    "health_assessment_pct": 2,
    "sdq_average_score": 1,  # C09 has a score, C05 none
    "missing_incident_pct": 2,
    "missing_incidents": 1,
    "review_participation_pct": 1,
    "care_leavers_17_18_eet_pct": 0,
}


def test_dq_affected_counts_members_with_a_record_error(warehouse: Path) -> None:
    found = dict(
        rows(
            warehouse,
            "select indicator_id, dq_affected from marts.indicator_values where period_end = ?",
            [P1],
        )
    )
    assert {k: found[k] for k in DQ_AFFECTED_P1} == DQ_AFFECTED_P1
    # A year earlier only C05's error (no collection year) counts: C09's is from the 2025 return.
    (earlier,) = rows(
        warehouse,
        "select dq_affected from marts.indicator_values "
        "where indicator_id = 'cla_at_period_end' and period_end = ?",
        [dt.date(2024, 3, 31)],
    )
    assert earlier == (1,)
    # Never null, and never more than the figure's children (dbt test holds too).
    assert rows(
        warehouse,
        "select count(*) from marts.indicator_values where dq_affected is null "
        "or dq_affected > coalesce(case when unit in ('count', 'rate') then numerator "
        "else denominator end, 0)",
    ) == [(0,)]


def test_the_report_carries_dq_affected(warehouse: Path) -> None:
    assert rows(
        warehouse,
        "select count(*) from marts.indicator_report r join marts.indicator_values v "
        "using (indicator_id, period_end) where r.dq_affected is distinct from v.dq_affected",
    ) == [(0,)]
    assert rows(
        warehouse,
        "select dq_affected from marts.indicator_report "
        "where indicator_id = 'cla_at_period_end' and period_end in (?, ?) order by period_end",
        [P2, P1],
    ) == [(2,), (2,)]
