"""DfE rule 524. A married couple of the same gender (L12) is MM or FF.
A blank gender does not show it either.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="524",
    message=(
        "If reporting legal status of adopters is L12 then the genders of adopters should"
        " be coded as MM or FF. MM = the adopting couple are both males. FF = the "
        "adopting couple are both females"
    ),
    table="ad1",
    fields=("LS_ADOPTR", "SEX_ADOPTR"),
    severity=WARNING,
    sql="""
        select CHILD, LS_ADOPTR, SEX_ADOPTR, _source_file, _row_number
        from {ad1}
        where LS_ADOPTR = 'L12' and coalesce(SEX_ADOPTR not in ('MM', 'FF'), true)
    """,
)
