"""DfE rule 132. A care leaver's activity code outside the year's list breaks the
care leaver indicators. A blank is not a code: a young person the LA is not in touch with,
or who died or returned home, is coded 0 (rule 344), so every OC3 row has a value.
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
        where ACTIV is null
          or ACTIV not in {codes:ACTIV}
    """,
)
