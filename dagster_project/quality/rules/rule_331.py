"""DfE rule 331. A child is matched with adopters before being adopted: an adoption episode
(REC E11, E12) cannot start before the date of matching. Both rows are reported."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="331",
    message=(
        "Date of matching child and adopter(s) should be the same as, or prior to, the date "
        "of placement of adoption."
    ),
    table="ad1",
    fields=("DATE_MATCH", "DECOM", "REC"),
    severity=WARNING,
    table_column=True,
    sql="""
        with wrong as (
            select e.CHILD, a.DATE_MATCH, e.DECOM, e.REC,
                e._source_file as e_file, e._row_number as e_row,
                a._source_file as a_file, a._row_number as a_row
            from {episodes} e join {ad1} a on a.CHILD = e.CHILD
            where e.REC in ('E11', 'E12') and a.DATE_MATCH > e.DECOM
        )
        select 'episodes' as _table, CHILD, max(DATE_MATCH) as DATE_MATCH, DECOM, REC,
            e_file as _source_file, e_row as _row_number
        from wrong group by CHILD, DECOM, REC, e_file, e_row
        union all
        select 'ad1', CHILD, DATE_MATCH, min(DECOM), min(REC), a_file, a_row
        from wrong group by CHILD, DATE_MATCH, a_file, a_row
    """,
)
