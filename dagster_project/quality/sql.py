"""Definitions several rules share, written once as DuckDB macros and views.

A rule reads `where dq_bad_date(DECOM)` rather than repeating what a valid date is; the
macros and views are temporary (one connection), created with the run's other views
(in `cla validate`'s own database, shared by its connections: `RuleContext.workers`).
"""

from __future__ import annotations

import duckdb

from dagster_project.date_forms import parse_date_sql
from dagster_project.ssda903_files import DATE_COLUMNS

# d/m/yyyy with ZZ for an unknown day or month and ZZZZ for an unknown year (903 DATE_PERM)
_PARTIAL = "^(ZZ|[0-9]{1,2})/(ZZ|[0-9]{1,2})/(ZZZZ|[0-9]{4})$"


def _partial_known(x: str, year: str) -> str:
    """SQL: a partly unknown date with an unknown day or month as 1 and an unknown year as
    `year`."""
    day = f"regexp_replace(upper(trim({x})), '^ZZ/', '01/')"
    month = f"regexp_replace({day}, '/ZZ/', '/01/')"
    return f"regexp_replace({month}, '/ZZZZ$', '/{year}')"


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
    # A date DfE lets the LA give partly unknown (DATE_PERM, the previous permanence
    # order): a date in an accepted form, or d/m/yyyy with ZZ for an unknown day or month
    # and ZZZZ for an unknown year ('ZZ/ZZ/2010'). Valid when its known parts can be a day
    # (an unknown day or month read as 1, an unknown year as the leap year 2000).
    "dq_partial_date_ok(x)": (
        f"{parse_date_sql('x')} is not null or ("
        f"regexp_matches(upper(trim(x)), '{_PARTIAL}') and "
        f"{parse_date_sql(_partial_known('x', '2000'))} is not null)"
    ),
    # the first day a partly unknown date can be (null: not valid, or the year unknown)
    "dq_partial_date_from(x)": (
        f"coalesce({parse_date_sql('x')}, case when regexp_matches(upper(trim(x)), "
        f"'{_PARTIAL}') and not upper(trim(x)) like '%/ZZZZ' "
        f"then {parse_date_sql(_partial_known('x', 'ZZZZ'))} end)"
    ),
}


def create_macros(con: duckdb.DuckDBPyConnection, temporary: bool = True) -> None:
    """The macros, temporary to `con` or (not `temporary`) in its database's main schema,
    where its other connections see them too (`RuleContext.workers`)."""
    scope = "temp " if temporary else ""
    for signature, body in MACROS.items():
        con.execute(f"create or replace {scope}macro {signature} as ({body})")


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


def given(column: str, alias: str = "") -> str:
    """SQL: a typed return column as the file gave it (a date's text, `<FIELD>_text`), so
    "given" means not blank, whether or not the value is a valid date or code."""
    prefix = f"{alias}." if alias else ""
    return f"{prefix}{column}_text" if column in DATE_COLUMNS else f"{prefix}{column}"


def count_given(columns: tuple[str, ...], alias: str = "") -> str:
    """SQL: how many of `columns` are given (not blank) on a row."""
    return "(" + " + ".join(f"({given(c, alias)} is not null)::int" for c in columns) + ")"
