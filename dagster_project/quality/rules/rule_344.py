"""DfE rule 344. A care leaver who died or returned home has no activity or accommodation to
report: both are coded 0 (not left blank, not filled in).
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="344",
    message=(
        "The record shows the young person has died or returned home to live with parent(s) "
        "or someone with parental responsibility for a continuous period of 6 months or more,"
        " but activity and/or accommodation on leaving care have been completed."
    ),
    table="oc3",
    fields=("IN_TOUCH", "ACTIV", "ACCOM"),
    severity=WARNING,
    sql="""
        select CHILD, IN_TOUCH, ACTIV, ACCOM, _source_file, _row_number
        from {oc3}
        where IN_TOUCH in ('DIED', 'RHOM')
          and (ACTIV is distinct from '0' or ACCOM is distinct from '0')
    """,
)
