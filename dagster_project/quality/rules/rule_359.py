"""DfE rule 359. A young person still looked after at 31 March after their 18th birthday is
accommodated under section 20(5) in a community home: an open episode (no DEC given) of a
child 18 before the year end has legal status V2 and placement K2.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="359",
    message=(
        "Child being looked after following 18th birthday must be accommodated under section "
        "20(5) of the Children Act 1989 in a community home."
    ),
    table="episodes",
    fields=("DEC", "LS", "PLACE", "DOB"),
    severity=WARNING,
    sql="""
        select distinct e.CHILD, e.DEC_text as DEC, e.LS, e.PLACE, h.DOB,
            e._source_file, e._row_number
        from {episodes} as e join {header} as h on h.CHILD = e.CHILD
        where dq_plus_years(h.DOB, 18) < {collection_end}
          and e.DEC_text is null
          and not coalesce(e.LS = 'V2' and e.PLACE = 'K2', false)
    """,
)
