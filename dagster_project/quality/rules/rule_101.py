"""DfE rule 101. Sex must be a current code (M, F, U); staging maps the pre-2024 1/2."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="101",
    message="The child or young person’s reported sex is not valid.",
    table="header",
    fields=("SEX",),
    severity=WARNING,
    sql="""
        select CHILD, SEX, _source_file, _row_number
        from {header}
        where SEX is null
          or SEX not in {codes:SEX}
    """,
)
