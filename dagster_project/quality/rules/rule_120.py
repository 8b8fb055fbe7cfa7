"""DfE rule 120. The reason the decision to place for adoption was reversed must be a code
of the year's list (RD1 to RD4)."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="120",
    message=(
        "The reason for the reversal of the decision that the child should be placed for "
        "adoption code is not valid."
    ),
    table="placed_for_adoption",
    fields=("REASON_PLACED_CEASED",),
    severity=WARNING,
    sql="""
        select CHILD, REASON_PLACED_CEASED, _source_file, _row_number
        from {placed_for_adoption}
        where REASON_PLACED_CEASED is not null
          and REASON_PLACED_CEASED not in {codes:REASON_PLACED_CEASED}
    """,
)
