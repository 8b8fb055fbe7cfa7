"""DfE rule 197a. A reason for no SDQ score goes with no score."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="197a",
    message=(
        "Reason for no Strengths and Difficulties (SDQ) score is not required if Strengths "
        "and Difficulties Questionnaire score is filled in."
    ),
    table="oc2",
    fields=("SDQ_SCORE", "SDQ_REASON"),
    severity=WARNING,
    sql="""
        select CHILD, SDQ_SCORE_text as SDQ_SCORE, SDQ_REASON, _source_file, _row_number
        from {oc2}
        where SDQ_SCORE_text is not null and SDQ_REASON is not null
    """,
)
