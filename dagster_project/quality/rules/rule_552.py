"""DfE rule 552. The decision to place for adoption comes before the placement: the child's
latest decision date must be on or before the start of their first adoption placement
(PLACE A3 to A6). Both rows are reported.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="552",
    message=(
        "Date of Decision to place a child for adoption should be on or prior to the date "
        "that the child was placed for adoption."
    ),
    table="placed_for_adoption",
    fields=("DATE_PLACED", "DECOM"),
    severity=WARNING,
    table_column=True,
    sql="""
        with first_placed as (
            select CHILD, DECOM, _source_file, _row_number from {episodes}
            where PLACE in ('A3', 'A4', 'A5', 'A6') and DECOM is not null
            qualify row_number() over (partition by CHILD order by DECOM, _row_number) = 1
        ), last_decision as (
            select CHILD, DATE_PLACED, _source_file, _row_number from {placed_for_adoption}
            where DATE_PLACED is not null
            qualify row_number() over (
                partition by CHILD order by DATE_PLACED desc, _row_number) = 1
        ), wrong as (
            select e.CHILD, p.DATE_PLACED, e.DECOM,
                e._source_file as e_file, e._row_number as e_row,
                p._source_file as p_file, p._row_number as p_row
            from first_placed e join last_decision p on p.CHILD = e.CHILD
            where e.DECOM < p.DATE_PLACED
        )
        select 'episodes' as _table, CHILD, DATE_PLACED, DECOM, e_file as _source_file,
            e_row as _row_number from wrong
        union all
        select 'placed_for_adoption', CHILD, DATE_PLACED, DECOM, p_file, p_row from wrong
    """,
)
