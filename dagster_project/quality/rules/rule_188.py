"""DfE rule 188. The SDQ is for children 4 or over at 31 March."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="188",
    message=(
        "Child is aged under 4 years at the end of the year, but a Strengths and "
        "Difficulties (SDQ) score or a reason for no SDQ score has been completed. "
    ),
    table="oc2",
    fields=("SDQ_SCORE", "SDQ_REASON"),
    severity=WARNING,
    sql="""
        select CHILD, SDQ_SCORE_text as SDQ_SCORE, SDQ_REASON, _source_file, _row_number
        from {oc2}
        where dq_plus_years(DOB, 4) > {collection_end}
          and (SDQ_SCORE_text is not null or SDQ_REASON is not null)
    """,
)
