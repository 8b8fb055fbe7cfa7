"""DfE rule 578. A child goes missing while looked after: the start of a missing period lies
within one of the child's periods of care (episodes joined where one starts the day the
previous ended; an open one runs on). A child with no episodes is not checked here.
"""

from dagster_project.quality.episode_sql import periods_of_care
from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="578",
    message=(
        "The date that the child started to be missing is after the child ceased to be looked "
        "after."
    ),
    table="missing",
    fields=("MIS_START",),
    severity=WARNING,
    sql=f"""
        with periods as ({periods_of_care()})
        select m.CHILD, any_value(m.MIS_START) as MIS_START, m._source_file, m._row_number
        from {{missing}} as m join periods as p on p.CHILD = m.CHILD
        group by m.CHILD, m._source_file, m._row_number
        having bool_and(coalesce(
            m.MIS_START < p.POC_START or m.MIS_START > p.POC_END, false))
    """,
)
