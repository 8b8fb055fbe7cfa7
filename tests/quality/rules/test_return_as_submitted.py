"""DfE's rules read the return as submitted: no cleaning step hides an error from a rule.

The marts clean (a REC on an open episode is blanked, text in an OC2 item is cast to null,
duplicate rows are kept once, a row without MIS_START is dropped); the rules read the
landed files, so each of those is still seen. Rows are as a 903 file holds them.
"""

from quality_harness import flagged


def ep(child: str, decom: str, **fields: object) -> dict[str, object]:
    return {"CHILD": child, "DECOM": decom, **fields}


HEADER = [{"CHILD": "1", "DOB": "01/01/2012"}, {"CHILD": "2", "DOB": "01/01/2012"}]


def test_a_rec_on_an_open_episode_is_seen() -> None:
    open_with_rec = ep("1", "01/05/2024", REC="E11", PLACE="T1", RNE="S")
    assert flagged("148", episodes=[open_with_rec]) == [1]
    # a temporary placement ended with a REC other than X1 (381), even while open
    assert flagged("381", episodes=[open_with_rec]) == [1]
    # the next episode after one "ended" with E11 must start care (432)
    later = ep("1", "01/09/2024", RNE="P", PLACE="U1")
    assert flagged("432", episodes=[open_with_rec, later]) == [2]


def test_duplicate_episodes_are_each_seen() -> None:
    # two rows of one child starting the same day: the marts keep the later one
    t3 = ep("1", "01/05/2024", PLACE="T3", DEC="01/07/2024", REC="E11")
    again = ep("1", "01/05/2024", PLACE="U1")
    assert flagged("376", episodes=[t3, again], header=HEADER) == [1]
    e5 = ep("2", "01/05/2024", DEC="01/06/2024", REC="E5")  # ceased aged 12
    assert flagged("387", episodes=[e5, ep("2", "01/05/2024")], header=HEADER) == [1]
    # X1 must be followed by an episode starting that day: the duplicate start is not one
    x1 = ep("1", "01/05/2024", DEC="01/06/2024", REC="X1")
    assert flagged("388", episodes=[x1, ep("1", "01/05/2024")]) == [1]


def test_duplicate_oc2_oc3_and_review_rows_are_each_seen() -> None:
    assert flagged("INT33", oc2=[{"CHILD": "1"}, {"CHILD": "1"}]) == [1, 2]
    oc3 = [{"CHILD": "1", "IN_TOUCH": "YES"}, {"CHILD": "1", "IN_TOUCH": "YES"}]
    assert flagged("INT34", oc3=oc3) == [1, 2]
    review = {"CHILD": "1", "DOB": "01/01/2012", "REVIEW": "01/06/2024", "REVIEW_CODE": "PN0"}
    assert flagged("440", reviews=[review, dict(review)]) == [1, 2]


COHORT = [  # looked after all year: the OC2 cohort
    ep("1", "01/01/2023", RNE="S", LS="C2"),
    ep("2", "01/01/2023", RNE="S", LS="C2"),
]
HEALTH = {"IMMUNISATIONS": "1", "TEETH_CHECK": "1", "HEALTH_ASSESSMENT": "1"}


def test_text_in_an_oc2_item_is_seen() -> None:
    oc2 = [
        {"CHILD": "1", "DOB": "01/01/2012", "SDQ_SCORE": "39.5", **HEALTH},
        {"CHILD": "2", "DOB": "01/01/2012", "SDQ_SCORE": "high", **HEALTH},
    ]
    # 39.5 is not a whole number (never rounded to 40); text is not a score
    assert flagged("180", oc2=oc2) == [1, 2]
    # the score was completed (wrongly): not missing (186)
    assert flagged("186", oc2=oc2, episodes=COHORT) == []
    # an item given as text is completed: for a child outside the cohort (190) ...
    outside = [{"CHILD": "3", "IMMUNISATIONS": "yes"}]
    assert flagged("190", oc2=outside, episodes=COHORT) == [1]
    # ... and not blank for a cohort child (191)
    given = [{"CHILD": "1", **HEALTH, "TEETH_CHECK": "yes", "SUBSTANCE_MISUSE": "0"}]
    assert flagged("191", oc2=given, episodes=COHORT[:1]) == []
    # while the text itself is not 0 or 1 (181)
    assert flagged("181", oc2=given) == [1]


def test_a_blank_missing_start_is_seen() -> None:
    missing = [
        {"CHILD": "1", "MISSING": "M", "MIS_START": "01/06/2024"},
        {"CHILD": "1", "MISSING": "A", "MIS_START": ""},
    ]
    assert flagged("564", missing=missing) == [2]
    assert flagged("1004", missing=missing) == [2]


def test_activity_and_accommodation_0_for_a_care_leaver_who_died() -> None:
    oc3 = [
        {"CHILD": "1", "IN_TOUCH": "DIED", "ACTIV": "0", "ACCOM": "0"},
        {"CHILD": "2", "IN_TOUCH": "RHOM", "ACTIV": "F1", "ACCOM": "0"},
        {"CHILD": "3", "IN_TOUCH": "YES", "ACTIV": "0", "ACCOM": "B1"},
        {"CHILD": "4", "IN_TOUCH": "NO", "ACTIV": "0", "ACCOM": "0"},
    ]
    assert flagged("132", oc3=oc3) == []
    assert flagged("133", oc3=oc3) == []
    assert flagged("344", oc3=oc3) == [2]  # died or returned home: 0 and 0
    assert flagged("345", oc3=oc3) == [3]  # in touch: never 0
