"""DfE rule 554. The decision to place for adoption comes before the placement order: no
decision of the child may be dated after the start of their first episode under a
placement order (LS E1). As DfE notes, an order granted in an earlier year is not in the
return. Both rows are reported.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="554",
    message=(
        "Date of decision that the child should be placed for adoption should be on or prior "
        "to the date that the placement order was granted. [NOTE: This rule may result in "
        "false positives or false negatives if relevant episodes are in previous years; "
        "please check carefully!]"
    ),
    table="placed_for_adoption",
    fields=("DATE_PLACED", "DECOM", "LS"),
    severity=WARNING,
    table_column=True,
    sql="""
        with first_order as (
            select CHILD, DECOM, LS, _source_file, _row_number from {episodes}
            where LS = 'E1' and DECOM is not null
            qualify row_number() over (partition by CHILD order by DECOM, _row_number) = 1
        ), wrong as (
            select e.CHILD, p.DATE_PLACED, e.DECOM, e.LS,
                e._source_file as e_file, e._row_number as e_row,
                p._source_file as p_file, p._row_number as p_row
            from first_order e join {placed_for_adoption} p on p.CHILD = e.CHILD
            where p.DATE_PLACED > e.DECOM
        )
        select 'episodes' as _table, CHILD, max(DATE_PLACED) as DATE_PLACED, DECOM, LS,
            e_file as _source_file, e_row as _row_number
        from wrong group by CHILD, DECOM, LS, e_file, e_row
        union all
        select 'placed_for_adoption', CHILD, DATE_PLACED, DECOM, LS, p_file, p_row from wrong
    """,
)
