"""DfE rule 520. A married couple of different genders (L11) is MF.
A blank gender does not show it either.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="520",
    message=(
        "Data entry on the legal status of adopters shows different gender married couple"
        " but data entry on genders of adopters shows it as a same gender couple."
    ),
    table="ad1",
    fields=("LS_ADOPTR", "SEX_ADOPTR"),
    severity=WARNING,
    sql="""
        select CHILD, LS_ADOPTR, SEX_ADOPTR, _source_file, _row_number
        from {ad1}
        where LS_ADOPTR = 'L11' and coalesce(SEX_ADOPTR not in ('MF'), true)
    """,
)
