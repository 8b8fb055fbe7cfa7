"""DfE rule 559. A decision to place for adoption made before this year should be in last
year's return: the child is not in last year's placed for adoption file, or is there
without a date of the decision (blank or not a date). Needs last year's return
(`placed_for_adoption_last`); skipped without it.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="559",
    message=(
        "Date of decision that a child should be placed for adoption was not in the current "
        "year but the date of the decision that the child should be placed for adoption was "
        "not completed in a previous return."
    ),
    table="placed_for_adoption",
    fields=("DATE_PLACED",),
    severity=WARNING,
    sql="""
        with last_year as (
            select CHILD, count(*) as ROWS_LAST, count(DATE_PLACED) as DATED_LAST
            from {placed_for_adoption_last}
            group by CHILD
        )
        select p.CHILD, p.DATE_PLACED, p._source_file, p._row_number
        from {placed_for_adoption} p left join last_year l on l.CHILD = p.CHILD
        where p.DATE_PLACED < {collection_start}
          and (l.CHILD is null or l.DATED_LAST < l.ROWS_LAST)
    """,
)
