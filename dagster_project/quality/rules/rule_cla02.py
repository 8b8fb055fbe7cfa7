"""Local rule CLA02 (outputs.md warning: UASC without DUC).

UASC status ends at 18 at the latest, so a child in the UASC table whose 18th birthday fell
on or before the end of the collection year needs the date the status ceased (DUC). Without
it the child still counts as UASC in `uasc_pct` and the care-leaver UASC figures.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="CLA02",
    message=(
        "Unaccompanied asylum-seeking child aged 18 or over at the year end has no date "
        "UASC status ceased (DUC)."
    ),
    table="uasc",
    fields=("DOB", "DUC"),
    severity=WARNING,
    dfe=False,
    sql="""
        select CHILD, DOB, DUC, _source_file, _row_number
        from {uasc}
        where DUC is null and DOB is not null
          and DOB + interval 18 year <= {collection_end}
    """,
)
