"""DfE rule 102. A date of birth that is blank or not a date: ages and cohorts cannot be
computed.
"""

from dagster_project.quality.rule import BLOCKING, Rule

RULE = Rule(
    code="102",
    message="Date of birth is not a valid date.",
    table="header",
    fields=("DOB",),
    severity=BLOCKING,
    sql="""
        select CHILD, DOB, _source_file, _row_number
        from {raw_header}
        where dq_blank(DOB)
          or dq_bad_date(DOB)
    """,
)
