"""DfE rule 576. A missing period still open at the end of last year's return continues into
this year's: the child's earliest period this year starts on the same date (a child with no
start date this year is flagged too).
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="576",
    message=(
        "There is an open missing/away from placement without authorisation period in last "
        "year’s return and there is no corresponding period recorded at the start of this year."
    ),
    table="missing",
    fields=("MIS_START",),
    severity=WARNING,
    sql="""
        with first_period as (
            select *, coalesce(MIS_START, DATE '2099-01-01') as STARTED
            from {missing}
            where CHILD is not null
            qualify row_number() over (
                partition by CHILD order by coalesce(MIS_START, DATE '2099-01-01'), _row_number
            ) = 1
        )
        select f.CHILD, f.MIS_START, f._source_file, f._row_number
        from first_period as f
        where exists (
            select 1 from {missing_last} as l
            where l.CHILD = f.CHILD and l.MIS_END_text is null and l.MIS_START <> f.STARTED
        )
    """,
)
