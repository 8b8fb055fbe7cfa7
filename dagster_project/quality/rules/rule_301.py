"""DfE rule 301. A date of birth after the collection year is a keying error."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="301",
    message="Date of birth falls after the year ended.",
    table="header",
    fields=("DOB",),
    severity=WARNING,
    sql="""
        select CHILD, DOB, _source_file, _row_number
        from {header}
        where DOB > {collection_end}
    """,
)
