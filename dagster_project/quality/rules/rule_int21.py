"""DfE rule INT21. The UASC file's sex is the header's."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="INT21",
    message="Internal Check: SEX in UASC is different to SEX in Header.",
    table="uasc",
    fields=("SEX",),
    severity=WARNING,
    sql="""
        select u.CHILD, u.SEX, u._source_file, u._row_number
        from {uasc} u semi join {header} h
            on u.CHILD is not distinct from h.CHILD and u.SEX <> h.SEX
    """,
)
