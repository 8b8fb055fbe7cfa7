"""DfE rules on the header: each fails the hand-made bad rows and passes the good ones."""

from quality_harness import flagged


def test_101_sex_must_be_a_current_code() -> None:
    header = [{"CHILD": "1", "SEX": "M"}, {"CHILD": "2", "SEX": "X"}, {"CHILD": "3"}]
    assert flagged("101", header=header) == [2, 3]


def test_102_date_of_birth_blank_or_not_a_date_blocks() -> None:
    raw = {
        "header": [
            {"CHILD": "1", "DOB": "01/02/2010"},
            {"CHILD": "2", "DOB": "2010-02-01"},
            {"CHILD": "3", "DOB": "31/02/2010"},
            {"CHILD": "4", "DOB": " "},
            {"CHILD": "5", "DOB": "1st May"},
        ]
    }
    assert flagged("102", raw=raw) == [3, 4, 5]


def test_103_ethnicity_blank_or_unknown() -> None:
    header = [{"CHILD": "1", "ETHNIC": "WBRI"}, {"CHILD": "2", "ETHNIC": "XXXX"}, {"CHILD": "3"}]
    assert flagged("103", header=header) == [2, 3]


def test_301_born_after_the_year_ended() -> None:
    header = [{"CHILD": "1", "DOB": "2025-03-31"}, {"CHILD": "2", "DOB": "2025-04-01"}]
    assert flagged("301", header=header) == [2]


def test_351_over_25_at_the_start_of_the_year() -> None:
    # start of year 1 April 2024: 25th birthday on 31 March 2024 is before it
    header = [{"CHILD": "1", "DOB": "1999-03-31"}, {"CHILD": "2", "DOB": "1999-04-01"}]
    assert flagged("351", header=header) == [1]


def test_a_years_header_is_the_children_of_its_episodes_and_care_leavers() -> None:
    # the return a Mosaic extract implies: the year's header is the children with an episode
    # in the year or a care leaver row of the year
    header = [{"CHILD": c, "DOB": "1999-03-31"} for c in ("1", "2", "3")]
    episodes = [{"CHILD": "1", "DECOM": "2024-05-01"}]
    oc3 = [{"CHILD": "2"}]
    assert flagged("351", header=header, episodes=episodes, oc3=oc3, source="mosaic") == [1, 2]
    # a 903 return's header is its file, as submitted
    assert flagged("351", header=header, episodes=episodes, oc3=oc3) == [1, 2, 3]


def test_int32_child_twice_in_the_header_blocks() -> None:
    raw = {"header": [{"CHILD": "1"}, {"CHILD": "2"}, {"CHILD": " 1 "}]}
    assert flagged("INT32", raw=raw) == [1, 3]
