"""DfE rule 177. The adopters' legal status must be a code of the year's list."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="177",
    message="The legal status of adopter(s) code is not a valid code.",
    table="ad1",
    fields=("LS_ADOPTR",),
    severity=WARNING,
    sql="""
        select CHILD, LS_ADOPTR, _source_file, _row_number
        from {ad1}
        where LS_ADOPTR is not null and LS_ADOPTR not in {codes:LS_ADOPTR}
    """,
)
