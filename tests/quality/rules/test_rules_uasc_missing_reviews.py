"""DfE rules on UASC, missing incidents and reviews."""

from quality_harness import flagged


def test_104_duc_not_a_date_blocks() -> None:
    raw = {"uasc": [{"CHILD": "1", "DUC": d} for d in ("01/05/2024", "", "soon")]}
    assert flagged("104", raw=raw) == [3]


def test_304_uasc_ceases_by_18() -> None:
    uasc = [
        {"CHILD": "1", "DOB": "2006-05-01", "DUC": "2024-05-01"},
        {"CHILD": "2", "DOB": "2006-05-01", "DUC": "2024-05-02"},
        {"CHILD": "3", "DOB": "2006-05-01"},
    ]
    assert flagged("304", uasc=uasc) == [2]


def test_int36_child_twice_in_uasc() -> None:
    assert flagged("INT36", raw={"uasc": [{"CHILD": "1"}, {"CHILD": "1"}, {"CHILD": "2"}]}) == [
        1,
        2,
    ]


def test_1004_and_1005_missing_dates_not_dates_block() -> None:
    rows = [
        {"CHILD": "1", "MIS_START": "01/05/2024", "MIS_END": "02/05/2024"},
        {"CHILD": "2", "MIS_START": "1/5/24?", "MIS_END": ""},
        {"CHILD": "3", "MIS_START": "2024-05-01", "MIS_END": "31/04/2024"},
    ]
    assert flagged("1004", raw={"missing": rows}) == [2]
    assert flagged("1005", raw={"missing": rows}) == [3]


def test_1006_missing_type_outside_the_list_blocks() -> None:
    missing = [
        {"CHILD": "1", "MISSING": "M", "MIS_START": "2024-05-01"},
        {"CHILD": "2", "MISSING": "X", "MIS_START": "2024-05-01"},
        {"CHILD": "3", "MIS_START": "2024-05-01"},
    ]
    assert flagged("1006", missing=missing) == [2]


def test_564_565_566_type_and_dates_go_together() -> None:
    missing = [
        {"CHILD": "1", "MISSING": "M", "MIS_START": "2024-05-01", "MIS_END": "2024-05-02"},
        {"CHILD": "2", "MISSING": "A"},
        {"CHILD": "3", "MIS_START": "2024-05-01"},
        {"CHILD": "4", "MIS_END": "2024-05-02"},
    ]
    assert flagged("564", missing=missing) == [2]
    assert flagged("565", missing=missing) == [3]
    assert flagged("566", missing=missing) == [4]


def test_567_ends_before_it_started() -> None:
    missing = [
        {"CHILD": "1", "MISSING": "M", "MIS_START": "2024-05-02", "MIS_END": "2024-05-01"},
        {"CHILD": "2", "MISSING": "M", "MIS_START": "2024-05-02", "MIS_END": "2024-05-02"},
    ]
    assert flagged("567", missing=missing) == [1]


def test_570_and_571_dates_outside_the_year() -> None:
    missing = [
        {"CHILD": "1", "MISSING": "M", "MIS_START": "2025-04-01"},
        {"CHILD": "2", "MISSING": "M", "MIS_START": "2024-03-01", "MIS_END": "2024-03-31"},
        {"CHILD": "3", "MISSING": "M", "MIS_START": "2025-03-01", "MIS_END": "2025-04-01"},
        {"CHILD": "4", "MISSING": "M", "MIS_START": "2024-04-01", "MIS_END": "2025-03-31"},
    ]
    assert flagged("570", missing=missing) == [1]
    assert flagged("571", missing=missing) == [2, 3]


def test_586_missing_before_birth() -> None:
    missing = [
        {"CHILD": "1", "DOB": "2024-05-01", "MISSING": "M", "MIS_START": "2024-05-01"},
        {"CHILD": "2", "DOB": "2024-05-01", "MISSING": "M", "MIS_START": "2024-05-02"},
    ]
    assert flagged("586", missing=missing) == [1]


def test_166_review_date_blank_or_not_a_date_blocks() -> None:
    raw = {"reviews": [{"CHILD": "1", "REVIEW": r} for r in ("01/05/2024", "", "May")]}
    assert flagged("166", raw=raw) == [2, 3]


def test_167_participation_code() -> None:
    reviews = [
        {"CHILD": "1", "REVIEW": "2024-05-01", "REVIEW_CODE": "PN1"},
        {"CHILD": "2", "REVIEW": "2024-05-01", "REVIEW_CODE": "PN9"},
        {"CHILD": "3", "REVIEW": "2024-05-01"},
    ]
    assert flagged("167", reviews=reviews) == [2, 3]


def test_440_and_441_pn0_is_for_under_4s() -> None:
    reviews = [
        {"CHILD": "1", "DOB": "2020-05-01", "REVIEW": "2024-05-02", "REVIEW_CODE": "PN0"},
        {"CHILD": "2", "DOB": "2020-05-01", "REVIEW": "2024-04-30", "REVIEW_CODE": "PN0"},
        {"CHILD": "3", "DOB": "2020-05-01", "REVIEW": "2024-04-30", "REVIEW_CODE": "PN1"},
        {"CHILD": "4", "DOB": "2020-05-01", "REVIEW": "2024-05-02", "REVIEW_CODE": "PN1"},
    ]
    assert flagged("440", reviews=reviews) == [1]
    assert flagged("441", reviews=reviews) == [3]
