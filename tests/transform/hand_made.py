"""Hand-made inputs of the SSDA903 model tests, landed together into one warehouse.

A Mosaic extract with one child per timeline fault (test_timeline_faults) and two
overlapping 903 collection years (test_combined_years). Both sources' models are built
whatever the run's source (the marts only choose between them), so one dbt build, as an
ssda903 run, serves both test modules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .helpers import write_csv

EXTRACT = "2025-03-31"
# An older extract still in the landing folder, with a reviews.csv the latest one lacks.
OLDER_EXTRACT = "2024-12-31"


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


def write_faulty_extract(root: Path) -> None:
    """The Mosaic extract of CASES under root/mosaic/<EXTRACT>/, and an older one."""
    older = root / "mosaic" / OLDER_EXTRACT
    write_csv(
        older / "persons.csv",
        "PERSON_ID,GENDER,DATE_OF_BIRTH,ETHNICITY",
        [("OLD", "M", "01/01/2010", "WBRI")],
    )
    write_csv(
        older / "reviews.csv", "PERSON_ID,REVIEW_DATE,PARTICIPATION", [("OLD", "01/10/2024", "PN1")]
    )
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


EPISODES_HEADER = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
    "HOME_POST,PL_POST,URN\n"
)

# The files of each collection year, as an LA would send them (dates in either format).
YEAR_FILES: dict[int, dict[str, str]] = {
    2023: {
        "header": """CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
A,1,05/05/2010,WOTH,,,
B,2,06/06/2008,AIND,,,
C,2,2011-07-07,MWBC,,,
""",
        "episodes": EPISODES_HEADER
        + """A,01/06/2022,S,C2,N1,U4,PR1,,,,HA1 1AA,HA2 2BB,
B,01/01/2021,S,V2,N2,K2,PR2,,E8,,,,SC1
C,01/05/2022,S,C1,N1,U1,PR1,01/09/2022,X1,,,,
C,01/09/2022,L,C2,N1,U1,PR1,,,,,,
""",
        "oc2": """CHILD,DOB,SDQ_SCORE,HEALTH_ASSESSMENT,TEETH_CHECK,IMMUNISATIONS
B,06/06/2008,12,1,0,1
""",
        "missing": """CHILD,DOB,MISSING,MIS_START,MIS_END
A,05/05/2010,M,30/03/2023,
""",
        "reviews": """CHILD,DOB,REVIEW,REVIEW_CODE
A,05/05/2010,01/12/2022,PN0
""",
    },
    2024: {
        "header": """CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
A,M,05/05/2010,WBRI,,,
C,F,07/07/2011,MWBC,,,
D,m,08/08/2015,BAFR,,,
""",
        "episodes": EPISODES_HEADER
        + """A,01/06/2022,S,C2,N1,U4,PR1,01/05/2023,E13,,HA1 1AA,HA2 2BB,
C,01/09/2022,L,C2,N1,U1,PR1,01/02/2024,E4A,,,,
D,01/10/2023,S,C2,N4,U4,PR1,,,,,,
E,31/02/2024,S,C2,N4,U4,PR1,,,,,,
,01/03/2024,S,C2,N4,U4,PR1,,,,,,
""",
        "oc2": """CHILD,DOB,SDQ_SCORE,HEALTH_ASSESSMENT,TEETH_CHECK,IMMUNISATIONS
B,06/06/2008,,0,1,1
""",
        "missing": """CHILD,DOB,MISSING,MIS_START,MIS_END
A,05/05/2010,M,30/03/2023,02/04/2023
""",
        "reviews": """CHILD,DOB,REVIEW,REVIEW_CODE
A,05/05/2010,01/12/2022,PN3
""",
    },
}


def write_two_years(root: Path) -> None:
    """The 903 returns of YEAR_FILES under root/ssda903/<year>/."""
    for year, files in YEAR_FILES.items():
        folder = root / "ssda903" / str(year)
        folder.mkdir(parents=True)
        for name, text in files.items():
            (folder / f"{name}.csv").write_text(text, encoding="utf-8")
