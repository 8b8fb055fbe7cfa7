"""DfE rule 302. The child's first episode of the return starts before the date of birth:
one of the two dates is wrong. Both rows are reported (the episode and the header), as DfE
does.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="302",
    message="First episode starts before child was born.",
    table="episodes",
    fields=("DECOM", "DOB"),
    severity=WARNING,
    table_column=True,
    sql="""
        with firsts as (
            select CHILD, DECOM, _source_file, _row_number from {episodes}
            where DECOM is not null
            qualify row_number() over (partition by CHILD order by DECOM, _row_number) = 1
        ), wrong as (
            select f.CHILD, f.DECOM, h.DOB, f._source_file as e_file, f._row_number as e_row,
                h._source_file as h_file, h._row_number as h_row
            from firsts f join {header} h using (CHILD)
            where h.DOB > f.DECOM
        )
        select distinct 'episodes' as _table, CHILD, DECOM, DOB, e_file as _source_file,
            e_row as _row_number from wrong
        union all
        select distinct 'header', CHILD, DECOM, DOB, h_file, h_row from wrong
    """,
)
