"""DfE rule 518. An unmarried couple of the same gender (L4) is MM or FF.
A blank gender does not show it either.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="518",
    message=(
        "If reporting legal status of adopters is L4 then the genders of adopters should "
        "be coded as MM or FF. MM = the adopting couple are both males. FF = the adopting"
        " couple are both females."
    ),
    table="ad1",
    fields=("LS_ADOPTR", "SEX_ADOPTR"),
    severity=WARNING,
    sql="""
        select CHILD, LS_ADOPTR, SEX_ADOPTR, _source_file, _row_number
        from {ad1}
        where LS_ADOPTR = 'L4' and coalesce(SEX_ADOPTR not in ('MM', 'FF'), true)
    """,
)
