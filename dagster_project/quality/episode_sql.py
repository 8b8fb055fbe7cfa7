"""SQL that several DfE episode rules share, written once.

- `against_last_year`: a child's first episode of this year beside the last episode of
  last year's return (rules 452, 453 and 503A-503J compare what one says with what the
  other left open at 31 March);
- `periods_of_care`: a child's episodes joined into periods of care (rules 577, 578 ask
  whether a missing incident falls inside one).

Both order a child's episodes by start date as DfE's validator does, a start that is not a
date left out, ties in file order.
"""

from __future__ import annotations

# Placements that are temporary (T0-T4): rules 225, 226 and 383 treat them alike.
TEMPORARY = ("T0", "T1", "T2", "T3", "T4")


def sql_list(codes: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{c}'" for c in codes) + ")"


def against_last_year(select: str, condition: str, last_open: str = "l.DEC is null") -> str:
    """Rows of this year's first episode `f` (earliest DECOM) where `condition` holds against
    last year's latest episode `l` (latest DECOM) of the same child, when `last_open` (by
    default: it had no end date, so this year's first episode continues it)."""
    return f"""
        with first_episode as (
            select * from {{episodes}}
            where CHILD is not null and DECOM is not null
            qualify row_number() over (partition by CHILD order by DECOM, _row_number) = 1
        ), last_episode as (
            select * from {{episodes_last}}
            where CHILD is not null and DECOM is not null
            qualify row_number() over (
                partition by CHILD order by DECOM desc, _row_number) = 1
        )
        select {select}, f._source_file, f._row_number
        from first_episode as f join last_episode as l on l.CHILD = f.CHILD
        where {last_open} and ({condition})
    """


def periods_of_care(episodes: str = "{episodes}") -> str:
    """One row per period of care: CHILD, POC_START (first episode's DECOM) and POC_END
    (the last episode's DEC, null when it is open). An episode starting after the previous
    one's end starts a new period; one starting on that day (an X1 chain), or after an
    open episode, continues it."""
    return f"""
        select CHILD, period_no, min(DECOM) as POC_START, any_value(LAST_DEC) as POC_END
        from (
            select *,
                last_value(DEC) over (
                    partition by CHILD, period_no order by episode_no
                    rows between unbounded preceding and unbounded following
                ) as LAST_DEC
            from (
                select *, sum(case when DECOM > PREV_DEC then 1 else 0 end) over (
                    partition by CHILD order by episode_no) as period_no
                from (
                    select CHILD, DECOM, DEC,
                        row_number() over w as episode_no,
                        lag(DEC) over w as PREV_DEC
                    from {episodes}
                    where CHILD is not null and DECOM is not null
                    window w as (partition by CHILD order by DECOM, _row_number)
                )
            )
        )
        group by CHILD, period_no
    """
