"""DfE rule 426. A child's short breaks are either a single series (V3) or a planned series
(V4) in a year, not both: a child with both has each of them flagged.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="426",
    message=(
        "A child receiving respite care cannot be recorded under a legal status of V3 and V4 in "
        "the same year."
    ),
    table="episodes",
    fields=("LS",),
    severity=WARNING,
    sql="""
        select CHILD, LS, _source_file, _row_number
        from (
            select *, count(distinct LS) over (partition by CHILD) as SHORT_BREAK_KINDS
            from {episodes}
            where LS in ('V3', 'V4') and CHILD is not null
        )
        where SHORT_BREAK_KINDS = 2
    """,
)
