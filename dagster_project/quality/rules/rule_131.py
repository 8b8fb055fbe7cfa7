"""DfE rule 131. A care leaver's in touch code outside the list breaks the care leaver
indicators. A blank is a completeness finding (rule 153), not a code fault.
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
        where IN_TOUCH is not null
          and IN_TOUCH not in {codes:IN_TOUCH}
    """,
)
