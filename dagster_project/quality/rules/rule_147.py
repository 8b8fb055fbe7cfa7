"""DfE rule 147. An episode end that is not a date (blank means open)."""

from dagster_project.quality.rule import BLOCKING, Rule

RULE = Rule(
    code="147",
    message="Date episode ceased is not a valid date.",
    table="episodes",
    fields=("DEC",),
    severity=BLOCKING,
    sql="""
        select trim(CHILD) as CHILD, DEC, _source_file, _row_number
        from {raw_episodes}
        where dq_bad_date(DEC)
    """,
)
