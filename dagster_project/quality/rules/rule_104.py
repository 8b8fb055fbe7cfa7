"""DfE rule 104. A date UASC ceased that is not a date (blank means still UASC)."""

from dagster_project.quality.rule import BLOCKING, Rule

RULE = Rule(
    code="104",
    message=(
        "Date for Unaccompanied Asylum-Seeking Children (UASC) status ceased is not a valid date."
    ),
    table="uasc",
    fields=("DUC",),
    severity=BLOCKING,
    sql="""
        select trim(CHILD) as CHILD, DUC, _source_file, _row_number
        from {raw_uasc}
        where dq_bad_date(DUC)
    """,
)
