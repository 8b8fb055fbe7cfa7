"""DfE rule 113. The date the child was matched with adopters is given but is not a date."""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="113",
    message="Date matching child and adopter(s) is not a valid date.",
    table="ad1",
    fields=("DATE_MATCH",),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, DATE_MATCH_text as DATE_MATCH, _source_file, _row_number
        from {ad1}
        where DATE_MATCH_text is not null and DATE_MATCH is null
    """,
)
