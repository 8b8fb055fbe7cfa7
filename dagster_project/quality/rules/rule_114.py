"""DfE rule 114. Whether the child was adopted by their foster carers (FOSTER_CARE) must be
0 or 1 (the year's list); blank is left to rule 151, as DfE's rule does."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="114",
    message=("Data entry to record the status of former carer(s) of an adopted child is invalid."),
    table="ad1",
    fields=("FOSTER_CARE",),
    severity=WARNING,
    sql="""
        select CHILD, FOSTER_CARE, _source_file, _row_number
        from {ad1}
        where FOSTER_CARE is not null and FOSTER_CARE not in {codes:FOSTER_CARE}
    """,
)
