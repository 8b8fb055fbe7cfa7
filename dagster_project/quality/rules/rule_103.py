"""DfE rule 103. Ethnicity blank or not a 903 code: the child falls into not_known."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="103",
    message="The ethnicity code is either not valid or has not been entered.",
    table="header",
    fields=("ETHNIC",),
    severity=WARNING,
    sql="""
        select CHILD, ETHNIC, _source_file, _row_number
        from {header}
        where ETHNIC is null
          or ETHNIC not in {codes:ETHNIC}
    """,
)
