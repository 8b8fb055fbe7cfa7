"""DfE rule 205C. A child UASC in neither year has no date UASC ceased in either."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.rules.uasc_years import report, years_sql

RULE = Rule(
    code="205C",
    message=(
        "Child not identified as UASC either this year or last year but date UASC ceased has "
        "been provided."
    ),
    table="uasc",
    fields=("DUC", "UASC"),
    severity=WARNING,
    table_column=True,
    sql=f"""
        with {years_sql()}
        {
        report('''
            coalesce(UASC, '0') = '0' and coalesce(UASC_last, '0') = '0'
            and (DUC is not null or DUC_last is not null)
        ''')
    }
    """,
    optional=("header", "header_last"),
)
