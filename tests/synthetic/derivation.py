"""inputs.md's episode derivation in SQL over the Mosaic CSVs, independent of the generator."""

from __future__ import annotations

import duckdb

DATE = "'%d/%m/%Y'"

DERIVE = f"""
create or replace table derived as
with per as (
    select PERIOD_OF_CARE_ID as period_id, PERSON_ID as child,
           strptime(START_DATE, {DATE})::date as s,
           case when END_DATE <> '' then strptime(END_DATE, {DATE})::date end as e,
           CATEGORY_OF_NEED as cin, REASON_ENDED as reason_ended, HOME_POSTCODE as home
    from m_periods_of_care
),
ls as (
    select LEGAL_STATUS_ID as ls_id, PERSON_ID as child, LEGAL_STATUS as code,
           strptime(START_DATE, {DATE})::date as s,
           case when END_DATE <> '' then strptime(END_DATE, {DATE})::date end as e
    from m_legal_statuses
),
pl as (
    select PLACEMENT_ID as pl_id, PERIOD_OF_CARE_ID as period_id, PLACEMENT_TYPE as place,
           PLACEMENT_PROVIDER as provider, CARER_ID as carer, PLACEMENT_POSTCODE as postcode,
           OFSTED_URN as urn, REASON_PLACEMENT_CHANGE as rpc,
           strptime(START_DATE, {DATE})::date as s,
           case when END_DATE <> '' then strptime(END_DATE, {DATE})::date end as e
    from m_placements
),
cuts as (
    select per.period_id, ls.s as d from per join ls
      on ls.child = per.child and ls.s >= per.s and (per.e is null or ls.s < per.e)
    union
    select period_id, s from pl
),
pieces as (
    select per.*, cuts.d, ls.ls_id, ls.code, pl.pl_id, pl.place, pl.provider, pl.carer,
           pl.postcode, pl.urn, pl.rpc,
           lag(ls.ls_id) over w as prev_ls, lag(pl.pl_id) over w as prev_pl,
           lag(pl.carer) over w as prev_carer, lead(cuts.d) over w as next_d,
           row_number() over w as n
    from cuts
    join per using (period_id)
    join ls on ls.child = per.child and ls.s <= cuts.d and (ls.e is null or ls.e > cuts.d)
    join pl on pl.period_id = per.period_id and pl.s <= cuts.d
           and (pl.e is null or pl.e > cuts.d)
    window w as (partition by per.period_id order by cuts.d)
),
ruled as (
    select *,
        case when n = 1 then 'S'
             when pl_id = prev_pl then 'L'
             when ls_id = prev_ls then
                 case when carer <> '' and carer = prev_carer then 'T' else 'P' end
             else case when carer <> '' and carer = prev_carer then 'U' else 'B' end
        end as rne
    from pieces
)
select child as CHILD, strftime(d, {DATE}) as DECOM, rne as RNE, code as LS, cin as CIN,
       place as PLACE, provider as PLACE_PROVIDER,
       coalesce(strftime(coalesce(next_d, e), {DATE}), '') as DEC,
       case when next_d is not null then 'X1' else reason_ended end as REC,
       case when lead(rne) over (partition by period_id order by d) in ('P', 'T', 'B', 'U')
            then rpc else '' end as REASON_PLACE_CHANGE,
       home as HOME_POST, postcode as PL_POST, urn as URN,
       d as decom_date, coalesce(next_d, e) as dec_date, period_id
from ruled
"""

COLUMNS = (
    "CHILD, DECOM, RNE, LS, CIN, PLACE, PLACE_PROVIDER, DEC, REC, REASON_PLACE_CHANGE, "
    "HOME_POST, PL_POST, URN"
)


def derive(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(DERIVE)


def combined_903(con: duckdb.DuckDBPyConnection) -> str:
    """All years as one history: for the same (CHILD, DECOM) the later year wins."""
    return f"""
        select {COLUMNS} from s_episodes
        qualify row_number() over (partition by CHILD, DECOM order by year desc) = 1
    """
