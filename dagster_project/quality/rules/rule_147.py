"""DfE rule 147. An episode end that is not a date (blank means open)."""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="147",
    message="Date episode ceased is not a valid date.",
    table="episodes",
    fields=("DEC",),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, DEC_text as DEC, _source_file, _row_number
        from {episodes}
        where DEC is null and DEC_text is not null
    """,
)
