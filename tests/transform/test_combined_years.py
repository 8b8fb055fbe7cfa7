"""Two overlapping 903 collection years combine into one history; the later year wins.

2023 and 2024 both send child A's episode that was open at 31 March 2023 (2024 closes it),
child C's X1 chain straddles the two years, child B's episode is open in 2023 with a REC
and never re-sent, and the header, missing and review rows repeat with changes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from .helpers import Builder, land, rows

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


@pytest.fixture(scope="module")
def two_years(tmp_path_factory: pytest.TempPathFactory, build_ssda903: Builder) -> Path:
    root = tmp_path_factory.mktemp("two_years")
    for year, files in YEAR_FILES.items():
        folder = root / "ssda903" / str(year)
        folder.mkdir(parents=True)
        for name, text in files.items():
            (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    warehouse = root / "two_years.duckdb"
    land(warehouse, "ssda903", root / "ssda903")
    build_ssda903(warehouse, "ssda903")
    return warehouse


def test_later_year_wins_for_the_same_episode(two_years: Path) -> None:
    got = rows(
        two_years,
        """select CHILD, DECOM, DEC, REC, collection_year, source_system
           from marts.ssda903_episodes order by CHILD, DECOM""",
    )
    assert got == [
        # open at 31/03/2023, closed in the 2024 return: 2024's row wins
        ("A", dt.date(2022, 6, 1), dt.date(2023, 5, 1), "E13", 2024, "ssda903"),
        # open in 2023 and never re-sent: stays open, its REC without a DEC ignored
        ("B", dt.date(2021, 1, 1), None, None, 2023, "ssda903"),
        # an X1 chain across the two years: first episode from 2023, second closed in 2024
        ("C", dt.date(2022, 5, 1), dt.date(2022, 9, 1), "X1", 2023, "ssda903"),
        ("C", dt.date(2022, 9, 1), dt.date(2024, 2, 1), "E4A", 2024, "ssda903"),
        ("D", dt.date(2023, 10, 1), None, None, 2024, "ssda903"),
    ]


def test_the_x1_chain_across_years_is_one_period_of_care(two_years: Path) -> None:
    got = rows(
        two_years,
        """select CHILD, period_of_care_start, period_of_care_end, reason_ended, episode_count
           from intermediate.int_periods_of_care order by CHILD""",
    )
    assert got == [
        ("A", dt.date(2022, 6, 1), dt.date(2023, 5, 1), "E13", 1),
        # B's only episode is a V2 (not a short break): one open period
        ("B", dt.date(2021, 1, 1), None, None, 1),
        ("C", dt.date(2022, 5, 1), dt.date(2024, 2, 1), "E4A", 2),
        ("D", dt.date(2023, 10, 1), None, None, 1),
    ]


def test_header_takes_the_latest_year_and_recodes_sex(two_years: Path) -> None:
    got = rows(
        two_years,
        "select CHILD, SEX, DOB, ETHNIC, collection_year from marts.ssda903_header order by 1",
    )
    assert got == [
        ("A", "M", dt.date(2010, 5, 5), "WBRI", 2024),
        ("B", "F", dt.date(2008, 6, 6), "AIND", 2023),  # legacy 2 -> F
        ("C", "F", dt.date(2011, 7, 7), "MWBC", 2024),
        ("D", "M", dt.date(2015, 8, 8), "BAFR", 2024),  # lower case m upper-cased
    ]


def test_oc2_stays_per_collection_year(two_years: Path) -> None:
    got = rows(
        two_years,
        """select CHILD, YEAR, SDQ_SCORE, HEALTH_ASSESSMENT, TEETH_CHECK, IMMUNISATIONS
           from marts.ssda903_oc2 order by YEAR""",
    )
    assert got == [("B", 2023, 12, 1, 0, 1), ("B", 2024, None, 0, 1, 1)]


def test_missing_and_reviews_pool_years_keeping_the_latest_row(two_years: Path) -> None:
    assert rows(
        two_years,
        "select CHILD, MISSING, MIS_START, MIS_END, collection_year from marts.ssda903_missing",
    ) == [("A", "M", dt.date(2023, 3, 30), dt.date(2023, 4, 2), 2024)]
    assert rows(
        two_years, "select CHILD, REVIEW, REVIEW_CODE, collection_year from marts.ssda903_reviews"
    ) == [("A", dt.date(2022, 12, 1), "PN3", 2024)]


def test_rows_point_back_at_their_file_and_row(two_years: Path) -> None:
    got = rows(
        two_years,
        """select _source_file, _row_number from marts.ssda903_episodes
           where CHILD = 'C' order by DECOM""",
    )
    assert got == [("2023/episodes.csv", 3), ("2024/episodes.csv", 2)]
