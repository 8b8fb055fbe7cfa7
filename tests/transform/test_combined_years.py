"""Two overlapping 903 collection years combine into one history; the later year wins.

In hand_made.YEAR_FILES, 2023 and 2024 both send child A's episode that was open at
31 March 2023 (2024 closes it), child C's X1 chain straddles the two years, child B's
episode is open in 2023 with a REC and never re-sent, and the header, missing and review
rows repeat with changes. Two 2024 episode rows cannot be keyed (a DECOM that is not a
date, a blank CHILD)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .helpers import rows


def test_later_year_wins_for_the_same_episode(hand_made: Path) -> None:
    got = rows(
        hand_made,
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


def test_the_x1_chain_across_years_is_one_period_of_care(hand_made: Path) -> None:
    got = rows(
        hand_made,
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


def test_header_takes_the_latest_year_and_recodes_sex(hand_made: Path) -> None:
    got = rows(
        hand_made,
        "select CHILD, SEX, DOB, ETHNIC, collection_year from marts.ssda903_header order by 1",
    )
    assert got == [
        ("A", "M", dt.date(2010, 5, 5), "WBRI", 2024),
        ("B", "F", dt.date(2008, 6, 6), "AIND", 2023),  # legacy 2 -> F
        ("C", "F", dt.date(2011, 7, 7), "MWBC", 2024),
        ("D", "M", dt.date(2015, 8, 8), "BAFR", 2024),  # lower case m upper-cased
    ]


def test_oc2_stays_per_collection_year(hand_made: Path) -> None:
    got = rows(
        hand_made,
        """select CHILD, YEAR, SDQ_SCORE, HEALTH_ASSESSMENT, TEETH_CHECK, IMMUNISATIONS
           from marts.ssda903_oc2 order by YEAR""",
    )
    assert got == [("B", 2023, 12, 1, 0, 1), ("B", 2024, None, 0, 1, 1)]


def test_missing_and_reviews_pool_years_keeping_the_latest_row(hand_made: Path) -> None:
    assert rows(
        hand_made,
        "select CHILD, MISSING, MIS_START, MIS_END, collection_year from marts.ssda903_missing",
    ) == [("A", "M", dt.date(2023, 3, 30), dt.date(2023, 4, 2), 2024)]
    assert rows(
        hand_made, "select CHILD, REVIEW, REVIEW_CODE, collection_year from marts.ssda903_reviews"
    ) == [("A", dt.date(2022, 12, 1), "PN3", 2024)]


def test_rows_point_back_at_their_file_and_row(hand_made: Path) -> None:
    got = rows(
        hand_made,
        """select _source_file, _row_number from marts.ssda903_episodes
           where CHILD = 'C' order by DECOM""",
    )
    assert got == [("2023/episodes.csv", 3), ("2024/episodes.csv", 2)]


def test_rows_without_a_key_are_reported_not_lost(hand_made: Path) -> None:
    got = rows(
        hand_made,
        """select table_name, _source_file, _row_number, CHILD, fields, excluded_from
           from intermediate.int_source_rows_excluded order by _row_number""",
    )
    assert got == [
        ("ssda903_episodes", "2024/episodes.csv", 4, "E", "DECOM", "ssda903_episodes"),
        ("ssda903_episodes", "2024/episodes.csv", 5, None, "CHILD", "ssda903_episodes"),
    ]
    assert rows(hand_made, "select count(*) from marts.ssda903_episodes where CHILD = 'E'") == [
        (0,)
    ]
