"""DfE rule 564. An incident needs its start date."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="564",
    message=(
        "Child was missing or away from placement without authorisation and the date "
        "started is blank."
    ),
    table="missing",
    fields=("MISSING", "MIS_START"),
    severity=WARNING,
    sql="""
        select CHILD, MISSING, MIS_START, _source_file, _row_number
        from {missing}
        where MISSING in ('M', 'A')
          and MIS_START is null
    """,
)
