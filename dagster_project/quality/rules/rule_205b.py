"""DfE rule 205B. A child UASC in both years: last year's date UASC ceased is the 18th
birthday, and this year's falls in this year or repeats last year's."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.rules.uasc_years import report, years_sql

RULE = Rule(
    code="205B",
    message=(
        "Child previously identified as UASC is also UASC this year, but date UASC ceased in "
        "both years does not support this."
    ),
    table="uasc",
    fields=("DUC", "UASC"),
    severity=WARNING,
    table_column=True,
    sql=f"""
        with {years_sql()}
        {
        report('''
            UASC = '1' and UASC_last = '1'
            and ((not coalesce(DUC between {collection_start} and {collection_end}, false)
                  and not coalesce(DUC = DUC_last, false))
                 or not coalesce(DUC_last = DOB18, false))
        ''')
    }
    """,
    optional=("header", "header_last"),
)
