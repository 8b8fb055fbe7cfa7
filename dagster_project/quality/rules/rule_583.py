"""DfE rule 583. Of a child's several decisions to place for adoption only the latest may be
open: an earlier one with no reversal date should have been revoked (perhaps in an
earlier year). The latest is the one with the latest date (a decision without a date is
not the latest unless the child has no dated one).
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="583",
    message=(
        "More than one date the child should be placed for adoption has been reported, but "
        "an earlier decision has not been revoked. Check that both dates are required and "
        "add in the date the earlier decision was revoked. Note this may be in a previous "
        "year."
    ),
    table="placed_for_adoption",
    fields=("DATE_PLACED", "DATE_PLACED_CEASED"),
    severity=WARNING,
    sql="""
        with ranked as (
            select *, row_number() over (
                partition by CHILD order by DATE_PLACED desc nulls last, _row_number
            ) as RECENCY
            from {placed_for_adoption}
        )
        select CHILD, DATE_PLACED_text as DATE_PLACED,
            DATE_PLACED_CEASED_text as DATE_PLACED_CEASED, _source_file, _row_number
        from ranked
        where RECENCY > 1 and DATE_PLACED_CEASED_text is null
    """,
)
