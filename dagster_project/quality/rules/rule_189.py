"""DfE rule 189. The SDQ is for children under 17 at the start of the year."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="189",
    message=(
        "Child is aged 17 years or over at the beginning of the year, but an Strengths and "
        "Difficulties (SDQ) score or a reason for no Strengths and Difficulties (SDQ) score "
        "has been completed."
    ),
    table="oc2",
    fields=("DOB", "SDQ_SCORE", "SDQ_REASON"),
    severity=WARNING,
    sql="""
        select CHILD, DOB, SDQ_SCORE_text as SDQ_SCORE, SDQ_REASON, _source_file, _row_number
        from {oc2}
        where dq_plus_years(DOB, 17) < {collection_start}
          and (SDQ_SCORE_text is not null or SDQ_REASON is not null)
    """,
)
