"""DfE rule 196. The reason for no SDQ score is one of SDQ1-SDQ5."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="196",
    message="Strengths and Difficulties (SDQ) reason is not a valid code.",
    table="oc2",
    fields=("SDQ_REASON",),
    severity=WARNING,
    sql="""
        select CHILD, SDQ_REASON, _source_file, _row_number
        from {oc2}
        where SDQ_REASON is not null
          and SDQ_REASON not in {codes:SDQ_REASON}
    """,
)
