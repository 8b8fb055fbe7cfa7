"""DfE rule 112. The date adoption was decided to be in the child's best interests (DATE_INT)
is given but is not a date: adoption timeliness cannot be measured from it."""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="112",
    message="Date should be placed for adoption is not a valid date.",
    table="ad1",
    fields=("DATE_INT",),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, DATE_INT_text as DATE_INT, _source_file, _row_number
        from {ad1}
        where DATE_INT_text is not null and DATE_INT is null
    """,
)
