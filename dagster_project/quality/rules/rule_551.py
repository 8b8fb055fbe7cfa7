"""DfE rule 551. A child placed for adoption (PLACE A3 to A6) needs a decision to place for
adoption with its date: no placed for adoption row, or one with the date blank."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="551",
    message=(
        "Child has been placed for adoption but there is no date of the decision that the "
        "child should be placed for adoption."
    ),
    table="episodes",
    fields=("PLACE", "DECOM"),
    severity=WARNING,
    sql="""
        with decisions as (
            select CHILD, count(*) as DECISIONS, count(DATE_PLACED_text) as DATED
            from {placed_for_adoption} group by CHILD
        )
        select e.CHILD, e.PLACE, e.DECOM, e._source_file, e._row_number
        from {episodes} e left join decisions d on d.CHILD = e.CHILD
        where e.PLACE in ('A3', 'A4', 'A5', 'A6')
          and (d.CHILD is null or d.DATED < d.DECISIONS)
    """,
)
