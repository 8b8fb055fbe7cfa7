"""DfE rule 408. Placed for adoption under a placement order (A5, A6) needs legal status E1."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="408",
    message=(
        "Child is placed for adoption with a placement order, but no placement order has "
        "been recorded."
    ),
    table="episodes",
    fields=("PLACE", "LS"),
    severity=WARNING,
    sql="""
        select CHILD, PLACE, LS, _source_file, _row_number
        from {episodes}
        where PLACE in ('A5', 'A6')
          and coalesce(LS, '') <> 'E1'
    """,
)
