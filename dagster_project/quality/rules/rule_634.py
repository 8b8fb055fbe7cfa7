"""DfE rule 634. Previous permanence information (any of PREV_PERM, LA_PERM, DATE_PERM given)
is collected for children who started to be looked after from 1 April 2016: a child whose
latest episode started before that has none. The row and the child's episodes are
reported.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="634",
    message=(
        "There are entries for previous permanence options, but child has not started to be "
        "looked after from 1 April 2016 onwards."
    ),
    table="previous_permanence",
    fields=("PREV_PERM", "LA_PERM", "DATE_PERM", "LAST_DECOM"),
    severity=WARNING,
    table_column=True,
    sql="""
        with last_start as (
            select CHILD, max(DECOM) as LAST_DECOM from {episodes}
            where CHILD is not null group by CHILD
        ), wrong as (
            select p.CHILD, p.PREV_PERM, p.LA_PERM, p.DATE_PERM, l.LAST_DECOM,
                p._source_file, p._row_number
            from {previous_permanence} p join last_start l on l.CHILD = p.CHILD
            where (p.PREV_PERM is not null or p.LA_PERM is not null or p.DATE_PERM is not null)
              and l.LAST_DECOM < {collection_start}
        )
        select 'previous_permanence' as _table, * from wrong
        union all
        select 'episodes', e.CHILD, null, null, null, w.LAST_DECOM, e._source_file, e._row_number
        from {episodes} e join (select distinct CHILD, LAST_DECOM from wrong) w
            on w.CHILD = e.CHILD
    """,
)
