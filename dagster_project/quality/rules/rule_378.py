"""DfE rule 378. A child placed with parents is not accommodated under section 20 (V2)."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="378",
    message=(
        "A child who is placed with parent(s) cannot be looked after under a single "
        "period of accommodation under Section 20 of the Children Act 1989."
    ),
    table="episodes",
    fields=("LS", "PLACE"),
    severity=WARNING,
    sql="""
        select CHILD, LS, PLACE, _source_file, _row_number
        from {episodes}
        where LS = 'V2'
          and PLACE = 'P1'
    """,
)
