"""DfE rule 176. The adopters' gender must be a code of the year's list (M1, F1, MM, FF, MF)."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="176",
    message="The gender of adopter(s) at the date of adoption code is not a valid code.",
    table="ad1",
    fields=("SEX_ADOPTR",),
    severity=WARNING,
    sql="""
        select CHILD, SEX_ADOPTR, _source_file, _row_number
        from {ad1}
        where SEX_ADOPTR is not null and SEX_ADOPTR not in {codes:SEX_ADOPTR}
    """,
)
