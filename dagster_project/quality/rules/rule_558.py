"""DfE rule 558. An adopted child's (an episode ending E11 or E12) decision to place for
adoption was not reversed: when the child has several decisions, every one of them
reversed (a reversal date on each) contradicts the adoption, and the adoption episode
is reported.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="558",
    message=(
        "If a child has been adopted, then the decision to place them for adoption has not "
        "been disrupted and the date of the decision that a child should no longer be placed "
        "for adoption should be left blank."
    ),
    table="episodes",
    fields=("REC", "DECISIONS_REVERSED"),
    severity=WARNING,
    sql="""
        with decisions as (
            select CHILD, count(*) as DECISIONS, count(DATE_PLACED_CEASED_text) as REVERSED
            from {placed_for_adoption} where CHILD is not null group by CHILD
        )
        select e.CHILD, e.REC, d.REVERSED as DECISIONS_REVERSED, e._source_file, e._row_number
        from {episodes} e join decisions d on d.CHILD = e.CHILD
        where e.REC in ('E11', 'E12') and d.DECISIONS > 1 and d.REVERSED = d.DECISIONS
    """,
)
