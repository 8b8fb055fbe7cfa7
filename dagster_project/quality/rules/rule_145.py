"""DfE rule 145. An unknown category of need breaks the category of need breakdown. Blank is
left to the completeness rules, as DfE's rule does.
"""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="145",
    message="Category of need code is not a valid code.",
    table="episodes",
    fields=("CIN",),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, CIN, _source_file, _row_number
        from {episodes}
        where CIN is not null
          and CIN not in {codes:CIN}
    """,
)
