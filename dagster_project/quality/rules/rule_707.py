"""DfE rule 707 (from 2026-27). A DoLO lies within a period of care of the child: one that
fits none (still open after the period ended, open since before it started, or ending
after its end or before its start) is reported. A child's periods of care are runs of
episodes each starting no later than the previous one ended (an open episode runs on);
a DoLO of a child with no episode, or with no start date, is not checked.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="707",
    message="Child ceased to be looked after but there is a DoLO without an end date.",
    table="dolo",
    fields=("DOLO_START", "DOLO_END"),
    severity=WARNING,
    sql="""
        with episodes as (
            select CHILD, DECOM, DEC, _row_number,
                coalesce(DECOM > lag(DEC) over w, false) or row_number() over w = 1
                    as STARTS_PERIOD
            from {episodes}
            where DECOM is not null
            window w as (partition by CHILD order by DECOM, _row_number)
        ), numbered as (
            select *, sum(STARTS_PERIOD::int) over (partition by CHILD
                order by DECOM, _row_number) as PERIOD_NO
            from episodes
        ), periods as (
            select CHILD, min(DECOM) as STARTS, last(DEC order by DECOM, _row_number) as ENDS
            from numbered group by CHILD, PERIOD_NO
        )
        select d.CHILD, any_value(d.DOLO_START) as DOLO_START, any_value(d.DOLO_END) as DOLO_END,
            d._source_file, d._row_number
        from {dolo} d join periods p on p.CHILD = d.CHILD
        where d.DOLO_START is not null
        group by d.CHILD, d._source_file, d._row_number
        having bool_and(coalesce(
            (d.DOLO_END is null and p.ENDS is not null)
            or (d.DOLO_END is null and d.DOLO_START < p.STARTS)
            or d.DOLO_END > p.ENDS
            or d.DOLO_END < p.STARTS, false))
    """,
    first_year=2027,
)
