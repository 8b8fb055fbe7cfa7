"""DfE rule 582. An adoption (an episode ending E11 or E12) on the very day the child was
matched with adopters is unlikely: the match normally comes first. The same day is the
same date, or the same text where one is not a date."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="582",
    message=(
        "Child is showing as ceasing to be looked after due to adoption, but the date of "
        "adoption is the same as the date reported for being matched with adopters. In most "
        "circumstances we expect the date the child is matched with adopters to be before "
        "the date of adoption."
    ),
    table="episodes",
    fields=("REC", "DEC", "DATE_MATCH"),
    severity=WARNING,
    sql="""
        select e.CHILD, e.REC, e.DEC_text as DEC, a.DATE_MATCH_text as DATE_MATCH,
            e._source_file, e._row_number
        from {episodes} e join {ad1} a on a.CHILD = e.CHILD
        where e.REC in ('E11', 'E12')
          and (coalesce(e.DEC = a.DATE_MATCH, false)
               or coalesce(e.DEC_text = a.DATE_MATCH_text, false))
        qualify row_number() over (
            partition by e._source_file, e._row_number order by a._row_number) = 1
    """,
)
