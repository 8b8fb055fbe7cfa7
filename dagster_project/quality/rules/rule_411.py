"""DfE rule 411. PL_LOCATION IN means placed inside the reporting LA, so PL_LA must be the LA
itself. Both are derived from the placement postcode (context.py); the rule needs the
reporting LA (skipped without it).
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="411",
    message="Placement location code disagrees with LA of placement.",
    table="episodes",
    fields=("PL_POST", "PL_LOCATION", "PL_LA"),
    severity=WARNING,
    sql="""
        select e.CHILD, e.PL_POST, e.PL_LOCATION, e.PL_LA, e._source_file, e._row_number
        from {episodes} as e cross join {local_authority} as la
        where e.PL_LOCATION = 'IN' and e.PL_LA is distinct from la.LA_CODE
    """,
)
