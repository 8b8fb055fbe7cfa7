"""DfE rule 102. A date of birth that is blank or not a date: ages and cohorts cannot be
computed.
"""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="102",
    message="Date of birth is not a valid date.",
    table="header",
    fields=("DOB",),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, DOB_text as DOB, _source_file, _row_number
        from {header}
        where DOB is null
    """,
)
