"""DfE rule 209. A child of school age has been in school, so UN1 (never in school) cannot be
their UPN code: of school age is 4 or over on 31 August of the year before the collection
year starts (31 August 2023 for 2024-25), as DfE words it."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="209",
    message=(
        "Child looked after is of school age and should not have an unknown Unique Pupil "
        "Number (UPN) code of UN1."
    ),
    table="header",
    fields=("UPN", "DOB"),
    severity=WARNING,
    sql="""
        select CHILD, UPN, DOB, _source_file, _row_number
        from {header}
        where UPN = 'UN1'
          and dq_plus_years(DOB, 4) <= make_date(year({collection_start}) - 1, 8, 31)
    """,
)
