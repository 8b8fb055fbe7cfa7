"""DfE rule 577. A missing period lies within a period of care (episodes joined where one
starts the day the previous ended): an open period belongs to an open period of care that
started by then; an ended one ends within the period of care. A period is flagged when it
fits none of the child's periods of care; a child with no episodes, or a period with no
start date, is not checked here.
"""

from dagster_project.quality.episode_sql import periods_of_care
from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="577",
    message=(
        "Child ceased to be looked after but there is a missing/away from placement without "
        "authorisation period without an end date."
    ),
    table="missing",
    fields=("MIS_START", "MIS_END"),
    severity=WARNING,
    sql=f"""
        with periods as ({periods_of_care()})
        select m.CHILD, any_value(m.MIS_START) as MIS_START, any_value(m.MIS_END) as MIS_END,
            m._source_file, m._row_number
        from {{missing}} as m join periods as p on p.CHILD = m.CHILD
        where m.MIS_START is not null
        group by m.CHILD, m._source_file, m._row_number
        having bool_and(coalesce(
            (m.MIS_END is null and p.POC_END is not null)
            or (m.MIS_END is null and m.MIS_START < p.POC_START)
            or m.MIS_END > p.POC_END
            or m.MIS_END < p.POC_START, false))
    """,
)
