"""DfE rule 148. An end date needs a reason and a reason needs an end date: read as given,
so a REC on an open episode is seen (and a DEC that is not a date is still a DEC given)."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="148",
    message=(
        "Date episode ceased and reason episode ceased must both be coded, or both left blank."
    ),
    table="episodes",
    fields=("DEC", "REC"),
    severity=WARNING,
    sql="""
        select CHILD, DEC_text as DEC, REC, _source_file, _row_number
        from {episodes}
        where (DEC_text is null) <> (REC is null)
    """,
)
