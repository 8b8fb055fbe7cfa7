"""DfE rule 144. An unknown legal status breaks the legal status breakdown and short-break
exclusion. Blank is left to the completeness rules, as DfE's rule does.
"""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="144",
    message="The legal status code is not a valid code.",
    table="episodes",
    fields=("LS",),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, LS, _source_file, _row_number
        from {episodes}
        where LS is not null
          and LS not in {codes:LS}
    """,
)
