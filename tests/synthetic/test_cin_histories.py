"""The generator's children in need records: consistent with the care histories, the same in
both forms, and at Harrow's levels for a Harrow-sized LA."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from lxml import etree

from dagster_project.synthetic.generator import generate

from .conftest import SmallLA

MOSAIC_DATE = "%d/%m/%Y"


def _mosaic(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    for name in ("referrals", "assessments", "section47_enquiries", "child_protection_plans",
                 "periods_of_care", "legal_statuses", "persons"):  # fmt: skip
        con.execute(
            f"create or replace view {name} as select * from read_csv("
            f"'{folder / (name + '.csv')}', all_varchar = true, header = true)"
        )
    con.execute(
        f"""create or replace view refs as select PERSON_ID as pid, REFERRAL_ID as rid,
            strptime(REFERRAL_DATE, '{MOSAIC_DATE}')::date as rd, REFERRAL_NFA = 'Y' as nfa,
            try_strptime(CIN_CLOSURE_DATE, '{MOSAIC_DATE}')::date as cd from referrals"""
    )
    con.execute(
        f"""create or replace view care as select p.PERSON_ID as pid,
            strptime(p.START_DATE, '{MOSAIC_DATE}')::date as s,
            try_strptime(p.END_DATE, '{MOSAIC_DATE}')::date as e,
            exists (select 1 from persons x where x.PERSON_ID = p.PERSON_ID
                    and x.UASC_FLAG = 'Y') as uasc
            from periods_of_care p
            where not exists (select 1 from legal_statuses l where l.PERSON_ID = p.PERSON_ID
                and l.LEGAL_STATUS in ('V3', 'V4')
                and l.START_DATE = p.START_DATE)"""
    )


@pytest.fixture(scope="module")
def con(small_la: SmallLA) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    _mosaic(connection, small_la.mosaic)
    yield connection
    connection.close()


def test_children_in_care_are_children_in_need_throughout(con: duckdb.DuckDBPyConnection) -> None:
    """Every period of care lies in an open CIN episode (children looked after are in need)."""
    uncovered = con.execute(
        """select count(*) from care c where not exists (
            select 1 from refs r where r.pid = c.pid and not r.nfa and r.rd <= c.s
            and (r.cd is null or r.cd >= coalesce(c.e, date '2026-03-31')))"""
    ).fetchone()[0]
    assert uncovered == 0


def test_children_mostly_had_referrals_assessments_and_plans_before_care(
    con: duckdb.DuckDBPyConnection,
) -> None:
    periods, referred_before, assessed_before, plan_before = con.execute(
        f"""select count(*),
            count(*) filter (where exists (select 1 from refs r where r.pid = c.pid
                and r.rd < c.s and r.rd >= c.s - interval 2 year)),
            count(*) filter (where exists (select 1 from assessments a where a.PERSON_ID = c.pid
                and strptime(a.START_DATE, '{MOSAIC_DATE}')::date < c.s)),
            count(*) filter (where exists (select 1 from child_protection_plans p
                where p.PERSON_ID = c.pid
                and strptime(p.START_DATE, '{MOSAIC_DATE}')::date < c.s))
            from care c where not c.uasc"""
    ).fetchone()
    assert periods > 300
    assert referred_before / periods > 0.9
    assert assessed_before / periods > 0.85
    assert 0.3 < plan_before / periods < 0.7


def test_the_census_says_what_the_extract_says(small_la: SmallLA) -> None:
    """Each census year: a child once; its referrals open in the year; NumberOfPreviousCPP =
    the child's earlier plans in the extract."""
    con = duckdb.connect()
    _mosaic(con, small_la.mosaic)
    plans = {
        (pid, start): earlier
        for pid, start, earlier in con.execute(
            f"""select PERSON_ID, strftime(strptime(START_DATE, '{MOSAIC_DATE}'), '%Y-%m-%d'),
                count(*) over (partition by PERSON_ID order by strptime(START_DATE,
                '{MOSAIC_DATE}') rows between unbounded preceding and 1 preceding)
                from child_protection_plans"""
        ).fetchall()
    }
    checked = 0
    for year in small_la.report.census_years:
        path = small_la.root / "cin" / str(year) / f"CIN_Census_{year}.xml"
        root = etree.parse(str(path)).getroot()
        ids = [c.findtext("ChildIdentifiers/LAchildID") for c in root.iter("Child")]
        assert len(ids) == len(set(ids)), year
        for detail in root.iter("CINdetails"):
            referral = detail.findtext("CINreferralDate")
            closure = detail.findtext("CINclosureDate")
            assert referral <= f"{year}-03-31"
            assert closure is None or closure >= f"{year - 1}-04-01"
        for child in root.iter("Child"):
            pid = child.findtext("ChildIdentifiers/LAchildID")
            for plan in child.iter("ChildProtectionPlans"):
                key = (pid, plan.findtext("CPPstartDate"))
                assert int(plan.findtext("NumberOfPreviousCPP")) == plans[key], key
                checked += 1
    assert checked > 100


@pytest.fixture(scope="module")
def harrow_sized(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    """The demo LA's size (1,100 children in care over 16 years), Mosaic form only."""
    root = tmp_path_factory.mktemp("harrow_sized")
    generate(root, 1100, 16, seed=2025, source="mosaic")
    connection = duckdb.connect()
    _mosaic(connection, root / "mosaic" / "2026-03-31")
    yield connection
    connection.close()


def test_a_harrow_sized_la_has_harrows_levels(harrow_sized: duckdb.DuckDBPyConnection) -> None:
    """Harrow 2025 (DfE CIN release): 1,456 children in need at 31 March, 2,281 referrals
    (15.6% re-referrals), 275 on plans; England 22.6% re-referrals. Within broad bands."""
    con = harrow_sized
    for p in ("2024-03-31", "2025-03-31", "2026-03-31"):
        w = f"date '{p}' - interval 12 month + interval 1 day"
        cin, referrals, rereferrals, plans = con.execute(
            f"""select
                (select count(distinct pid) from refs where not nfa and rd <= date '{p}'
                 and (cd is null or cd > date '{p}')),
                (select count(*) from refs where rd between {w} and date '{p}'),
                (select count(*) from refs x where rd between {w} and date '{p}' and exists (
                    select 1 from refs y where y.pid = x.pid and y.rd < x.rd
                    and y.rd >= x.rd - interval 12 month)),
                (select count(*) from child_protection_plans where
                    strptime(START_DATE, '{MOSAIC_DATE}')::date <= date '{p}' and
                    coalesce(try_strptime(END_DATE, '{MOSAIC_DATE}')::date, date '9999-01-01')
                    > date '{p}')"""
        ).fetchone()
        assert 1300 <= cin <= 1650, (p, cin)
        assert 2000 <= referrals <= 2600, (p, referrals)
        assert 15 <= 100 * rereferrals / referrals <= 24, (p, rereferrals / referrals)
        assert 200 <= plans <= 330, (p, plans)
