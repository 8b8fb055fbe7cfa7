"""DfE rule 631. The previous permanence option must be a code of the year's list."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="631",
    message="Previous permanence option not a valid value.",
    table="previous_permanence",
    fields=("PREV_PERM",),
    severity=WARNING,
    sql="""
        select CHILD, PREV_PERM, _source_file, _row_number
        from {previous_permanence}
        where PREV_PERM is not null and PREV_PERM not in {codes:PREV_PERM}
    """,
)
