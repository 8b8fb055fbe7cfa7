"""DfE rule 232 (from 2024-25, when SEX took the code U). An unknown sex is queried."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="232",
    message="Sex of the child/young person has been reported as unknown.",
    table="header",
    fields=("SEX",),
    severity=WARNING,
    sql="""
        select CHILD, SEX, _source_file, _row_number
        from {header}
        where upper(SEX) = 'U'
    """,
    first_year=2025,
)
