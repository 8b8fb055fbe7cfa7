"""DfE rule 133. A care leaver's accommodation code outside the list breaks the care leaver
indicators. A blank is a completeness finding (rule 153), not a code fault.
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
        where ACCOM is not null
          and ACCOM not in {codes:ACCOM}
    """,
)
