"""Timeline faults in a Mosaic extract: each kind gives its finding and its resolution.

One extract (hand_made.CASES) holds one child per fault, plus the legal status and
placement rows the child needs; the expected finding and the episodes after resolution
are worked out by hand from the rule in dbt/macros/ssda903/timelines.sql and
int_mosaic__periods_resolved. The episodes are read from int_mosaic__episodes, the Mosaic
side of ssda903_episodes (the shared warehouse is built as an ssda903 run).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from .hand_made import CASES, EXTRACT, OLDER_EXTRACT, Case
from .helpers import d, rows


@pytest.mark.parametrize("case", CASES, ids=[c.child for c in CASES])
def test_fault_is_reported_with_its_resolution(case: Case, hand_made: Path) -> None:
    found = rows(
        hand_made,
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
def test_episodes_follow_the_resolution(case: Case, hand_made: Path) -> None:
    got = rows(
        hand_made,
        """select DECOM, DEC, RNE, LS, PLACE, REC from intermediate.int_mosaic__episodes
           where CHILD = ? order by DECOM, DEC""",
        [case.child],
    )
    expected = [(d(a), d(b), rne, ls, place, rec) for a, b, rne, ls, place, rec in case.episodes]
    assert got == expected


def test_no_period_is_dropped_silently(hand_made: Path) -> None:
    """Every period row either yields episodes or is named by a finding."""
    unaccounted = rows(
        hand_made,
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
        hand_made,
        "select count(*) from intermediate.int_mosaic__episodes where CHILD = 'NODATE'",
    ) == [(0,)]


def test_only_the_latest_extract_is_read(hand_made: Path) -> None:
    """An optional file missing from the latest extract gives no rows, not older ones."""
    assert rows(
        hand_made, "select count(*) from raw.mosaic_reviews where _batch = ?", [OLDER_EXTRACT]
    ) == [(1,)]
    assert rows(hand_made, "select count(*) from staging.stg_mosaic__reviews") == [(0,)]
    assert rows(hand_made, "select distinct extract_id from staging.stg_mosaic__persons") == [
        (EXTRACT,)
    ]
    assert rows(
        hand_made, "select count(*) from intermediate.int_mosaic__header where CHILD = 'OLD'"
    ) == [(0,)]
