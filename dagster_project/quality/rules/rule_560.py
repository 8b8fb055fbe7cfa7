"""DfE rule 560. A decision still open at last year's return (dated, not reversed) should be
reported this year with the same date. Two dates are the same when they are the same day
or, where one is not a date, the same text. Needs last year's return; skipped without it.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="560",
    message=(
        "Date of decision that the child should be placed for adoption this year is "
        "different from that recorded last year but the decision to place the child for "
        "adoption did not change."
    ),
    table="placed_for_adoption",
    fields=("DATE_PLACED", "LAST_DATE_PLACED"),
    severity=WARNING,
    sql="""
        select p.CHILD, p.DATE_PLACED_text as DATE_PLACED,
            l.DATE_PLACED_text as LAST_DATE_PLACED, p._source_file, p._row_number
        from {placed_for_adoption} p join {placed_for_adoption_last} l on l.CHILD = p.CHILD
        where l.DATE_PLACED_text is not null and l.DATE_PLACED_CEASED_text is null
          and not (coalesce(p.DATE_PLACED = l.DATE_PLACED, false)
                   or coalesce(p.DATE_PLACED_text = l.DATE_PLACED_text, false))
        qualify row_number() over (
            partition by p._source_file, p._row_number order by l._row_number) = 1
    """,
)
