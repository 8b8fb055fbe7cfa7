"""DfE rule 180. An SDQ score is a whole number from 0 to 40."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="180",
    message=("Data entry for the strengths and difficulties questionnaire (SDQ) score is invalid."),
    table="oc2",
    fields=("SDQ_SCORE",),
    severity=WARNING,
    sql="""
        select CHILD, SDQ_SCORE, _source_file, _row_number
        from {oc2}
        where dq_flag(SDQ_SCORE) is not null
          and coalesce(try_cast(dq_flag(SDQ_SCORE) as integer) not between 0
          and 40, true)
    """,
)
