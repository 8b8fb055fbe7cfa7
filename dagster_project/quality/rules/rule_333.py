"""DfE rule 333. The best interests decision (DATE_INT) comes before matching (DATE_MATCH): a
match without a decision date (blank or not a date) or after it cannot be right."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="333",
    message=(
        "Date should be placed for adoption must be on or prior to the date of matching "
        "child with adopter(s)."
    ),
    table="ad1",
    fields=("DATE_INT", "DATE_MATCH"),
    severity=WARNING,
    sql="""
        select CHILD, DATE_INT_text as DATE_INT, DATE_MATCH_text as DATE_MATCH,
            _source_file, _row_number
        from {ad1}
        where DATE_MATCH is not null and (DATE_INT is null or DATE_INT > DATE_MATCH)
    """,
)
