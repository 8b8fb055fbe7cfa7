"""DfE rule 367. Short breaks (V3) total at most 75 days in the year."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="367",
    message="The maximum amount of respite care allowable is 75 days in any 12-month period.",
    table="episodes",
    fields=("LS", "DECOM", "DEC"),
    severity=WARNING,
    sql="""
        with v3 as (
        select *, date_diff('day', greatest(DECOM, {collection_start}),
        least(coalesce(DEC, {collection_end}), {collection_end})) as days
        from {episodes} where LS = 'V3' and DECOM is not null
        )
        select CHILD, LS, DECOM, DEC, _source_file, _row_number from v3
        where days > 0
          and CHILD in (select CHILD from v3 where days > 0 group by CHILD having sum(days) >
              75)
    """,
)
