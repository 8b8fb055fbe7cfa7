"""DfE rule 1005. A missing end that is not a date (blank means still missing)."""

from dagster_project.quality.rule import BLOCKING, Rule

RULE = Rule(
    code="1005",
    message=(
        "The end date of the missing episode or episode that the child was away from "
        "placement without authorisation is not a valid date."
    ),
    table="missing",
    fields=("MIS_END",),
    severity=BLOCKING,
    sql="""
        select trim(CHILD) as CHILD, MIS_END, _source_file, _row_number
        from {raw_missing}
        where dq_bad_date(MIS_END)
    """,
)
