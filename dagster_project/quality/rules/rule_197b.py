"""DfE rule 197B. A cohort child turning 4 or 17 during the year still needs an SDQ score or a
reason for none. The OC2 cohort is the children looked after continuously for 12 months at
31 March (`oc2_cohort`, as DfE's guidance defines it)."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="197B",
    message=("SDQ score or reason for no SDQ should be reported for 4- or 17-year-olds."),
    table="oc2",
    fields=("SDQ_REASON", "DOB"),
    severity=WARNING,
    sql="""
        select CHILD, SDQ_REASON, DOB, _source_file, _row_number
        from {oc2}
        where (dq_plus_years(DOB, 4) between {collection_start} and {collection_end}
               or dq_plus_years(DOB, 17) between {collection_start} and {collection_end})
          and CHILD in (select CHILD from {oc2_cohort})
          and SDQ_SCORE_text is null and SDQ_REASON is null
    """,
)
