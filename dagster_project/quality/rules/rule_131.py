"""DfE rule 131. A care leaver's in touch code outside the year's list (a blank included:
every OC3 row needs one) breaks the care leaver indicators.
"""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="131",
    message="Data entry for being in touch after leaving care is invalid.",
    table="oc3",
    fields=("IN_TOUCH",),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, IN_TOUCH, _source_file, _row_number
        from {oc3}
        where IN_TOUCH is null
          or IN_TOUCH not in {codes:IN_TOUCH}
    """,
)
