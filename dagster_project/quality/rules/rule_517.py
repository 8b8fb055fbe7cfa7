"""DfE rule 517. An unmarried couple of different genders (L3) is MF.
A blank gender does not show it either.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="517",
    message=(
        "If reporting legal status of adopters is L3 then the genders of adopters should "
        "be coded as MF. MF = the adopting couple are male and female."
    ),
    table="ad1",
    fields=("LS_ADOPTR", "SEX_ADOPTR"),
    severity=WARNING,
    sql="""
        select CHILD, LS_ADOPTR, SEX_ADOPTR, _source_file, _row_number
        from {ad1}
        where LS_ADOPTR = 'L3' and coalesce(SEX_ADOPTR not in ('MF'), true)
    """,
)
