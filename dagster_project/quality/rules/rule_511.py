"""DfE rule 511. Two adopters are a couple: their gender cannot be a single adopter's (M1, F1)."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="511",
    message=(
        "If reporting that the number of person(s) adopting the looked after child is two "
        "adopters then the code should only be MM, FF or MF. MM = the adopting couple are "
        "both males; FF = the adopting couple are both females; MF = The adopting couple are "
        "male and female."
    ),
    table="ad1",
    fields=("NB_ADOPTR", "SEX_ADOPTR"),
    severity=WARNING,
    sql="""
        select CHILD, NB_ADOPTR, SEX_ADOPTR, _source_file, _row_number
        from {ad1}
        where NB_ADOPTR = '2' and SEX_ADOPTR in ('M1', 'F1')
    """,
)
