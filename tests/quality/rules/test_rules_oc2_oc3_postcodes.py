"""DfE rules on the OC2 and OC3 cohorts and on postcodes and distance."""

import pytest
from quality_harness import flagged

HEALTH = {
    "IMMUNISATIONS": "1",
    "TEETH_CHECK": "1",
    "HEALTH_ASSESSMENT": "1",
    "SUBSTANCE_MISUSE": "0",
}


@pytest.mark.parametrize(
    ("code", "field", "good", "bad"),
    [
        ("131", "IN_TOUCH", "YES", "MAYBE"),
        ("132", "ACTIV", "F1", "Z9"),
        ("133", "ACCOM", "B1", "B3"),
    ],
)
def test_oc3_codes_outside_the_list_block(code: str, field: str, good: str, bad: str) -> None:
    oc3 = [{"CHILD": "1", field: good}, {"CHILD": "2", field: bad}, {"CHILD": "3"}]
    assert flagged(code, oc3=oc3) == [2, 3]  # a blank is not a code


def test_oc3_rows_of_other_years_are_not_this_return() -> None:
    oc3 = [{"CHILD": "1", "IN_TOUCH": "MAYBE", "YEAR": 2024}, {"CHILD": "2", "IN_TOUCH": "YES"}]
    assert flagged("131", oc3=oc3) == []


def test_153_all_or_none() -> None:
    oc3 = [
        {"CHILD": "1", "IN_TOUCH": "YES", "ACTIV": "F1", "ACCOM": "B1"},
        {"CHILD": "2"},
        {"CHILD": "3", "IN_TOUCH": "YES"},
    ]
    assert flagged("153", oc3=oc3) == [3]


def test_391_care_leaver_under_17() -> None:
    oc3 = [
        {"CHILD": "1", "DOB": "2008-03-31", "IN_TOUCH": "YES"},  # 17 on 31 March 2025
        {"CHILD": "2", "DOB": "2008-04-01", "IN_TOUCH": "YES"},
        {"CHILD": "3", "DOB": "2008-04-01"},
    ]
    assert flagged("391", oc3=oc3) == [2]


def test_int33_and_int34_duplicate_children() -> None:
    assert flagged("INT33", oc2=[{"CHILD": "1"}, {"CHILD": "1"}, {"CHILD": "2"}]) == [1, 2]
    assert flagged("INT34", oc3=[{"CHILD": "1"}, {"CHILD": "2"}, {"CHILD": "2"}]) == [2, 3]


def test_180_sdq_score_0_to_40() -> None:
    oc2 = [{"CHILD": str(i), "SDQ_SCORE": s} for i, s in enumerate(["0", "40", "41", "x", None], 1)]
    assert flagged("180", oc2=oc2) == [3, 4]


def test_181_items_are_0_or_1() -> None:
    oc2 = [{"CHILD": "1", **HEALTH}, {"CHILD": "2", "CONVICTED": "2"}, {"CHILD": "3"}]
    assert flagged("181", oc2=oc2) == [2]


def test_196_sdq_reason_code() -> None:
    oc2 = [{"CHILD": "1", "SDQ_REASON": "SDQ1"}, {"CHILD": "2", "SDQ_REASON": "SDQ9"}]
    assert flagged("196", oc2=oc2) == [2]


def cohort_episodes() -> list[dict[str, object]]:
    """Children 1-3 looked after all year (the OC2 cohort); 4 started in the year; 5 on
    short breaks."""
    return [
        {"CHILD": "1", "DECOM": "2023-01-01", "RNE": "S", "LS": "C2"},
        {
            "CHILD": "2",
            "DECOM": "2023-01-01",
            "RNE": "S",
            "LS": "C2",
            "DEC": "2024-06-01",
            "REC": "X1",
        },
        {"CHILD": "2", "DECOM": "2024-06-01", "RNE": "P", "LS": "C2"},
        {"CHILD": "3", "DECOM": "2023-01-01", "RNE": "S", "LS": "C2"},
        {"CHILD": "4", "DECOM": "2024-05-01", "RNE": "S", "LS": "C2"},
        {"CHILD": "5", "DECOM": "2023-01-01", "RNE": "S", "LS": "V3"},
    ]


def test_191_cohort_child_with_blank_items_or_no_oc2_row() -> None:
    oc2 = [
        {"CHILD": "1", **HEALTH},
        {"CHILD": "2", **HEALTH, "TEETH_CHECK": None},
        {"CHILD": "4"},  # not in the cohort: nothing required
    ]
    # child 3 is in the cohort with no OC2 row: reported on its first episode (row 4)
    assert flagged("191", episodes=cohort_episodes(), oc2=oc2) == [("episodes", 4), ("oc2", 2)]


def test_191_does_not_ask_a_mosaic_source_for_substance_misuse() -> None:
    no_substance = {**HEALTH, "SUBSTANCE_MISUSE": None}
    oc2 = [{"CHILD": "1", **no_substance}, {"CHILD": "2", **no_substance}]
    episodes = cohort_episodes()[:3]
    assert flagged("191", episodes=episodes, oc2=oc2) == [("oc2", 1), ("oc2", 2)]
    assert flagged("191", episodes=episodes, oc2=oc2, source="mosaic") == []


def test_186_cohort_aged_4_to_16_needs_sdq() -> None:
    oc2 = [
        {"CHILD": "1", "DOB": "2015-01-01"},  # no score, no reason
        {"CHILD": "2", "DOB": "2015-01-01", "SDQ_REASON": "SDQ2"},
        {"CHILD": "3", "DOB": "2021-01-01"},  # aged 3 at the start of the year
        {"CHILD": "4", "DOB": "2015-01-01"},  # not in the cohort
    ]
    assert flagged("186", episodes=cohort_episodes(), oc2=oc2) == [1]


def test_190_items_only_for_the_cohort() -> None:
    oc2 = [
        {"CHILD": "1", **HEALTH},
        {"CHILD": "4", **HEALTH},
        {"CHILD": "5", "CONVICTED": "0"},
        {"CHILD": "6"},
    ]
    assert flagged("190", episodes=cohort_episodes(), oc2=oc2) == [2, 3]


POSTCODES = [
    ("HA11AA", 515000.0, 188000.0),
    ("HA20AA", 516000.0, 187000.0),
    ("KW11AA", 330000.0, 970000.0),
]


def test_392c_postcode_not_in_the_directory() -> None:
    episodes = [
        {"CHILD": "1", "DECOM": "2024-05-01", "HOME_POST": "HA1 1AA", "PL_POST": "HA2 0AA"},
        {"CHILD": "2", "DECOM": "2024-05-01", "HOME_POST": "ZZ9 9ZZ", "PL_POST": "HA2 0AA"},
        {"CHILD": "3", "DECOM": "2024-05-01", "HOME_POST": "HA1 1AA", "PL_POST": "HA2 9ZZ"},
        {"CHILD": "4", "DECOM": "2024-05-01"},
    ]
    assert flagged("392c", episodes=episodes, postcodes=POSTCODES) == [2, 3]


def test_392d_home_and_placement_postcode_the_same() -> None:
    episodes = [
        {
            "CHILD": "1",
            "DECOM": "2024-05-01",
            "HOME_POST": "HA1 1AA",
            "PL_POST": "HA1 1AA",
            "PLACE": "U4",
        },
        {
            "CHILD": "2",
            "DECOM": "2024-05-01",
            "HOME_POST": "HA1 1AA",
            "PL_POST": "HA1 1AA",
            "PLACE": "P1",
        },
    ]
    assert flagged("392d", episodes=episodes) == [1]


def test_454_placement_over_350_miles_from_home() -> None:
    # HA1 to HA2: 1.4 km; HA1 to KW1 (Caithness): about 510 miles
    episodes = [
        {"CHILD": "1", "DECOM": "2025-05-01", "HOME_POST": "HA1 1AA", "PL_POST": "HA2 0AA"},
        {"CHILD": "2", "DECOM": "2025-05-01", "HOME_POST": "HA1 1AA", "PL_POST": "KW1 1AA"},
        {"CHILD": "3", "DECOM": "2025-05-01", "HOME_POST": "HA1 1AA", "PL_POST": "XX1 1AA"},
    ]
    # new in 2025-26; the distance comes from the postcode directory, unknown when either
    # postcode is not in it
    assert flagged("454", episodes=episodes, postcodes=POSTCODES, year=2026) == [2]
