"""DfE rule 143. An unknown reason for new episode breaks starts and placement moves. Blank is
left to the completeness rules, as DfE's rule does.
"""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="143",
    message="The reason for new episode code is not a valid code.",
    table="episodes",
    fields=("RNE",),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, RNE, _source_file, _row_number
        from {episodes}
        where RNE is not null
          and RNE not in {codes:RNE}
    """,
)
