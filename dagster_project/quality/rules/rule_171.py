"""DfE rule 171. The date of birth of a mother's child must be a date when given."""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="171",
    message="Date of birth of mother's child is not a valid date.",
    table="header",
    fields=("MC_DOB",),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, MC_DOB_text as MC_DOB, _source_file, _row_number
        from {header}
        where dq_bad_date(MC_DOB_text)
    """,
)
