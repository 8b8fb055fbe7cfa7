"""DfE rule SW12STG2. A child who starts or leaves care (an episode starting with RNE S, or
ending other than X1; short breaks aside) has social worker episodes covering it: a social
worker episode starting on or before the end of care, or on or after its start. As DfE's
validator reads it, an episode is reported when the child has no social worker episode or
any of them meets neither. From 2024-25 only episodes ending from the year before the
collection year (or open) are checked.
"""

from dagster_project.quality.rule import WARNING, Rule


def _uncovered(period_start: str) -> str:
    return f"""
        with starts_or_ends as (
            select * from {{episodes}}
            where coalesce(LS not in ('V3', 'V4'), true)
              and (RNE = 'S' or coalesce(REC <> 'X1', true))
              and {period_start}
        )
        select distinct e.CHILD, s.SW_DECOM, e.DECOM, e.DEC, e._source_file, e._row_number
        from starts_or_ends e left join {{sw_episodes}} s on s.CHILD = e.CHILD
        where not coalesce(s.SW_DECOM <= e.DEC and coalesce(e.REC <> 'X1', true), false)
          and not coalesce(s.SW_DECOM >= e.DECOM and e.RNE = 'S', false)
    """


_MESSAGE = (
    "If a child is looked after on 31 March then all social worker episodes for the full "
    "previous year should be reported, even those whilst they were not looked after"
)
RULES = (
    Rule(
        code="SW12STG2",
        message=_MESSAGE,
        table="episodes",
        fields=("SW_DECOM", "DECOM", "DEC"),
        severity=WARNING,
        sql=_uncovered("true"),
        first_year=2024,
        last_year=2024,
    ),
    Rule(
        code="SW12STG2",
        message=_MESSAGE,
        table="episodes",
        fields=("SW_DECOM", "DECOM", "DEC"),
        severity=WARNING,
        sql=_uncovered(
            "(DEC is null or DEC between dq_plus_years({collection_start}, -1) "
            "and {collection_end})"
        ),
        first_year=2025,
    ),
)
