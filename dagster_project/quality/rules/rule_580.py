"""DfE rule 580. A child missing on the day they turn 18 and leave care that day leaves care
with REC E8 (a period missing ending on the 18th birthday, the day an episode ends): any
other reason, or none, is flagged on the episode.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="580",
    message="Child is missing when cease being looked after but reason episode ceased not ‘E8’.",
    table="episodes",
    fields=("REC", "DEC"),
    severity=WARNING,
    sql="""
        select distinct e.CHILD, e.REC, e.DEC, e._source_file, e._row_number
        from {episodes} as e join {missing} as m on m.CHILD = e.CHILD
        where e.DEC is not null and m.MIS_END = e.DEC
          and dq_plus_years(m.DOB, 18) = m.MIS_END
          and coalesce(e.REC <> 'E8', true)
    """,
)
