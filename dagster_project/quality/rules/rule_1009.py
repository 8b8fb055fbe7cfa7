"""DfE rule 1009. An unknown reason for placement change. Blank is left to the completeness
rules, as DfE's rule does.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="1009",
    message="Reason for placement change is not a valid code.",
    table="episodes",
    fields=("REASON_PLACE_CHANGE",),
    severity=WARNING,
    sql="""
        select CHILD, REASON_PLACE_CHANGE, _source_file, _row_number
        from {episodes}
        where REASON_PLACE_CHANGE is not null
          and REASON_PLACE_CHANGE not in {codes:REASON_PLACE_CHANGE}
    """,
)
