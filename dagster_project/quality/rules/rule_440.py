"""DfE rule 440. PN0 is for children under 4 at the review."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="440",
    message=(
        "Participation method indicates child was under 4 years old at the time of the "
        "review, but date of birth and review date indicates the child was 4 years old or"
        " over."
    ),
    table="reviews",
    fields=("REVIEW_CODE", "REVIEW", "DOB"),
    severity=WARNING,
    sql="""
        select CHILD, REVIEW_CODE, REVIEW, DOB, _source_file, _row_number
        from {reviews}
        where REVIEW_CODE = 'PN0'
          and REVIEW > dq_plus_years(DOB, 4)
    """,
)
