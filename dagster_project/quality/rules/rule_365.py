"""DfE rule 365. A single short break (V3) lasts at most 17 days; an open one (no DEC given)
runs to the end of the year. A DEC that is not a date is rule 147's, not read as open."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="365",
    message="Any individual short- term respite placement must not exceed 17 days.",
    table="episodes",
    fields=("LS", "DECOM", "DEC"),
    severity=WARNING,
    sql="""
        select CHILD, LS, DECOM, DEC, _source_file, _row_number
        from {episodes}
        where LS = 'V3'
          and DECOM is not null
          and (case when DEC_text is null then {collection_end} else DEC end) > DECOM + 17
    """,
)
