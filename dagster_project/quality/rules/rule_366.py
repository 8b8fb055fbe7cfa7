"""DfE rule 366. Each short-term break (V3) is its own episode, starting with RNE S; a
placement change during a break is not recorded (a blank RNE is flagged too).
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="366",
    message=(
        "A child cannot change placement during the course of an individual short-term respite "
        "break."
    ),
    table="episodes",
    fields=("LS", "RNE"),
    severity=WARNING,
    sql="""
        select CHILD, LS, RNE, _source_file, _row_number
        from {episodes}
        where LS = 'V3' and coalesce(RNE <> 'S', true)
    """,
)
