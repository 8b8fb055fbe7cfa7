"""DfE rule 186. Cohort children aged 4 to 16 need an SDQ score or a reason for none."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="186",
    message=(
        "Children aged 4 or over at the start of the year and children aged under 17 at "
        "the end of the year and who have been looked after for at least 12 months "
        "continuously should have a Strengths and Difficulties (SDQ) score completed."
    ),
    table="oc2",
    fields=("SDQ_SCORE", "SDQ_REASON", "DOB"),
    severity=WARNING,
    sql="""
        select CHILD, SDQ_SCORE_text as SDQ_SCORE, SDQ_REASON, DOB, _source_file, _row_number
        from {oc2}
        where CHILD in (select CHILD from {oc2_cohort})
          and dq_plus_years(DOB, 4) <= {collection_start}
          and dq_plus_years(DOB, 17) > {collection_end}
          and SDQ_SCORE_text is null and SDQ_REASON is null
    """,
)
