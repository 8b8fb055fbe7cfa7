"""DfE rule 133. A care leaver's accommodation code outside the year's list breaks the
care leaver indicators. A blank is not a code: a young person the LA is not in touch with,
or who died or returned home, is coded 0 (rule 344), so every OC3 row has a value.
"""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="133",
    message=(
        "Data entry for accommodation after leaving care is invalid. If reporting on a "
        "childs accommodation after leaving care the data entry must be valid"
    ),
    table="oc3",
    fields=("ACCOM",),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, ACCOM, _source_file, _row_number
        from {oc3}
        where ACCOM is null
          or ACCOM not in {codes:ACCOM}
    """,
)
