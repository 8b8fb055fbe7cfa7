"""DfE rule 441. Children under 4 at the review are coded PN0."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="441",
    message=(
        "Participation method indicates child was 4 years old or over at the time of the "
        "review, but the date of birth and review date indicates the child was under 4 "
        "years old."
    ),
    table="reviews",
    fields=("REVIEW_CODE", "REVIEW", "DOB"),
    severity=WARNING,
    sql="""
        select CHILD, REVIEW_CODE, REVIEW, DOB, _source_file, _row_number
        from {reviews}
        where REVIEW_CODE in ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7')
          and REVIEW < dq_plus_years(DOB, 4)
    """,
)
