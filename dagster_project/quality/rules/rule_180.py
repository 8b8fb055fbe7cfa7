"""DfE rule 180. An SDQ score is a whole number from 0 to 40."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="180",
    message=("Data entry for the strengths and difficulties questionnaire (SDQ) score is invalid."),
    table="oc2",
    fields=("SDQ_SCORE",),
    severity=WARNING,
    sql="""
        select CHILD, SDQ_SCORE_text as SDQ_SCORE, _source_file, _row_number
        from {oc2}
        where SDQ_SCORE_text is not null
          and coalesce(SDQ_SCORE not between 0 and 40 or SDQ_SCORE <> floor(SDQ_SCORE), true)
    """,
)
