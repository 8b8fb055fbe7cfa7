"""DfE rule 199. A child adopted from care (REC E11, E12) does not come back into care in the
data: every episode after the first adoption (by start date, this year's return and, when
supplied, last year's) is flagged, a second adoption too. Episodes whose start is not a date
are left out; on the same start date this year's episode comes first.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="199",
    message=(
        "Episode information shows child has been previously adopted from care. [NOTE: This "
        "only tests the current and previous year data loaded into the tool]"
    ),
    table="episodes",
    fields=("DECOM", "REC"),
    severity=WARNING,
    optional=("episodes_last",),
    sql="""
        with both_years as (
            select CHILD, DECOM, REC, _source_file, _row_number, 0 as from_last_year
            from {episodes}
            union all
            select CHILD, DECOM, REC, _source_file, _row_number, 1
            from {episodes_last}
        ), counted as (
            select *,
                sum(case when REC in ('E11', 'E12') then 1 else 0 end) over (
                    partition by CHILD order by DECOM, from_last_year, _row_number
                    rows between unbounded preceding and current row
                ) as ADOPTIONS
            from both_years
            where CHILD is not null and DECOM is not null
        )
        select CHILD, DECOM, REC, _source_file, _row_number
        from counted
        where from_last_year = 0 and ADOPTIONS > 0
          and not coalesce(ADOPTIONS = 1 and REC in ('E11', 'E12'), false)
    """,
)
