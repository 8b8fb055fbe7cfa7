"""DfE rule 431. Care cannot start again while (or the day) the previous episode ended."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="431",
    message=(
        "The reason for new episode is started to be looked after, but the previous "
        "episode ended on the same day."
    ),
    table="episodes",
    fields=("RNE", "DECOM", "PREV_DEC"),
    severity=WARNING,
    sql="""
        select CHILD, RNE, DECOM, PREV_DEC, _source_file, _row_number
        from (select * from {episodes_ordered})
        where RNE = 'S' and EPISODE_NO > 1 and DECOM <= PREV_DEC
    """,
)
