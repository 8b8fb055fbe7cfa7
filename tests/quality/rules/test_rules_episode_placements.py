"""DfE rules on short breaks, legal status lengths, placement types, providers and ages."""

import pytest
from quality_harness import flagged


def ep(child: str, decom: str, dec: str | None = None, **f: object) -> dict[str, object]:
    return {"CHILD": child, "DECOM": decom, "DEC": dec, **f}


def test_365_a_short_break_lasts_at_most_17_days() -> None:
    episodes = [
        ep("1", "2024-05-01", "2024-05-18", LS="V3"),  # 17 days
        ep("2", "2024-05-01", "2024-05-19", LS="V3"),  # 18 days
        ep("3", "2025-03-01", LS="V3"),  # open: to 31 March, 30 days
        ep("4", "2024-05-01", "2024-06-19", LS="V4"),
    ]
    assert flagged("365", episodes=episodes) == [2, 3]


def test_367_short_breaks_total_at_most_75_days_in_the_year() -> None:
    episodes = [
        ep("1", "2024-05-01", "2024-06-10", LS="V3"),  # 40 days
        ep("1", "2024-08-01", "2024-09-06", LS="V3"),  # 36 days: 76 in all
        ep("2", "2024-05-01", "2024-06-10", LS="V3"),
        ep("2", "2024-08-01", "2024-09-05", LS="V3"),  # 35 days: 75 in all
        ep("3", "2024-03-01", "2024-05-16", LS="V3"),  # 76 days, 45 in the year
    ]
    assert flagged("367", episodes=episodes) == [1, 2]


def test_382_a_short_break_is_not_a_temporary_placement() -> None:
    episodes = [
        ep("1", "2024-05-01", LS="V3", PLACE="T0"),
        ep("2", "2024-05-01", LS="V3", PLACE="U6"),
    ]
    assert flagged("382", episodes=episodes) == [1]


def test_384_a_short_break_is_not_long_term_fostering() -> None:
    episodes = [
        ep("1", "2024-05-01", LS="V4", PLACE="U1"),
        ep("2", "2024-05-01", LS="V4", PLACE="U3"),
    ]
    assert flagged("384", episodes=episodes) == [1]


@pytest.mark.parametrize(
    ("code", "ls", "days"),
    [("361", "L1", 3), ("362", "L2", 21), ("363", "L3", 7), ("364", "J2", 21)],
)
def test_legal_status_held_too_long(code: str, ls: str, days: int) -> None:
    import datetime as dt

    start = dt.date(2024, 5, 1)
    at_limit = (start + dt.timedelta(days=days)).isoformat()
    over = (start + dt.timedelta(days=days + 1)).isoformat()
    split = (start + dt.timedelta(days=2)).isoformat()
    episodes = [
        ep("1", "2024-05-01", at_limit, LS=ls),
        ep("2", "2024-05-01", over, LS=ls),
        # two contiguous episodes with the status are one run, over the limit together
        ep("3", "2024-05-01", split, LS=ls, REC="X1"),
        ep("3", split, over, LS=ls),
        ep("4", "2024-05-01", over, LS="C2"),
    ]
    assert flagged(code, episodes=episodes) == [2, 3, 4]


def test_526_provider_missing() -> None:
    episodes = [
        ep("1", "2024-05-01", PLACE="U4"),
        ep("2", "2024-05-01", PLACE="T1"),
        ep("3", "2024-05-01", PLACE="U4", PLACE_PROVIDER="PR1"),
    ]
    assert flagged("526", episodes=episodes) == [1]


@pytest.mark.parametrize(
    ("code", "provider", "bad", "good"),
    [
        ("527", "PR1", "R5", "U4"),
        ("528", "PR2", "P1", "K2"),
        ("529", "PR3", "K2", "R2"),
        ("530", "PR4", "P1", "K2"),
        ("531", "PR5", "P1", "K2"),
        ("550", "PR0", "U4", "P1"),
    ],
)
def test_provider_and_placement_type_compatible(
    code: str, provider: str, bad: str, good: str
) -> None:
    episodes = [
        ep("1", "2024-05-01", PLACE=good, PLACE_PROVIDER=provider),
        ep("2", "2024-05-01", PLACE=bad, PLACE_PROVIDER=provider),
    ]
    assert flagged(code, episodes=episodes) == [2]


def test_378_placed_with_parents_under_section_20() -> None:
    episodes = [
        ep("1", "2024-05-01", LS="V2", PLACE="P1"),
        ep("2", "2024-05-01", LS="C2", PLACE="P1"),
    ]
    assert flagged("378", episodes=episodes) == [1]


def test_408_placed_for_adoption_without_a_placement_order() -> None:
    episodes = [
        ep("1", "2024-05-01", LS="C2", PLACE="A5"),
        ep("2", "2024-05-01", LS="E1", PLACE="A6"),
    ]
    assert flagged("408", episodes=episodes) == [1]


def test_358_youth_justice_status_under_10() -> None:
    header = [{"CHILD": "1", "DOB": "2014-05-01"}, {"CHILD": "2", "DOB": "2014-04-30"}]
    # child 1 turns 10 on the day the episode starts: DfE counts that as under 10
    episodes = [ep("1", "2024-05-01", LS="J1"), ep("2", "2024-05-01", LS="J1")]
    assert flagged("358", episodes=episodes, header=header) == [("episodes", 1), ("header", 1)]


@pytest.mark.parametrize(
    ("code", "place", "years"),
    [("371", "K3", 16), ("372", "R5", 10), ("373", "S1", 4), ("374", "P3", 14)],
)
def test_placement_too_young(code: str, place: str, years: int) -> None:
    header = [
        {"CHILD": "1", "DOB": f"{2024 - years}-05-02"},  # one day short at DECOM
        {"CHILD": "2", "DOB": f"{2024 - years}-05-01"},  # that birthday at DECOM
        {"CHILD": "3", "DOB": f"{2024 - years}-05-02"},
    ]
    episodes = [
        ep("1", "2024-05-01", "2024-06-01", PLACE=place),
        ep("2", "2024-05-01", "2024-06-01", PLACE=place),
        ep("3", "2024-05-01", PLACE=place),  # open: DfE's rule checks ended episodes only
    ]
    assert flagged(code, episodes=episodes, header=header) == [1]


@pytest.mark.parametrize(
    ("code", "place", "days"), [("375", "T1", 42), ("376", "T3", 21), ("379", "T4", 7)]
)
def test_temporary_placement_too_long(code: str, place: str, days: int) -> None:
    import datetime as dt

    header = [{"CHILD": c, "DOB": "2015-01-01"} for c in "12"]
    start = dt.date(2024, 5, 1)
    episodes = [
        ep("1", "2024-05-01", (start + dt.timedelta(days=days)).isoformat(), PLACE=place),
        ep("2", "2024-05-01", (start + dt.timedelta(days=days + 1)).isoformat(), PLACE=place),
    ]
    assert flagged(code, episodes=episodes, header=header) == [2]


@pytest.mark.parametrize(
    ("code", "rec", "dob_bad", "dob_good"),
    [
        ("386", "E11", "2006-06-01", "2006-06-02"),  # adopted at 18
        ("387", "E5", "2010-06-02", "2010-06-01"),  # independent living under 14
        ("460", "E17", "2006-06-02", "2006-06-01"),  # staying put under 18
    ],
)
def test_reason_ceased_and_age(code: str, rec: str, dob_bad: str, dob_good: str) -> None:
    header = [{"CHILD": "1", "DOB": dob_bad}, {"CHILD": "2", "DOB": dob_good}]
    episodes = [
        ep("1", "2024-05-01", "2024-06-01", REC=rec),
        ep("2", "2024-05-01", "2024-06-01", REC=rec),
    ]
    assert flagged(code, episodes=episodes, header=header) == [1]
