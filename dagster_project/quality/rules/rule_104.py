"""DfE rule 104. A date UASC ceased that is not a date (blank means still UASC)."""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="104",
    message=(
        "Date for Unaccompanied Asylum-Seeking Children (UASC) status ceased is not a valid date."
    ),
    table="uasc",
    fields=("DUC",),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, DUC_text as DUC, _source_file, _row_number
        from {uasc}
        where (DUC is null and DUC_text is not null) or DUC < {collection_start}
    """,
)
