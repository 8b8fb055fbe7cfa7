"""DfE rule 620. A mother under 11 at the start of the year suggests a wrong date of birth or
mother status."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="620",
    message=(
        "Child has been recorded as a mother, but date of birth shows that the mother is "
        "under 11 years of age."
    ),
    table="header",
    fields=("DOB", "MOTHER"),
    severity=WARNING,
    sql="""
        select CHILD, DOB, MOTHER, _source_file, _row_number
        from {header}
        where MOTHER = '1' and dq_plus_years(DOB, 11) > {collection_start}
    """,
)
