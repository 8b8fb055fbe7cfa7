"""DfE rule 522. A decision cannot be reversed before it was made."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="522",
    message=(
        "Date of decision that the child should be placed for adoption must be on or before "
        "the date that a child should no longer be placed for adoption."
    ),
    table="placed_for_adoption",
    fields=("DATE_PLACED", "DATE_PLACED_CEASED"),
    severity=WARNING,
    sql="""
        select CHILD, DATE_PLACED, DATE_PLACED_CEASED, _source_file, _row_number
        from {placed_for_adoption}
        where DATE_PLACED_CEASED < DATE_PLACED
    """,
)
