"""DfE rule 132. A care leaver's activity code outside the list breaks the care leaver
indicators. A blank is a completeness finding (rule 153), not a code fault.
"""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="132",
    message="Data entry for activity after leaving care is invalid.",
    table="oc3",
    fields=("ACTIV",),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, ACTIV, _source_file, _row_number
        from {oc3}
        where ACTIV is not null
          and ACTIV not in {codes:ACTIV}
    """,
)
