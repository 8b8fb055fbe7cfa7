"""DfE rule 1003. The decision to place for adoption cannot come before the child started to
be looked after: the child's earliest episode starting a period of care (RNE S). Both rows
are reported, the episode and the decision.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="1003",
    message=(
        "Date of LA's decision that a child should be placed for adoption is before the "
        "child started to be looked after."
    ),
    table="placed_for_adoption",
    fields=("DATE_PLACED", "DECOM", "RNE"),
    severity=WARNING,
    table_column=True,
    sql="""
        with first_start as (
            select CHILD, DECOM, RNE, _source_file, _row_number from {episodes}
            where RNE = 'S' and DECOM is not null
            qualify row_number() over (partition by CHILD order by DECOM, _row_number) = 1
        ), wrong as (
            select e.CHILD, p.DATE_PLACED, e.DECOM, e.RNE,
                e._source_file as e_file, e._row_number as e_row,
                p._source_file as p_file, p._row_number as p_row
            from first_start e join {placed_for_adoption} p on p.CHILD = e.CHILD
            where p.DATE_PLACED < e.DECOM
        )
        select 'episodes' as _table, CHILD, min(DATE_PLACED) as DATE_PLACED, DECOM, RNE,
            e_file as _source_file, e_row as _row_number
        from wrong group by CHILD, DECOM, RNE, e_file, e_row
        union all
        select 'placed_for_adoption', CHILD, DATE_PLACED, DECOM, RNE, p_file, p_row from wrong
    """,
)
