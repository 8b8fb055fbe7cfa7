"""DfE rule 178. An unknown placement provider code (blank is rule 526). Blank is left to the
completeness rules, as DfE's rule does.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="178",
    message="Placement provider code is not a valid code.",
    table="episodes",
    fields=("PLACE_PROVIDER",),
    severity=WARNING,
    sql="""
        select CHILD, PLACE_PROVIDER, _source_file, _row_number
        from {episodes_all}
        where PLACE_PROVIDER is not null
          and PLACE_PROVIDER not in {codes:PLACE_PROVIDER}
    """,
)
