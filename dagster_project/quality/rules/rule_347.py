"""DfE rule 347 (from 2023-24). A Foyer (ACCOM T) is for care leavers 18 or over at the
start of the year."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="347",
    message="Care leavers aged under 18 years, can not be accommodated in a Foyer.",
    table="oc3",
    fields=("ACCOM", "DOB"),
    severity=WARNING,
    sql="""
        select CHILD, ACCOM, DOB, _source_file, _row_number
        from {oc3}
        where ACCOM = 'T' and dq_plus_years(DOB, 18) > {collection_start}
    """,
    first_year=2024,
)
