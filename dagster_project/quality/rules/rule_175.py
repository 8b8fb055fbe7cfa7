"""DfE rule 175. The number of adopters must be a code of the year's list (1 or 2)."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="175",
    message="The number of adopter(s) code is not a valid code.",
    table="ad1",
    fields=("NB_ADOPTR",),
    severity=WARNING,
    sql="""
        select CHILD, NB_ADOPTR, _source_file, _row_number
        from {ad1}
        where NB_ADOPTR is not null and NB_ADOPTR not in {codes:NB_ADOPTR}
    """,
)
