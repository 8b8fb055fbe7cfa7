"""DfE rule 514. A single adopter (L0) has a single adopter's gender (M1, F1).
A blank gender does not show it either.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="514",
    message=(
        "Data entry on the legal status of adopters shows a single adopter but data entry"
        " for the numbers of adopters shows it as a couple."
    ),
    table="ad1",
    fields=("LS_ADOPTR", "SEX_ADOPTR"),
    severity=WARNING,
    sql="""
        select CHILD, LS_ADOPTR, SEX_ADOPTR, _source_file, _row_number
        from {ad1}
        where LS_ADOPTR = 'L0' and coalesce(SEX_ADOPTR not in ('M1', 'F1'), true)
    """,
)
