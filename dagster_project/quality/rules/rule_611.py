"""DfE rule 611. A mother needs her child's date of birth."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="611",
    message="Date of birth field is blank, but child is a mother.",
    table="header",
    fields=("MOTHER", "MC_DOB"),
    severity=WARNING,
    sql="""
        select CHILD, MOTHER, MC_DOB_text as MC_DOB, _source_file, _row_number
        from {header}
        where MOTHER = '1' and MC_DOB_text is null
    """,
)
