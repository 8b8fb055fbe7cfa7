"""DfE rule 304. UASC status ceases at 18 at the latest."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="304",
    message=(
        "Date unaccompanied asylum-seeking child (UASC) status ceased must be on or "
        "before the 18th birthday of a child."
    ),
    table="uasc",
    fields=("DUC", "DOB"),
    severity=WARNING,
    sql="""
        select CHILD, DUC, DOB, _source_file, _row_number
        from {uasc}
        where DUC > dq_plus_years(DOB, 18)
    """,
)
