"""DfE rule 521. The best interests decision (DATE_INT) comes before the child is placed for
adoption: no adoption placement (PLACE A3 to A6) may start before it. Both rows are
reported."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="521",
    message=(
        "Date of local authority's decision (LA) that adoption is in the best interests of "
        "the child (date should be placed) must be on or prior to the date the child is "
        "placed for adoption."
    ),
    table="ad1",
    fields=("DATE_INT", "PLACE", "DECOM"),
    severity=WARNING,
    table_column=True,
    sql="""
        with wrong as (
            select e.CHILD, a.DATE_INT, e.PLACE, e.DECOM,
                e._source_file as e_file, e._row_number as e_row,
                a._source_file as a_file, a._row_number as a_row
            from {episodes} e join {ad1} a on a.CHILD = e.CHILD
            where e.PLACE in ('A3', 'A4', 'A5', 'A6') and a.DATE_INT > e.DECOM
        )
        select 'episodes' as _table, CHILD, max(DATE_INT) as DATE_INT, PLACE, DECOM,
            e_file as _source_file, e_row as _row_number
        from wrong group by CHILD, PLACE, DECOM, e_file, e_row
        union all
        select 'ad1', CHILD, DATE_INT, min(PLACE), min(DECOM), a_file, a_row
        from wrong group by CHILD, DATE_INT, a_file, a_row
    """,
)
