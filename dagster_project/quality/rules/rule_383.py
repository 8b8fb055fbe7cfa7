"""DfE rule 383. After a temporary placement (T0-T4) the child goes back to the placement
before it: the next episode starts with RNE P and the same placement type as the episode
before the temporary one (from 2025-26 also the same placement postcode). A blank value
counts as different, as the validator reads it. A child's episodes are taken in start order.
"""

from dagster_project.quality.rule import WARNING, Rule


def _not_returned(same_postcode: bool) -> str:
    postcode = " or coalesce(PL_POST <> BEFORE_PL_POST, true)" if same_postcode else ""
    return f"""
        select CHILD, RNE, PLACE, PL_POST, PREV_PLACE, BEFORE_PLACE, BEFORE_PL_POST,
            _source_file, _row_number
        from (
            select *,
                lag(PLACE) over w as PREV_PLACE,
                lag(PLACE, 2) over w as BEFORE_PLACE,
                lag(PL_POST, 2) over w as BEFORE_PL_POST,
                row_number() over w as EPISODE_NO
            from {{episodes}}
            where CHILD is not null
            window w as (partition by CHILD order by DECOM nulls last, _row_number)
        )
        where EPISODE_NO > 2 and PREV_PLACE in ('T0', 'T1', 'T2', 'T3', 'T4')
          and (coalesce(RNE <> 'P', true) or coalesce(PLACE <> BEFORE_PLACE, true){postcode})
    """


_MESSAGE = "A child in a temporary placement must subsequently return to his/her normal placement."
_FIELDS = ("RNE", "PLACE", "PL_POST", "PREV_PLACE", "BEFORE_PLACE", "BEFORE_PL_POST")
RULES = (
    Rule(
        code="383",
        message=_MESSAGE,
        table="episodes",
        fields=_FIELDS,
        severity=WARNING,
        sql=_not_returned(same_postcode=False),
        last_year=2025,
    ),
    Rule(
        code="383",
        message=_MESSAGE,
        table="episodes",
        fields=_FIELDS,
        severity=WARNING,
        sql=_not_returned(same_postcode=True),
        first_year=2026,
    ),
)
