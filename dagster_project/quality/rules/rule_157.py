"""DfE rule 157. SDQ1 (no SDQ: the child is under 4 or over 16) is not the reason for a cohort
child aged 4 at the start of the year and 16 or under at its end. The OC2 cohort is the
children looked after continuously for 12 months at 31 March (`oc2_cohort`, as DfE's
guidance defines it)."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="157",
    message=(
        "Child is aged 4 years or over at the beginning of the year or 16 years or under at "
        "the end of the year and Strengths and Difficulties Questionnaire (SDQ) 1 has been "
        "recorded as the reason for no Strengths and Difficulties Questionnaire (SDQ) score."
    ),
    table="oc2",
    fields=("SDQ_REASON", "DOB"),
    severity=WARNING,
    sql="""
        select CHILD, SDQ_REASON, DOB, _source_file, _row_number
        from {oc2}
        where CHILD in (select CHILD from {oc2_cohort})
          and dq_plus_years(DOB, 4) <= {collection_start}
          and dq_plus_years(DOB, 16) >= {collection_end}
          and SDQ_SCORE_text is null and SDQ_REASON = 'SDQ1'
    """,
)
