"""DfE rule 335. Whether the child was adopted by their foster carers (FOSTER_CARE) must fit
the adoption placement the child left care from (an episode ending E11, E12): placed
with their own foster carers (A3, A5; A2 before) means 1, with other adopters (A4, A6;
A1 before) means 0. Both rows are reported.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="335",
    message=(
        "The current foster value (0) suggests that child is not adopted by current foster "
        "carer, but last placement is A2, A3, or A5. Or the current foster value (1) "
        "suggests that child is adopted by current foster carer, but last placement is A1, "
        "A4 or A6."
    ),
    table="ad1",
    fields=("FOSTER_CARE", "PLACE", "REC"),
    severity=WARNING,
    table_column=True,
    sql="""
        with wrong as (
            select e.CHILD, a.FOSTER_CARE, e.PLACE, e.REC,
                e._source_file as e_file, e._row_number as e_row,
                a._source_file as a_file, a._row_number as a_row
            from {episodes} e join {ad1} a on a.CHILD = e.CHILD
            where e.REC in ('E1', 'E11', 'E12')
              and ((e.PLACE in ('A2', 'A3', 'A5') and a.FOSTER_CARE = '0')
                   or (e.PLACE in ('A1', 'A4', 'A6') and a.FOSTER_CARE = '1'))
        )
        select 'episodes' as _table, CHILD, min(FOSTER_CARE) as FOSTER_CARE, PLACE, REC,
            e_file as _source_file, e_row as _row_number
        from wrong group by CHILD, PLACE, REC, e_file, e_row
        union all
        select 'ad1', CHILD, FOSTER_CARE, min(PLACE), min(REC), a_file, a_row
        from wrong group by CHILD, FOSTER_CARE, a_file, a_row
    """,
)
