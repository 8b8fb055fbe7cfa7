"""DfE rule 185. An SDQ score is for the OC2 cohort only. The OC2 cohort is the children looked
after continuously for 12 months at 31 March (`oc2_cohort`, as DfE's guidance defines it)."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="185",
    message=(
        "Child has not been looked after continuously for at least 12 months at 31 March but "
        "a Strengths and Difficulties (SDQ) score has been completed."
    ),
    table="oc2",
    fields=("SDQ_SCORE",),
    severity=WARNING,
    sql="""
        select o.CHILD, SDQ_SCORE_text as SDQ_SCORE, _source_file, _row_number
        from {oc2} o anti join {oc2_cohort} c on c.CHILD = o.CHILD
        where SDQ_SCORE_text is not null
    """,
)
