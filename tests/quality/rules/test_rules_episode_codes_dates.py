"""DfE code-list and date rules on episodes: failing and passing rows worked out by hand."""

import pytest
from quality_harness import flagged


def ep(child: str = "1", decom: str = "2024-05-01", **fields: object) -> dict[str, object]:
    return {"CHILD": child, "DECOM": decom, **fields}


@pytest.mark.parametrize(
    ("code", "field", "good", "bad"),
    [
        ("143", "RNE", "S", "Q"),
        ("144", "LS", "C2", "Z9"),
        ("145", "CIN", "N1", "N9"),
        ("146", "PLACE", "U4", "U9"),
        ("149", "REC", "E11", "E99"),
        ("1009", "REASON_PLACE_CHANGE", "CARPL", "WHIM"),
    ],
)
def test_episode_codes_outside_the_list(code: str, field: str, good: str, bad: str) -> None:
    episodes = [ep("1", **{field: good}), ep("2", **{field: bad}), ep("3", **{field: None})]
    assert flagged(code, episodes=episodes) == [2]


def test_146_codes_are_those_of_the_year_checked() -> None:
    """Z1 (and H5, P2) were replaced by Z11-Z14 in 2025-26; K3 is new in 2024-25."""
    codes = ["Z1", "Z11", "Z14", "Z15", "H5", "P2", "K3"]
    for year, invalid in ((2024, [2, 3, 4, 7]), (2025, [2, 3, 4]), (2026, [1, 4, 5, 6])):
        episodes = [ep(str(i), f"{year - 1}-05-01", PLACE=code) for i, code in enumerate(codes, 1)]
        assert flagged("146", episodes=episodes, year=year) == invalid, year


def test_178_provider_outside_the_list_or_for_a_placement_without_one() -> None:
    episodes = [
        ep("1", PLACE="U4", PLACE_PROVIDER="PR1"),
        ep("2", PLACE="U4", PLACE_PROVIDER="PR9"),
        ep("3", PLACE="T1", PLACE_PROVIDER="PR1"),  # temporary placements have no provider
        ep("4", PLACE="T1"),
        ep("5", PLACE="U4"),  # blank: rule 526
    ]
    assert flagged("178", episodes=episodes) == [2, 3]


def test_143_to_149_read_the_return_of_the_year() -> None:
    old = ep("1", "2019-01-01", DEC="2019-02-01", LS="Z9", collection_year=2019)
    assert flagged("144", episodes=[old, ep("2", LS="C2")]) == []
    assert flagged("144", episodes=[old], year=2019) == [1]


def test_141_decom_not_a_date() -> None:
    # a blank DECOM is not a date that fails to parse: DfE's 141 leaves it to other rules
    given = ("01/05/2024", "", "2024-13-01", "2024-2-1", "2024-02-01T10:00", "1/2/24")
    raw = {"episodes": [{"CHILD": "1", "DECOM": d} for d in given]}
    assert flagged("141", raw=raw) == [3, 6]


def test_141_reads_only_the_collection_year_files() -> None:
    raw = {
        "episodes": [
            {"CHILD": "1", "DECOM": "bad", "_batch": "2024"},
            {"CHILD": "1", "DECOM": "worse"},
        ]
    }
    assert flagged("141", raw=raw) == [1]  # the 2025 file's row 1


def test_147_dec_not_a_date_but_blank_is_open() -> None:
    given = ("01/05/2024", "", "32/01/2025", "24/04/17", "2025-01-31 00:00:00")
    raw = {"episodes": [{"CHILD": "1", "DEC": d} for d in given]}
    assert flagged("147", raw=raw) == [3, 4]  # a two-digit year is not a date


def test_148_dec_and_rec_together() -> None:
    episodes = [
        ep(DEC="2024-06-01", REC="E11"),
        ep(),
        ep(DEC="2024-06-01"),
        ep(REC="E11"),
    ]
    assert flagged("148", episodes=episodes) == [3, 4]


def test_356_dec_before_decom_blocks() -> None:
    episodes = [ep(DEC="2024-05-01"), ep(DEC="2024-04-30"), ep()]
    assert flagged("356", episodes=episodes) == [2]


def test_354_decom_after_the_year() -> None:
    episodes = [ep(decom="2025-03-31"), ep(decom="2025-04-01")]
    assert flagged("354", episodes=episodes) == [2]


def test_385_dec_after_the_year() -> None:
    episodes = [ep(DEC="2025-03-31"), ep(DEC="2025-04-01")]
    assert flagged("385", episodes=episodes) == [2]


def test_353_decom_before_the_children_act() -> None:
    episodes = [
        ep(decom="1991-10-13", collection_year=None),
        ep(decom="1991-10-14", collection_year=None),
    ]
    # rows without a collection year belong to it when open in it (DEC blank)
    assert flagged("353", episodes=episodes) == [1]


def test_302_first_episode_before_birth() -> None:
    header = [{"CHILD": "1", "DOB": "2024-06-01"}, {"CHILD": "2", "DOB": "2024-04-01"}]
    episodes = [
        ep("1", "2024-05-01", DEC="2024-07-01", REC="X1"),
        ep("1", "2024-07-01"),
        ep("2", "2024-05-01"),
    ]
    assert flagged("302", episodes=episodes, header=header) == [("episodes", 1), ("header", 1)]


def test_352_started_care_aged_18() -> None:
    header = [{"CHILD": "1", "DOB": "2006-05-01"}, {"CHILD": "2", "DOB": "2006-05-02"}]
    episodes = [ep("1", "2024-05-01", RNE="S"), ep("2", "2024-05-01", RNE="S")]
    assert flagged("352", episodes=episodes, header=header) == [1]


def test_a_replaced_code_is_written_as_the_years_list_codes_it_from_mosaic() -> None:
    """An H5 placement open into 2025-26: the return a Mosaic extract implies codes it K3
    there (as the LA's return must); a 903 file that still says H5 is flagged."""
    episodes = [ep("1", "2024-06-01", PLACE="H5"), ep("2", "2024-06-01", PLACE="Q1")]
    assert flagged("146", episodes=episodes, year=2026, source="mosaic") == [2]
    assert flagged("146", episodes=episodes, year=2026) == [1, 2]
    # and a Z11 placement started on 31 March 2025 is Z1 in the 2024-25 return
    z11 = [ep("1", "2025-03-31", PLACE="Z11")]
    assert flagged("146", episodes=z11, year=2025, source="mosaic") == []
    assert flagged("146", episodes=z11, year=2025) == [1]
