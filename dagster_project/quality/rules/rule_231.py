"""DfE rule 231 (from 2024-25). An unaccompanied asylum-seeking child is expected to be 11 or
over at the end of the year: a younger one suggests a wrong date of birth."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="231",
    message=(
        "We expect that unaccompanied asylum seeking children are generally older young "
        "people. Please check the date of birth is correct. If the date of birth is correct "
        "then please provide details in a bypass request."
    ),
    table="header",
    fields=("DOB", "UASC"),
    severity=WARNING,
    sql="""
        select CHILD, DOB, UASC, _source_file, _row_number
        from {header}
        where UASC = '1' and DOB > dq_plus_years({collection_end}, -11)
    """,
    first_year=2025,
)
