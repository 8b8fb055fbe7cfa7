"""DfE rule 178. A placement provider outside the code list, or given for a placement that has
none (temporary placements T0-T3, Z11-Z14), as DfE's 2025-26 rule. A blank provider is rule
526's finding.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="178",
    message="Placement provider code is not a valid code.",
    table="episodes",
    fields=("PLACE_PROVIDER", "PLACE"),
    severity=WARNING,
    sql="""
        select CHILD, PLACE_PROVIDER, PLACE, _source_file, _row_number
        from {episodes}
        where PLACE_PROVIDER is not null
          and (PLACE_PROVIDER not in {codes:PLACE_PROVIDER}
               or coalesce(PLACE in ('T0', 'T1', 'T2', 'T3', 'Z11', 'Z12', 'Z13', 'Z14'), false))
    """,
)
