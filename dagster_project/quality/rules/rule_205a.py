"""DfE rule 205A. A child UASC last year and not this year ceased to be UASC last year: last
year's date UASC ceased must fall in last year, and this year's must be blank."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.rules.uasc_years import report, years_sql

RULE = Rule(
    code="205A",
    message=(
        "Child identified as UASC last year is no longer UASC this year, but date UASC "
        "ceased in both years does not support this."
    ),
    table="uasc",
    fields=("DUC", "UASC"),
    severity=WARNING,
    table_column=True,
    sql=f"""
        with {years_sql()}
        {
        report('''
            coalesce(UASC, '') <> '1' and UASC_last = '1'
            and (DUC_text is not null or not coalesce(DUC_last between
                 dq_plus_years({collection_start}, -1) and dq_plus_years({collection_end}, -1),
                 false))
        ''')
    }
    """,
    optional=("header", "header_last"),
)
