"""DfE rule 561. A decision reversed in last year's return cannot be reported again this year
with the same date: a new decision has a new date. Two dates are the same when they are
the same day or the same text. Needs last year's return; skipped without it.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="561",
    message=(
        "Date of the decision that the child should be placed for adoption this year is the "
        "same as that recorded last year but records show that the decision changed, and "
        "the child should no longer be placed for adoption last year."
    ),
    table="placed_for_adoption",
    fields=("DATE_PLACED", "LAST_DATE_PLACED_CEASED", "LAST_REASON_PLACED_CEASED"),
    severity=WARNING,
    sql="""
        select p.CHILD, p.DATE_PLACED_text as DATE_PLACED,
            l.DATE_PLACED_CEASED_text as LAST_DATE_PLACED_CEASED,
            l.REASON_PLACED_CEASED as LAST_REASON_PLACED_CEASED, p._source_file, p._row_number
        from {placed_for_adoption} p join {placed_for_adoption_last} l on l.CHILD = p.CHILD
        where (l.DATE_PLACED_CEASED_text is not null or l.REASON_PLACED_CEASED is not null)
          and (coalesce(p.DATE_PLACED = l.DATE_PLACED, false)
               or coalesce(p.DATE_PLACED_text = l.DATE_PLACED_text, false))
        qualify row_number() over (
            partition by p._source_file, p._row_number order by l._row_number) = 1
    """,
)
