"""DfE rule 345. A care leaver the LA is in touch with has an activity and an accommodation:
0 (nothing to report) is for those who died or returned home.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="345",
    message=(
        "The data collection record shows the local authority is in touch with this young "
        "person, but activity and/or accommodation data items are zero."
    ),
    table="oc3",
    fields=("IN_TOUCH", "ACTIV", "ACCOM"),
    severity=WARNING,
    sql="""
        select CHILD, IN_TOUCH, ACTIV, ACCOM, _source_file, _row_number
        from {oc3}
        where IN_TOUCH = 'YES' and (ACTIV = '0' or ACCOM = '0')
    """,
)
