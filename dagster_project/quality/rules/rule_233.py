"""DfE rule 233 (from 2025-26). A reason for placement change belongs to an episode that ended.
The validator's rule names DEC by the guidance's name, DATE_EPISODE_CEASED.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="233",
    message="Reason for placement change is not required when the episode has not ceased.",
    table="episodes",
    fields=("DEC", "REASON_PLACE_CHANGE"),
    severity=WARNING,
    first_year=2026,
    sql="""
        select CHILD, DEC_text as DEC, REASON_PLACE_CHANGE, _source_file, _row_number
        from {episodes}
        where DEC_text is null and REASON_PLACE_CHANGE is not null
    """,
)
