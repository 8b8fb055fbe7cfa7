"""DfE rule 166. A review date that is blank or not a date."""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="166",
    message="Date of review is invalid or blank.",
    table="reviews",
    fields=("REVIEW",),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, REVIEW_text as REVIEW, _source_file, _row_number
        from {reviews}
        where REVIEW is null
    """,
)
