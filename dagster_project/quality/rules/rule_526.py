"""DfE rule 526. Every placement but a temporary one has a provider: blank provider is
not_recorded.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="526",
    message="Child is missing a placement provider code for at least one episode.",
    table="episodes",
    fields=("PLACE", "PLACE_PROVIDER"),
    severity=WARNING,
    sql="""
        select CHILD, PLACE, PLACE_PROVIDER, _source_file, _row_number
        from {episodes}
        where coalesce(PLACE, '') not in ('T0', 'T1', 'T2', 'T3', 'T4', 'Z11', 'Z12', 'Z13',
            'Z14')
          and PLACE_PROVIDER is null
    """,
)
