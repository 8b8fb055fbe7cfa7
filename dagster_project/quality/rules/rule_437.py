"""DfE rule 437. A child who died (REC E2) or turned 18 (E15) has no later episode in the
return. A child's episodes are taken in start order; an episode whose start is not a date
comes last.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="437",
    message=(
        "Reason episode ceased is child has died or is aged 18 or over but there are further "
        "episodes."
    ),
    table="episodes",
    fields=("REC", "DECOM"),
    severity=WARNING,
    sql="""
        select CHILD, REC, DECOM, _source_file, _row_number
        from (
            select *, lead(_row_number) over (
                partition by CHILD order by DECOM nulls last, _row_number) as NEXT_ROW
            from {episodes}
            where CHILD is not null
        )
        where NEXT_ROW is not null and DECOM is not null and upper(REC) in ('E2', 'E15')
    """,
)
