"""DfE rule 119. A reversed decision to place for adoption needs both its date and its reason:
one without the other cannot be counted (blank is what the file holds)."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="119",
    message=(
        "If the decision is made that a child should no longer be placed for adoption, then "
        "the date of this decision and the reason why this decision was made must be "
        "completed."
    ),
    table="placed_for_adoption",
    fields=("DATE_PLACED_CEASED", "REASON_PLACED_CEASED"),
    severity=WARNING,
    sql="""
        select CHILD, DATE_PLACED_CEASED_text as DATE_PLACED_CEASED, REASON_PLACED_CEASED,
            _source_file, _row_number
        from {placed_for_adoption}
        where (DATE_PLACED_CEASED_text is null) <> (REASON_PLACED_CEASED is null)
    """,
)
