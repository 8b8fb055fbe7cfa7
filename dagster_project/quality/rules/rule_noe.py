"""DfE rule NoE. A child whose episode started before this collection year was looked after
last year: last year's return, when supplied, has episodes for the child.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="NoE",
    message=(
        "This child has no episodes loaded for previous year even though child started to be "
        "looked after before this current year."
    ),
    table="episodes",
    fields=("DECOM",),
    severity=WARNING,
    sql="""
        select e.CHILD, e.DECOM, e._source_file, e._row_number
        from {episodes} as e
        where e.DECOM < {collection_start}
          and not exists (
              select 1 from {episodes_last} as l where l.CHILD is not distinct from e.CHILD
          )
    """,
)
