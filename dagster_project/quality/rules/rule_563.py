"""DfE rule 563. A reversed decision (its date and reason given) needs the date of the
decision it reverses."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="563",
    message=(
        "The child should no longer be placed for adoption but the date of the decision "
        "that the child should be placed for adoption is blank"
    ),
    table="placed_for_adoption",
    fields=("DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"),
    severity=WARNING,
    sql="""
        select CHILD, DATE_PLACED_text as DATE_PLACED,
            DATE_PLACED_CEASED_text as DATE_PLACED_CEASED, REASON_PLACED_CEASED,
            _source_file, _row_number
        from {placed_for_adoption}
        where REASON_PLACED_CEASED is not null and DATE_PLACED_CEASED_text is not null
          and DATE_PLACED_text is null
    """,
)
