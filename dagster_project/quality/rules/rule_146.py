"""DfE rule 146. An unknown placement type breaks placement breakdowns and stability. Blank is
left to the completeness rules, as DfE's rule does.
"""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="146",
    message="Placement type code is not a valid code.",
    table="episodes",
    fields=("PLACE",),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, PLACE, _source_file, _row_number
        from {episodes}
        where PLACE is not null
          and PLACE not in {codes:PLACE}
    """,
)
