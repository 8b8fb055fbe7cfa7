"""DfE rule 116. The date of the decision that the child should no longer be placed for
adoption is given but is not a date."""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="116",
    message=(
        "Date of Local Authority's (LA) decision that a child should no longer be placed for "
        "adoption is not a valid date."
    ),
    table="placed_for_adoption",
    fields=("DATE_PLACED_CEASED",),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, DATE_PLACED_CEASED_text as DATE_PLACED_CEASED, _source_file, _row_number
        from {placed_for_adoption}
        where DATE_PLACED_CEASED_text is not null and DATE_PLACED_CEASED is null
    """,
)
