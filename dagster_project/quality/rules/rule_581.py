"""DfE rule 581. A child goes missing only once looked after: the start of a missing period
lies within one of the child's episodes (an open one runs on). A period without a start date
is flagged; a child with no episodes is not checked here.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="581",
    message="Child is missing but has not yet started to be looked after.",
    table="missing",
    fields=("MIS_START",),
    severity=WARNING,
    sql="""
        select m.CHILD, any_value(m.MIS_START_text) as MIS_START, m._source_file, m._row_number
        from {missing} as m join {episodes} as e on e.CHILD = m.CHILD
        group by m.CHILD, m._source_file, m._row_number
        having not bool_or(coalesce(
            m.MIS_START >= e.DECOM and (m.MIS_START <= e.DEC or e.DEC is null), false))
    """,
)
