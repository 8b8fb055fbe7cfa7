"""DfE rule 118. A decision reversed this year cannot be reversed before the year began, nor
before the child started to be looked after: the child's earliest episode other than a
short break (LS V3, V4). Both rows are reported.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="118",
    message=(
        "Date of decision that a child should no longer be placed for adoption is before "
        "the current collection year or before the date the child started to be looked "
        "after."
    ),
    table="placed_for_adoption",
    fields=("DATE_PLACED_CEASED", "DECOM", "LS"),
    severity=WARNING,
    table_column=True,
    sql="""
        with earliest as (
            select CHILD, DECOM, LS, _source_file, _row_number from {episodes}
            where DECOM is not null and coalesce(LS not in ('V3', 'V4'), true)
            qualify row_number() over (partition by CHILD order by DECOM, _row_number) = 1
        ), wrong as (
            select e.CHILD, p.DATE_PLACED_CEASED, e.DECOM, e.LS,
                e._source_file as e_file, e._row_number as e_row,
                p._source_file as p_file, p._row_number as p_row
            from earliest e join {placed_for_adoption} p on p.CHILD = e.CHILD
            where p.DATE_PLACED_CEASED < e.DECOM or p.DATE_PLACED_CEASED < {collection_start}
        )
        select 'episodes' as _table, CHILD, min(DATE_PLACED_CEASED) as DATE_PLACED_CEASED,
            DECOM, LS, e_file as _source_file, e_row as _row_number
        from wrong group by CHILD, DECOM, LS, e_file, e_row
        union all
        select 'placed_for_adoption', CHILD, DATE_PLACED_CEASED, DECOM, LS, p_file, p_row
        from wrong
    """,
)
