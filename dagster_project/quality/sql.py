"""Definitions several rules share, written once as DuckDB macros and views.

A rule reads `where dq_bad_date(DECOM)` rather than repeating what a valid date is; the
macros and views are temporary (one connection), created with the run's other views.
"""

from __future__ import annotations

import duckdb

from dagster_project.date_forms import parse_date_sql

MACROS = {
    # text as given: blank (or only spaces)
    "dq_blank(x)": "nullif(trim(cast(x as varchar)), '') is null",
    # text as given: a value that is not a date in an accepted form (date_forms: the one
    # definition, shared with dbt's parse_date and the GX raw suites)
    "dq_bad_date(x)": f"nullif(trim(x), '') is not null and {parse_date_sql('x')} is null",
    # the date n years after d (29 February + 1 year = 28 February), as DfE's DateOffset
    "dq_plus_years(d, n)": "cast(d + to_years(cast(n as integer)) as date)",
    # completed years from dob to d
    "dq_age(dob, d)": (
        "date_diff('year', dob, d) - "
        "case when strftime(d, '%m%d') < strftime(dob, '%m%d') then 1 else 0 end"
    ),
    # an OC2 0/1 item (or score) as trimmed text, whatever type the mart gave it
    "dq_flag(x)": "nullif(trim(cast(x as varchar)), '')",
}


def create_macros(con: duckdb.DuckDBPyConnection) -> None:
    for signature, body in MACROS.items():
        con.execute(f"create or replace temp macro {signature} as ({body})")


def ordered_episodes_sql(table: str) -> str:
    """Each episode with the child's previous and next episode (by DECOM) beside it.

    As DfE's validator sorts a child's episodes, a DECOM that is not a date sorts last (its
    episode still has neighbours: rule 141 reports the date itself)."""
    return f"""
        select *,
            lag(DEC) over w as PREV_DEC,
            lag(REC) over w as PREV_REC,
            lag(CIN) over w as PREV_CIN,
            lead(DECOM) over w as NEXT_DECOM,
            row_number() over w as EPISODE_NO,
            count(*) over (partition by CHILD) as EPISODES
        from {table}
        where CHILD is not null
        window w as (partition by CHILD order by DECOM nulls last, DEC nulls last, _row_number)
    """


def oc2_cohort_sql(episodes: str, start: str, end: str) -> str:
    """Children looked after continuously for 12 months at 31 March (the OC2 cohort).

    As the DfE guidance defines it: looked after at some time in the year, and no episode
    in the year starts care (RNE S after 1 April), ends care (a REC other than X1 before 31
    March) or is a short break (V3, V4).
    """
    during = f"DECOM <= {end} and (DEC is null or DEC >= {start})"
    return f"""
        select CHILD from {episodes}
        group by CHILD
        having coalesce(bool_or({during}), false)
           and not bool_or(coalesce(
                (RNE = 'S' and DECOM > {start} and DECOM <= {end})
                or (coalesce(REC, '') <> 'X1' and DEC >= {start} and DEC < {end})
                or (LS in ('V3', 'V4') and {during}),
                false
           ))
    """
