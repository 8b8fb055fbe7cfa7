"""DfE rule 377. At most two temporary placements for the foster carers' holiday (T3): a child
with more in the return has each of them flagged.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="377",
    message=(
        "Only two temporary placements coded as being due to holiday of usual foster carer(s) "
        "are allowed in any 12- month period."
    ),
    table="episodes",
    fields=("PLACE", "DECOM"),
    severity=WARNING,
    sql="""
        select CHILD, PLACE, DECOM, _source_file, _row_number
        from (
            select *, count(*) over (partition by CHILD) as T3_PLACEMENTS
            from {episodes}
            where PLACE = 'T3' and CHILD is not null
        )
        where T3_PLACEMENTS > 2
    """,
)
