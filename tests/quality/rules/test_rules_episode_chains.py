"""DfE rules on the chain of a child's episodes: overlaps, X1 continuity, RNE S, gaps."""

from quality_harness import flagged


def ep(child: str, decom: str, dec: str | None = None, rec: str | None = None, **f: object):
    return {"CHILD": child, "DECOM": decom, "DEC": dec, "REC": rec, **f}


def test_142_only_the_last_episode_may_be_open() -> None:
    episodes = [
        ep("1", "2024-05-01"),  # open, yet a later episode follows
        ep("1", "2024-06-01", "2024-07-01", "E11"),
        ep("2", "2024-05-01", "2024-06-01", "X1"),
        ep("2", "2024-06-01"),  # last: may be open
        ep("3", "2024-05-01", "2024-06-01"),  # ended without a reason, not last
        ep("3", "2024-06-01"),
    ]
    assert flagged("142", episodes=episodes) == [1, 5]


def test_501_overlapping_episodes_block() -> None:
    episodes = [
        ep("1", "2024-05-01", "2024-07-01", "X1"),
        ep("1", "2024-06-01", "2024-08-01", "E11"),  # starts before the previous ended
        ep("2", "2024-05-01", "2024-06-01", "X1"),
        ep("2", "2024-06-01"),  # starts the day it ended: fine
    ]
    assert flagged("501", episodes=episodes) == [2]


def test_388_broken_x1_chains_block() -> None:
    episodes = [
        ep("1", "2024-05-01", "2024-06-01", "X1"),
        ep("1", "2024-06-02"),  # X1 but next starts a day later
        ep("2", "2024-05-01", "2024-06-01", "E11"),
        ep("2", "2024-06-01", RNE="S"),  # care ended yet next starts that day
        ep("3", "2024-05-01", "2024-06-01", "X1"),  # X1 on the last episode
        ep("4", "2024-05-01", "2024-06-01", "X1"),
        ep("4", "2024-06-01"),  # a good chain
    ]
    assert flagged("388", episodes=episodes) == [1, 3, 5]


def test_357_first_episode_in_the_year_starts_care() -> None:
    episodes = [
        ep("1", "2024-05-01", RNE="P"),
        ep("2", "2024-05-01", RNE="S"),
        ep("3", "2024-03-01", RNE="P"),  # started before the year: may be a continuation
    ]
    assert flagged("357", episodes=episodes) == [1]


def test_431_care_starts_again_the_day_the_last_episode_ended() -> None:
    episodes = [
        ep("1", "2024-05-01", "2024-06-01", "E13"),
        ep("1", "2024-06-01", RNE="S"),
        ep("2", "2024-05-01", "2024-06-01", "E13"),
        ep("2", "2024-06-02", RNE="S"),
    ]
    assert flagged("431", episodes=episodes) == [2]


def test_432_after_care_ended_the_next_episode_is_s() -> None:
    episodes = [
        ep("1", "2024-05-01", "2024-06-01", "E13"),
        ep("1", "2024-07-01", RNE="P"),
        ep("2", "2024-05-01", "2024-06-01", "E13"),
        ep("2", "2024-07-01", RNE="S"),
        ep("3", "2024-05-01", "2024-06-01", "E99"),  # REC outside the list: rule 149's
        ep("3", "2024-07-01", RNE="P"),
    ]
    assert flagged("432", episodes=episodes) == [2]


def test_433_continuation_must_start_when_the_previous_ended() -> None:
    episodes = [
        ep("1", "2024-05-01", "2024-06-01", "X1"),
        ep("1", "2024-06-03", RNE="P"),
        ep("2", "2024-05-01", "2024-06-01", "X1"),
        ep("2", "2024-06-01", RNE="L"),
        ep("3", "2024-05-01", RNE="P"),  # no earlier episode loaded: not checked
    ]
    assert flagged("433", episodes=episodes) == [2]


def test_504_category_of_need_fixed_within_a_period() -> None:
    episodes = [
        ep("1", "2024-05-01", "2024-06-01", "X1", CIN="N1"),
        ep("1", "2024-06-01", CIN="N2"),
        ep("2", "2024-05-01", "2024-06-01", "E13", CIN="N1"),
        ep("2", "2024-07-01", CIN="N2"),  # a new period may change it
    ]
    assert flagged("504", episodes=episodes) == [2]


def test_380_temporary_placement_only_after_a_move() -> None:
    episodes = [
        ep("1", "2024-05-01", PLACE="T1", RNE="S"),
        ep("2", "2024-05-01", PLACE="T1", RNE="P"),
        ep("3", "2024-05-01", PLACE="U4", RNE="S"),
    ]
    assert flagged("380", episodes=episodes) == [1]


def test_381_care_cannot_end_in_a_temporary_placement() -> None:
    episodes = [
        ep("1", "2024-05-01", "2024-05-05", "E13", PLACE="T2"),
        ep("2", "2024-05-01", "2024-05-05", "X1", PLACE="T2"),
        ep("3", "2024-05-01", PLACE="T2"),
    ]
    assert flagged("381", episodes=episodes) == [1]
