"""DfE rule 115. The date of the decision that the child should be placed for adoption is
given but is not a date."""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="115",
    message=(
        "Date of Local Authority's (LA) decision that a child should be placed for adoption "
        "is not a valid date."
    ),
    table="placed_for_adoption",
    fields=("DATE_PLACED",),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, DATE_PLACED_text as DATE_PLACED, _source_file, _row_number
        from {placed_for_adoption}
        where DATE_PLACED_text is not null and DATE_PLACED is null
    """,
)
