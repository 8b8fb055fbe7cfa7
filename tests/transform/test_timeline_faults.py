"""Timeline faults in a Mosaic extract: each kind gives its finding and its resolution.

One extract holds one child per fault (plus the legal status and placement rows the
child needs); the expected finding and the episodes after resolution are worked out by
hand from the rule in dbt/macros/ssda903/timelines.sql and int_mosaic__periods_resolved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .helpers import Builder, d, land, rows, write_csv

EXTRACT = "2025-03-31"


@dataclass
class Case:
    child: str
    # (PERIOD_OF_CARE_ID, START_DATE, END_DATE, REASON_ENDED)
    periods: list[tuple[str, str | None, str | None, str | None]]
    # (LEGAL_STATUS_ID, LEGAL_STATUS, START_DATE, END_DATE)
    legal: list[tuple[str, str, str | None, str | None]]
    # (PLACEMENT_ID, PERIOD_OF_CARE_ID, START_DATE, END_DATE, PLACEMENT_TYPE, CARER_ID)
    placements: list[tuple[str, str, str | None, str | None, str, str | None]]
    # (rule_id, record_id, related_record_id, fault_start, fault_end, words in resolution)
    findings: list[tuple[str, str, str | None, str | None, str | None, str]]
    # (DECOM, DEC, RNE, LS, PLACE, REC) after resolution
    episodes: list[tuple[str, str | None, str, str | None, str | None, str | None]] = field(
        default_factory=list
    )


CASES = [
    Case(
        "LSGAP",
        [("LSGAP-P", "01/01/2023", None, None)],
        [("LG1", "C1", "01/01/2023", "01/03/2023"), ("LG2", "C2", "01/04/2023", None)],
        [("LSGAP-A", "LSGAP-P", "01/01/2023", None, "U4", "K1")],
        [("LEGAL_STATUS_GAP", "LG1", "LG2", "01/03/2023", "01/04/2023", "extended")],
        [
            ("01/01/2023", "01/04/2023", "S", "C1", "U4", "X1"),
            ("01/04/2023", None, "L", "C2", "U4", None),
        ],
    ),
    Case(
        "LSOVER",
        [("LSOVER-P", "01/01/2023", None, None)],
        [("LO1", "C1", "01/01/2023", "01/06/2023"), ("LO2", "C2", "01/04/2023", None)],
        [("LSOVER-A", "LSOVER-P", "01/01/2023", None, "U4", "K1")],
        [("LEGAL_STATUS_OVERLAP", "LO1", "LO2", "01/04/2023", "01/06/2023", "later-starting")],
        [
            ("01/01/2023", "01/04/2023", "S", "C1", "U4", "X1"),
            ("01/04/2023", None, "L", "C2", "U4", None),
        ],
    ),
    Case(
        "LSLATE",
        [("LSLATE-P", "01/01/2023", "01/01/2024", "E13")],
        [("LL1", "C2", "01/02/2023", "01/10/2023")],
        [("LSLATE-A", "LSLATE-P", "01/01/2023", "01/01/2024", "U4", "K1")],
        [
            ("LEGAL_STATUS_GAP", "LL1", None, "01/01/2023", "01/02/2023", "extended back"),
            ("LEGAL_STATUS_GAP", "LL1", None, "01/10/2023", "01/01/2024", "period end"),
        ],
        [("01/01/2023", "01/01/2024", "S", "C2", "U4", "E13")],
    ),
    Case(
        "LSNONE",
        [("LSNONE-P", "01/01/2023", None, None)],
        [],
        [("LSNONE-A", "LSNONE-P", "01/01/2023", None, "U4", "K1")],
        [("LEGAL_STATUS_MISSING", "LSNONE-P", None, "01/01/2023", None, "LS blank")],
        [("01/01/2023", None, "S", None, "U4", None)],
    ),
    Case(
        "PLGAP",
        [("PLGAP-P", "01/01/2023", None, None)],
        [("PG-L", "C2", "01/01/2023", None)],
        [
            ("PG1", "PLGAP-P", "01/01/2023", "01/03/2023", "U4", "K1"),
            ("PG2", "PLGAP-P", "01/04/2023", None, "U1", "K2"),
        ],
        [("PLACEMENT_GAP", "PG1", "PG2", "01/03/2023", "01/04/2023", "extended")],
        [
            ("01/01/2023", "01/04/2023", "S", "C2", "U4", "X1"),
            ("01/04/2023", None, "P", "C2", "U1", None),
        ],
    ),
    Case(
        "PLOVER",
        [("PLOVER-P", "01/01/2023", None, None)],
        [("PO-L", "C2", "01/01/2023", None)],
        [
            ("PO1", "PLOVER-P", "01/01/2023", "01/06/2023", "U4", "K1"),
            ("PO2", "PLOVER-P", "01/04/2023", None, "U1", "K1"),
        ],
        [("PLACEMENT_OVERLAP", "PO1", "PO2", "01/04/2023", "01/06/2023", "later-starting")],
        [
            ("01/01/2023", "01/04/2023", "S", "C2", "U4", "X1"),
            ("01/04/2023", None, "T", "C2", "U1", None),
        ],
    ),
    Case(
        "PLEARLY",
        [("PLEARLY-P", "01/01/2023", None, None)],
        [("PE-L", "C2", "01/01/2023", None)],
        [("PE1", "PLEARLY-P", "01/12/2022", None, "U4", "K1")],
        [
            (
                "PLACEMENT_OUTSIDE_PERIOD",
                "PE1",
                None,
                "01/12/2022",
                "01/01/2023",
                "clipped to start",
            )
        ],
        [("01/01/2023", None, "S", "C2", "U4", None)],
    ),
    Case(
        "PLLATE",
        [("PLLATE-P", "01/01/2023", "01/06/2023", "E13")],
        [("PT-L", "C2", "01/01/2023", "01/06/2023")],
        [("PT1", "PLLATE-P", "01/01/2023", "01/08/2023", "U4", "K1")],
        [
            (
                "PLACEMENT_OUTSIDE_PERIOD",
                "PT1",
                None,
                "01/06/2023",
                "01/08/2023",
                "clipped to end",
            )
        ],
        [("01/01/2023", "01/06/2023", "S", "C2", "U4", "E13")],
    ),
    Case(
        "PLAWAY",
        [("PLAWAY-P", "01/01/2023", "01/06/2023", "E13")],
        [("PA-L", "C2", "01/01/2023", "01/06/2023")],
        [
            ("PA1", "PLAWAY-P", "01/01/2023", "01/06/2023", "U4", "K1"),
            ("PA2", "PLAWAY-P", "01/07/2023", "01/08/2023", "U1", "K2"),
        ],
        [
            (
                "PLACEMENT_OUTSIDE_PERIOD",
                "PA2",
                None,
                "01/07/2023",
                "01/08/2023",
                "wholly outside",
            )
        ],
        [("01/01/2023", "01/06/2023", "S", "C2", "U4", "E13")],
    ),
    Case(
        "PLOPEN",
        [("PLOPEN-P", "01/01/2023", "01/06/2023", "E4A")],
        [("PN-L", "C2", "01/01/2023", "01/06/2023")],
        [("PN1", "PLOPEN-P", "01/01/2023", None, "U4", "K1")],
        [("PLACEMENT_OPEN_AFTER_PERIOD_END", "PN1", None, "01/06/2023", None, "closed at")],
        [("01/01/2023", "01/06/2023", "S", "C2", "U4", "E4A")],
    ),
    Case(
        "PLNONE",
        [("PLNONE-P", "01/01/2023", None, None)],
        [("PX-L", "C2", "01/01/2023", None)],
        [],
        [("PLACEMENT_MISSING", "PLNONE-P", None, "01/01/2023", None, "PLACE")],
        [("01/01/2023", None, "S", "C2", None, None)],
    ),
    Case(
        "NODATE",
        [("NODATE-P", None, None, None)],
        [("ND-L", "C2", "01/01/2023", None)],
        [("ND1", "NODATE-P", "01/01/2023", None, "U4", "K1")],
        [
            ("PERIOD_UNDATED", "NODATE-P", None, None, None, "no episodes"),
            ("PLACEMENT_UNKNOWN_PERIOD", "ND1", None, "01/01/2023", None, "not used"),
        ],
        [],
    ),
    Case(
        "BACKWARD",
        [("BACKWARD-P", "01/06/2023", "01/01/2023", "E13")],
        [("BW-L", "C2", "01/06/2023", None)],
        [("BW1", "BACKWARD-P", "01/06/2023", None, "U4", "K1")],
        [("PERIOD_END_BEFORE_START", "BACKWARD-P", None, "01/01/2023", "01/06/2023", "open")],
        [("01/06/2023", None, "S", "C2", "U4", None)],
    ),
    Case(
        "TWOPER",
        [("TWOPER-1", "01/01/2023", "01/06/2023", "E13"), ("TWOPER-2", "01/04/2023", None, None)],
        [("TP-L", "C2", "01/01/2023", None)],
        [
            ("TP1", "TWOPER-1", "01/01/2023", "01/06/2023", "U4", "K1"),
            ("TP2", "TWOPER-2", "01/04/2023", None, "U1", "K2"),
        ],
        [("PERIOD_OVERLAP", "TWOPER-2", "TWOPER-1", "01/04/2023", "01/06/2023", "as given")],
        [
            ("01/01/2023", "01/06/2023", "S", "C2", "U4", "E13"),
            ("01/04/2023", None, "S", "C2", "U1", None),
        ],
    ),
]


@pytest.fixture(scope="module")
def faulty_extract(tmp_path_factory: pytest.TempPathFactory, build_ssda903: Builder) -> Path:
    root = tmp_path_factory.mktemp("timeline_faults")
    extract = root / "mosaic" / EXTRACT
    write_csv(
        extract / "persons.csv",
        "PERSON_ID,GENDER,DATE_OF_BIRTH,ETHNICITY",
        [(c.child, "F", "01/01/2012", "WBRI") for c in CASES],
    )
    write_csv(
        extract / "periods_of_care.csv",
        "PERIOD_OF_CARE_ID,PERSON_ID,START_DATE,END_DATE,CATEGORY_OF_NEED,REASON_ENDED",
        [(p[0], c.child, p[1], p[2], "N1", p[3]) for c in CASES for p in c.periods],
    )
    write_csv(
        extract / "legal_statuses.csv",
        "LEGAL_STATUS_ID,PERSON_ID,LEGAL_STATUS,START_DATE,END_DATE",
        [(lg[0], c.child, lg[1], lg[2], lg[3]) for c in CASES for lg in c.legal],
    )
    write_csv(
        extract / "placements.csv",
        "PLACEMENT_ID,PERSON_ID,PERIOD_OF_CARE_ID,START_DATE,END_DATE,PLACEMENT_TYPE,"
        "PLACEMENT_PROVIDER,CARER_ID",
        [(p[0], c.child, p[1], p[2], p[3], p[4], "PR1", p[5]) for c in CASES for p in c.placements],
    )
    warehouse = root / "faults.duckdb"
    land(warehouse, "mosaic", root / "mosaic")
    build_ssda903(warehouse, "mosaic")
    return warehouse


@pytest.mark.parametrize("case", CASES, ids=[c.child for c in CASES])
def test_fault_is_reported_with_its_resolution(case: Case, faulty_extract: Path) -> None:
    found = rows(
        faulty_extract,
        """select rule_id, record_id, related_record_id, fault_start, fault_end, resolution,
                  _source_file, _row_number
           from intermediate.int_mosaic__timeline_faults where CHILD = ?
           order by rule_id, record_id, fault_start""",
        [case.child],
    )
    assert len(found) == len(case.findings), found
    expected = sorted(case.findings, key=lambda f: (f[0], f[1], d(f[3]) or dt.date.min))
    for got, (rule, record, related, start, end, words) in zip(found, expected, strict=True):
        assert got[:5] == (rule, record, related, d(start), d(end)), got
        assert words in got[5], got[5]
        assert got[6].startswith(f"{EXTRACT}/") and got[7] >= 1  # points at a file and row


@pytest.mark.parametrize("case", CASES, ids=[c.child for c in CASES])
def test_episodes_follow_the_resolution(case: Case, faulty_extract: Path) -> None:
    got = rows(
        faulty_extract,
        """select DECOM, DEC, RNE, LS, PLACE, REC from marts.ssda903_episodes
           where CHILD = ? order by DECOM, DEC""",
        [case.child],
    )
    expected = [(d(a), d(b), rne, ls, place, rec) for a, b, rne, ls, place, rec in case.episodes]
    assert got == expected


def test_no_period_is_dropped_silently(faulty_extract: Path) -> None:
    """Every period row either yields episodes or is named by a finding."""
    unaccounted = rows(
        faulty_extract,
        """select p.period_of_care_id
           from staging.stg_mosaic__periods_of_care as p
           where not exists (
               select 1 from intermediate.int_mosaic__episodes as e
               where e.period_of_care_id = p.period_of_care_id)
             and not exists (
               select 1 from intermediate.int_mosaic__timeline_faults as f
               where f.record_type = 'period_of_care' and f.record_id = p.period_of_care_id)""",
    )
    assert unaccounted == []
    # the undated period is among those accounted for by a finding only
    assert rows(
        faulty_extract,
        "select count(*) from intermediate.int_mosaic__episodes where CHILD = 'NODATE'",
    ) == [(0,)]
