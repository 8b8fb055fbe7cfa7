"""DfE rule 167. A review needs a participation code PN0-PN7."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="167",
    message="Data entry for participation is invalid or blank.",
    table="reviews",
    fields=("REVIEW", "REVIEW_CODE"),
    severity=WARNING,
    sql="""
        select CHILD, REVIEW, REVIEW_CODE, _source_file, _row_number
        from {reviews}
        where not ((REVIEW is not null
          and coalesce(REVIEW_CODE in {codes:REVIEW_CODE}, false))
          or (REVIEW is null
          and REVIEW_CODE is null))
    """,
)
