"""DfE rule 519. Civil partners (L2) are a couple: MM, FF or MF.
A blank gender does not show it either.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="519",
    message=(
        "Data entered on the legal status of adopters shows civil partnership couple, but"
        " data entered on genders of adopters does not show it as a couple."
    ),
    table="ad1",
    fields=("LS_ADOPTR", "SEX_ADOPTR"),
    severity=WARNING,
    sql="""
        select CHILD, LS_ADOPTR, SEX_ADOPTR, _source_file, _row_number
        from {ad1}
        where LS_ADOPTR = 'L2' and coalesce(SEX_ADOPTR not in ('MM', 'FF', 'MF'), true)
    """,
)
