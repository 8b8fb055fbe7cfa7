"""DfE rule 1005. A missing end that is not a date (blank means still missing)."""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="1005",
    message=(
        "The end date of the missing episode or episode that the child was away from "
        "placement without authorisation is not a valid date."
    ),
    table="missing",
    fields=("MIS_END",),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, MIS_END_text as MIS_END, _source_file, _row_number
        from {missing}
        where MIS_END is null and MIS_END_text is not null
    """,
)
