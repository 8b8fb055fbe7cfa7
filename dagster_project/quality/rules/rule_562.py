"""DfE rule 562. An episode that started before this collection year was in last year's return:
the child's earliest such episode starts on the date of last year's latest episode (the
chain carries on), and a child missing from last year's return is flagged.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="562",
    message=(
        "Episode commenced before the start of the current collection year but there is a "
        "missing continuous episode in the previous year."
    ),
    table="episodes",
    fields=("DECOM", "LAST_DECOM"),
    severity=WARNING,
    sql="""
        with earliest as (
            select * from {episodes}
            where CHILD is not null and DECOM < {collection_start}
            qualify row_number() over (partition by CHILD order by DECOM, _row_number) = 1
        ), latest_last_year as (
            select CHILD, DECOM from {episodes_last}
            where CHILD is not null and DECOM is not null
            qualify row_number() over (
                partition by CHILD order by DECOM desc, _row_number) = 1
        )
        select e.CHILD, e.DECOM, l.DECOM as LAST_DECOM, e._source_file, e._row_number
        from earliest as e left join latest_last_year as l on l.CHILD = e.CHILD
        where l.DECOM is distinct from e.DECOM
    """,
)
