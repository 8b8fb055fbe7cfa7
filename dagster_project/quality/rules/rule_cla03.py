"""Local rule CLA03 (issue 12): a date of birth or an episode start after the date the data
runs to (the Mosaic extract's date, or 31 March of the latest 903 year landed).

Such a date cannot be true yet: a mistyped year (2052 for 2025) that puts a child's age,
legal status or placement in the future. DfE's 302 asks only whether a DOB falls after the
collection year, and warns; a date after the data's own date makes the child's
contribution to a figure unreliable, so this is a record error (spec/outputs.md v2).
"""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="CLA03",
    message=(
        "Date of birth or episode start is after the date the data runs to (the extract "
        "date, or the end of the latest collection year): it cannot be true."
    ),
    table="header",
    fields=("DOB", "DECOM"),
    severity=RECORD_ERROR,
    table_column=True,
    dfe=False,
    sql="""
        select 'header' as _table, CHILD, DOB, cast(null as date) as DECOM,
               _source_file, _row_number
        from {header}
        where DOB > {data_as_at}
        union all
        select 'episodes' as _table, CHILD, cast(null as date) as DOB, DECOM,
               _source_file, _row_number
        from {episodes}
        where DECOM > {data_as_at}
    """,
)
