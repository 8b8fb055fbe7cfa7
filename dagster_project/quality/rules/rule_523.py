"""DfE rule 523. The decision to place for adoption (DATE_PLACED) and the best interests
decision (DATE_INT) are the same decision: their dates agree. Rows whose date is blank
or not a date are left to the other rules. Both rows are reported.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="523",
    message=(
        "Date of decision that the child should be placed for adoption should be the same "
        "date as the decision that adoption is in the best interest (date should be placed)."
    ),
    table="ad1",
    fields=("DATE_PLACED", "DATE_INT"),
    severity=WARNING,
    table_column=True,
    sql="""
        with wrong as (
            select p.CHILD, p.DATE_PLACED, a.DATE_INT,
                p._source_file as p_file, p._row_number as p_row,
                a._source_file as a_file, a._row_number as a_row
            from {placed_for_adoption} p join {ad1} a on a.CHILD = p.CHILD
            where p.DATE_PLACED <> a.DATE_INT
        )
        select 'placed_for_adoption' as _table, CHILD, DATE_PLACED, min(DATE_INT) as DATE_INT,
            p_file as _source_file, p_row as _row_number
        from wrong group by CHILD, DATE_PLACED, p_file, p_row
        union all
        select 'ad1', CHILD, min(DATE_PLACED), DATE_INT, a_file, a_row
        from wrong group by CHILD, DATE_INT, a_file, a_row
    """,
)
