"""DfE rule 504. Category of need is set at the start of a period of care and does not change
within it.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="504",
    message=(
        "The category of need code differs from that reported at start of current period "
        "of being looked after"
    ),
    table="episodes",
    fields=("CIN", "PREV_CIN"),
    severity=WARNING,
    sql="""
        select CHILD, CIN, PREV_CIN, _source_file, _row_number
        from (select * from {episodes_ordered})
        where PREV_REC = 'X1' and PREV_DEC = DECOM and CIN is distinct from PREV_CIN
    """,
)
