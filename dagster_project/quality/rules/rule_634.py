"""DfE rule 634. Previous permanence information (any of PREV_PERM, LA_PERM, DATE_PERM given)
is collected for children who started to be looked after from 1 April 2016, when DfE
began collecting it: a child none of whose episodes started on or after that day has
none. The row and the child's episodes are reported.

DfE's rule (its message, and its condition as the validator's own source quotes it: "at
least 1 episode must have a DECOM later than 01/04/2016") fixes the date; the validator
compares with the start of the collection year instead, so it also reports every child
looked after since before the year whose previous permanence row is carried in each
return. Its fixture's year starts on 1 April 2016, where the two agree.
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
              and l.LAST_DECOM < DATE '2016-04-01'
        )
        select 'previous_permanence' as _table, * from wrong
        union all
        select 'episodes', e.CHILD, null, null, null, w.LAST_DECOM, e._source_file, e._row_number
        from {episodes} e join (select distinct CHILD, LAST_DECOM from wrong) w
            on w.CHILD = e.CHILD
    """,
)
