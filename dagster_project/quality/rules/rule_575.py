"""DfE rule 575. A missing period that started during an episode which has ended has an end
date too (the child cannot still be missing from a placement that ended).
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="575",
    message=(
        "If the placement from which the child goes missing/away from placement without "
        "authorisation ends, the missing/away from placement without authorisation period in "
        "the missing module must also have an end date."
    ),
    table="missing",
    fields=("MIS_START", "MIS_END"),
    severity=WARNING,
    sql="""
        select distinct m.CHILD, m.MIS_START, m.MIS_END_text as MIS_END,
            m._source_file, m._row_number
        from {missing} as m join {episodes} as e on e.CHILD = m.CHILD
        where m.MIS_END_text is null and e.DEC is not null
          and m.MIS_START between e.DECOM and e.DEC
    """,
)
