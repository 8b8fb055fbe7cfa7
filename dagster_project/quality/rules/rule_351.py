"""DfE rule 351. Nobody over 25 at the start of the year belongs in a 903 return."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="351",
    message="Child was over 25 at the start of the current collection year.",
    table="header",
    fields=("DOB",),
    severity=WARNING,
    sql="""
        select CHILD, DOB, _source_file, _row_number
        from {header}
        where dq_plus_years(DOB, 25) < {collection_start}
    """,
)
