"""DfE rule 579. A child's decisions to place for adoption follow one another: each starts on
or after the previous one was reversed, so a decision after one still open (or whose
reversal date is not a date) or before the previous reversal overlaps it. Decisions are
taken in date order (one without a date last); the child's first is never reported.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="579",
    message=(
        "A new decision that the child should be placed for adoption this year cannot start "
        "when the previous decision is still open. Decisions to place the child for adoption "
        "should also not overlap. The date of any new decision to place the child for "
        "adoption must not be before the date placed ceased of previous decisions."
    ),
    table="placed_for_adoption",
    fields=("DATE_PLACED", "DATE_PLACED_CEASED", "PREVIOUS_DATE_PLACED_CEASED"),
    severity=WARNING,
    sql="""
        with ordered as (
            select *,
                row_number() over w as DECISION_NO,
                lag(DATE_PLACED_CEASED) over w as PREVIOUS_DATE_PLACED_CEASED
            from {placed_for_adoption}
            window w as (partition by CHILD order by DATE_PLACED nulls last, _row_number)
        )
        select CHILD, DATE_PLACED, DATE_PLACED_CEASED, PREVIOUS_DATE_PLACED_CEASED,
            _source_file, _row_number
        from ordered
        where DECISION_NO > 1
          and (PREVIOUS_DATE_PLACED_CEASED is null or DATE_PLACED < PREVIOUS_DATE_PLACED_CEASED)
    """,
)
