"""Each social worker episode beside the child's previous one (by start, then end; a date
missing sorts last), as DfE's rules SW10STG2, SW10aSTG2 and SW10bSTG2 compare them.

Not a rule module (the registry reads `rule_*.py` only).
"""

from __future__ import annotations


def with_previous(where: str) -> str:
    """Episodes with a previous one of the same child (its end `PREV_DEC`) where `where`
    holds."""
    return f"""
        select CHILD, SW_DECOM, SW_REASON, PREV_DEC, _source_file, _row_number
        from (
            select *, lag(SW_DEC) over w as PREV_DEC, row_number() over w as EPISODE_NO
            from {{sw_episodes}}
            window w as (partition by CHILD
                         order by SW_DECOM nulls last, SW_DEC nulls last, _row_number)
        )
        where EPISODE_NO > 1 and ({where})
    """


# The next episode does not start within 7 days either side of the previous one's end (an
# open previous episode, or a start that is not a date, never does).
NOT_WITHIN_7_DAYS = (
    "not coalesce(SW_DECOM between PREV_DEC - interval 7 day and PREV_DEC + interval 7 day, false)"
)
