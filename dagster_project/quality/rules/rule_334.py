"""DfE rule 334. The best interests decision (DATE_INT) is made while the child is looked
after: not before the start of the child's latest period of care (their latest episode
with RNE S). Both rows are reported."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="334",
    message=(
        "Date child started to be looked after in latest period of care must be on or prior "
        "to the date should be placed for adoption. "
    ),
    table="ad1",
    fields=("DATE_INT", "DECOM", "RNE"),
    severity=WARNING,
    table_column=True,
    sql="""
        with latest_start as (
            select CHILD, DECOM, RNE, _source_file, _row_number from {episodes}
            where RNE = 'S' and DECOM is not null
            qualify row_number() over (partition by CHILD order by DECOM desc, _row_number) = 1
        ), wrong as (
            select e.CHILD, a.DATE_INT, e.DECOM, e.RNE,
                e._source_file as e_file, e._row_number as e_row,
                a._source_file as a_file, a._row_number as a_row
            from latest_start e join {ad1} a on a.CHILD = e.CHILD
            where a.DATE_INT < e.DECOM
        )
        select 'episodes' as _table, CHILD, min(DATE_INT) as DATE_INT, DECOM, RNE,
            e_file as _source_file, e_row as _row_number
        from wrong group by CHILD, DECOM, RNE, e_file, e_row
        union all
        select 'ad1', CHILD, DATE_INT, DECOM, RNE, a_file, a_row from wrong
    """,
)
