"""DfE rule 635. The date and authority of a previous permanence order belong to a previous
permanence option: given without one (PREV_PERM blank), they describe nothing. DfE's
message speaks of Z1; its check, as the validator's own tests pin it, is the blank
option.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="635",
    message=(
        "There are entries for date of order and local authority code where previous "
        "permanence option was arranged but previous permanence code is Z1"
    ),
    table="previous_permanence",
    fields=("PREV_PERM", "LA_PERM", "DATE_PERM"),
    severity=WARNING,
    sql="""
        select CHILD, PREV_PERM, LA_PERM, DATE_PERM, _source_file, _row_number
        from {previous_permanence}
        where PREV_PERM is null and (LA_PERM is not null or DATE_PERM is not null)
    """,
)
