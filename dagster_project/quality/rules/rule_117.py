"""DfE rule 117. Decisions about placing for adoption (made or reversed) fall in the year and
while the child is looked after: neither date after 31 March, nor after the end of the
child's latest episode that did not continue into another (REC other than X1). Both rows
are reported.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="117",
    message=(
        "Date of decision that a child should/should no longer be placed for adoption is "
        "beyond the current collection year or after the child ceased to be looked after."
    ),
    table="placed_for_adoption",
    fields=("DATE_PLACED", "DATE_PLACED_CEASED", "DECOM", "DEC", "REC"),
    severity=WARNING,
    table_column=True,
    sql="""
        with latest as (
            select CHILD, DECOM, DEC, REC, _source_file, _row_number from {episodes}
            where DECOM is not null and REC is distinct from 'X1'
            qualify row_number() over (partition by CHILD order by DECOM desc, _row_number) = 1
        ), wrong as (
            select e.CHILD, p.DATE_PLACED, p.DATE_PLACED_CEASED, e.DECOM, e.DEC, e.REC,
                e._source_file as e_file, e._row_number as e_row,
                p._source_file as p_file, p._row_number as p_row
            from latest e join {placed_for_adoption} p on p.CHILD = e.CHILD
            where p.DATE_PLACED > {collection_end} or p.DATE_PLACED > e.DEC
               or p.DATE_PLACED_CEASED > {collection_end} or p.DATE_PLACED_CEASED > e.DEC
        )
        select 'episodes' as _table, CHILD, max(DATE_PLACED) as DATE_PLACED,
            max(DATE_PLACED_CEASED) as DATE_PLACED_CEASED, DECOM, DEC, REC,
            e_file as _source_file, e_row as _row_number
        from wrong group by CHILD, DECOM, DEC, REC, e_file, e_row
        union all
        select 'placed_for_adoption', CHILD, DATE_PLACED, DATE_PLACED_CEASED, DECOM, DEC, REC,
            p_file, p_row from wrong
    """,
)
