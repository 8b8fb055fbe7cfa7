"""What DfE's episode rules read beside the return, where the validator's fixtures do not
reach: the placement's LA and location derived from the postcode directory for the
reporting LA, UASC status across two years' files, last year's return (903 files and the
return a Mosaic extract implies) and rules whose form depends on the collection year."""

from __future__ import annotations

import duckdb
import pytest
from quality_harness import build, flagged

from dagster_project.quality.context import prepare
from dagster_project.quality.rules import rule

# Real ONS postcode directory rows (postcode, easting, northing, district), Open Government
# Licence: Harrow (the reporting LA in these tests), Hertsmere (a Hertfordshire district
# next to Harrow), Cardiff and Edinburgh.
POSTCODES = [
    ("HA11AA", 515497.0, 189074.0, "E09000015"),
    ("HA12XY", 515425.0, 189258.0, "E09000015"),
    ("WD61WA", 519865.0, 197067.0, "E07000098"),
    ("CF101EP", 318200.0, 175860.0, "W06000015"),
    ("EH11YZ", 325597.0, 673676.0, "S12000036"),
]


def ep(child: str, decom: str, dec: str | None = None, rec: str | None = None, **f: object):
    return {"CHILD": child, "DECOM": decom, "DEC": dec, "REC": rec, **f}


def placed(child: str, pl_post: str | None, ls: str = "C2", provider: str = "PR1", **f: object):
    return ep(
        child,
        "01/05/2024",
        LS=ls,
        PLACE="K2",
        PLACE_PROVIDER=provider,
        HOME_POST="HA1 1AA" if pl_post else None,
        PL_POST=pl_post,
        **f,
    )


PLACEMENTS = [
    placed("1", "HA1 2XY"),  # in Harrow
    placed("2", "WD6 1WA"),  # Hertsmere: Hertfordshire's children's services
    placed("3", "CF10 1EP", provider="PR2"),  # Wales
    placed("4", "EH1 1YZ", provider="PR2"),  # Scotland
    placed("5", "ZZ99 9ZZ"),  # not a postcode the directory knows
    placed("6", None, ls="V3"),  # a short break records no placement
]


def test_placement_la_and_location_are_derived_for_the_reporting_la() -> None:
    con = duckdb.connect()
    build(con, postcodes=POSTCODES, episodes=PLACEMENTS)
    ctx = prepare(con, 2025, "ssda903", "310")  # Harrow by its old code
    rows = con.execute(
        f"select PL_LA, PL_LOCATION, PL_DISTANCE from {ctx.tables['episodes']} order by _row_number"
    ).fetchall()
    assert rows == [
        ("E09000015", "IN", 0.1),
        ("E10000015", "OUT", 5.7),
        ("WAL", "OUT", 122.9),
        ("SCO", "OUT", 323.4),
        (None, None, None),
        (None, None, None),
    ]
    # without a reporting LA nothing is IN, and the rules comparing with it are skipped
    ctx = prepare(con, 2025, "ssda903")
    locations = con.execute(f"select PL_LOCATION from {ctx.tables['episodes']}").fetchall()
    assert {r[0] for r in locations} == {"OUT", None}
    assert not ctx.has(rule("1015", 2025).tables_used)
    assert not ctx.has(rule("411", 2025).tables_used)


def test_rules_on_the_placement_la() -> None:
    def rows(code: str) -> list[int] | list[tuple[str, int]]:
        return flagged(code, postcodes=POSTCODES, la_code="E09000015", episodes=PLACEMENTS)

    assert rows("169") == [5]  # the postcode the directory does not know
    assert rows("179") == [5]
    # own provision (PR1) outside Harrow, or where the postcode does not show it is in it
    assert rows("1015") == [2, 5]
    assert rows("411") == []
    assert rows("420") == []  # the short break has no placement LA


def test_former_uasc_status_reads_both_years_files() -> None:
    episodes = [
        placed("1", None),  # no postcodes: no distance
        placed("2", None),  # the same, but UASC last year
        placed("3", "HA1 2XY"),  # a distance, and UASC this year
    ]
    header = [{"CHILD": c, "SEX": "M", "DOB": "01/01/2010"} for c in "123"]
    # no UASC file either year: the return records no UASC status
    con = duckdb.connect()
    build(con, postcodes=POSTCODES, episodes=episodes, header=header)
    ctx = prepare(con, 2025, "ssda903")
    for code in ("164", "392a", "406"):
        assert not ctx.has(rule(code, 2025).tables_used), code
    assert flagged("392b", postcodes=POSTCODES, episodes=episodes, header=header) == [1, 2]
    # UASC files: child 2 in last year's, child 3 in this year's (the header's UASC flag)
    uasc = [
        {"CHILD": "2", "DOB": "01/01/2010", "DUC": "01/01/2028", "collection_year": 2024},
        {"CHILD": "3", "DOB": "01/01/2010", "DUC": "01/01/2028"},
    ]
    given = {"postcodes": POSTCODES, "episodes": episodes, "header": header, "uasc": uasc}
    assert flagged("392a", **given) == [1]
    assert flagged("392b", **given) == [1]
    assert flagged("406", **given) == [3]  # a UASC child's distance is not recorded


def test_503d_a_replaced_placement_code_continues_in_the_years_of_the_change() -> None:
    def first_after(last: str, first: str, year: int) -> list[int] | list[tuple[str, int]]:
        episodes = [
            ep("1", "01/06/2019", PLACE=last, collection_year=year - 1),  # open at 31 March
            ep("1", "01/06/2019", PLACE=first),
        ]
        return flagged("503D", year=year, episodes=episodes)

    assert first_after("H5", "K3", 2023) == [1]
    assert first_after("H5", "K3", 2024) == []
    assert first_after("H5", "K3", 2025) == []
    assert first_after("H5", "K3", 2026) == [1]
    assert first_after("Z1", "Z11", 2025) == [1]
    assert first_after("Z1", "Z14", 2026) == []


def test_a_mosaic_derived_return_continues_last_years() -> None:
    """The return a Mosaic extract implies for 2024-25 and the one it implies for 2023-24
    agree, so the rules comparing them find nothing: an episode open across 31 March 2024
    (in supported accommodation: H5 in 2023-24, K3 from 2024-25), and an X1 chain whose
    first episode ended after 31 March."""
    episodes = [
        ep("1", "2023-06-01", RNE="S", LS="V2", CIN="N1", PLACE="K3", PLACE_PROVIDER="PR1"),
        ep("2", "2023-09-01", "2024-06-01", "X1", RNE="S", LS="C2", PLACE="U1"),
        ep("2", "2024-06-01", RNE="P", LS="C2", PLACE="U2"),
    ]
    header = [{"CHILD": c, "SEX": "M", "DOB": "01/01/2008"} for c in "12"]
    for code in ("502", "503A", "503B", "503C", "503D", "503E", "503F", "562", "NoE"):
        assert flagged(code, source="mosaic", episodes=episodes, header=header) == [], code
    # as 903 files whose last year's return lacks child 1: NoE sees the gap
    last_year = ep("2", "2023-09-01", RNE="S", LS="C2", PLACE="U1", collection_year=2024)
    assert flagged("NoE", episodes=[*episodes, last_year], header=header) == [1]


def test_urn_rules_on_the_derived_placement_la() -> None:
    """241-243 (from 2025-26) on PL_LA as the typed return derives it from the placement
    postcode, for Harrow: a K3 provider's URN outside Harrow, XXXXXXX (an adoption agency)
    with a children's home, a URN in Wales."""

    def k(pl_post: str, place: str, urn: str) -> dict[str, object]:
        return ep("1", "01/05/2025", LS="C2", PLACE=place, PLACE_PROVIDER="PR4",
                  HOME_POST="HA1 1AA", PL_POST=pl_post, URN=urn)  # fmt: skip

    episodes = [
        k("HA1 2XY", "K3", "SC123456"),  # in Harrow
        k("WD6 1WA", "K3", "SC123456"),  # Hertfordshire
        k("CF10 1EP", "K3", "SC123456"),  # Wales
        k("CF10 1EP", "U1", "XXXXXXX"),  # Wales, an adoption agency
        k("HA1 2XY", "K2", "XXXXXXX"),  # a children's home with the agencies' URN
    ]

    def rows(code: str, year: int = 2026) -> list[int] | list[tuple[str, int]]:
        return flagged(code, postcodes=POSTCODES, la_code="310", year=year, episodes=episodes)

    assert rows("241") == [2, 3]
    assert rows("242") == [5]
    assert rows("243") == [3, 4]
    with pytest.raises(KeyError, match="does not apply"):
        rule("241", 2025)  # new in 2025-26
