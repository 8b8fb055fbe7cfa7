"""DfE rule 584. After a decision reversed in last year's return (its reversal date or reason
given), a decision this year is a new one: its date must be after last year's decision
(a blank or invalid date cannot be). Needs last year's return; skipped without it.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="584",
    message=(
        "Date of decision that the child should be placed for adoption this year is "
        "different from that recorded last year, but the decision to placed the child for "
        "adoption changed and the child should no longer be placed for adoption."
    ),
    table="placed_for_adoption",
    fields=("DATE_PLACED", "LAST_DATE_PLACED"),
    severity=WARNING,
    sql="""
        select p.CHILD, p.DATE_PLACED_text as DATE_PLACED,
            l.DATE_PLACED as LAST_DATE_PLACED, p._source_file, p._row_number
        from {placed_for_adoption} p join {placed_for_adoption_last} l on l.CHILD = p.CHILD
        where (l.DATE_PLACED_CEASED_text is not null or l.REASON_PLACED_CEASED is not null)
          and l.DATE_PLACED is not null
          and (p.DATE_PLACED is null or p.DATE_PLACED <= l.DATE_PLACED)
        qualify row_number() over (
            partition by p._source_file, p._row_number order by l._row_number) = 1
    """,
)
