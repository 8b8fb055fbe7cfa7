"""DfE rule 166. A review date that is blank or not a date."""

from dagster_project.quality.rule import BLOCKING, Rule

RULE = Rule(
    code="166",
    message="Date of review is invalid or blank.",
    table="reviews",
    fields=("REVIEW",),
    severity=BLOCKING,
    sql="""
        select trim(CHILD) as CHILD, REVIEW, _source_file, _row_number
        from {raw_reviews}
        where dq_blank(REVIEW)
          or dq_bad_date(REVIEW)
    """,
)
