"""DfE rule 442. A child looked after (any episode not a short break, V3 or V4; a blank legal
status counts) has a UPN, or one of the UN codes saying why not.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="442",
    message="Unique Pupil Number (UPN) field is not completed.",
    table="header",
    fields=("UPN",),
    severity=WARNING,
    sql="""
        select CHILD, UPN, _source_file, _row_number
        from {header}
        where UPN is null
          and CHILD in (
              select CHILD from {episodes} where coalesce(LS not in ('V3', 'V4'), true)
          )
    """,
)
