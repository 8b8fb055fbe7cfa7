"""DfE rule 191. The OC2 cohort (looked after continuously for 12 months at 31 March) needs its
health items: a blank item, or a cohort child with no OC2 row (reported on the child's first
episode of the year), leaves the health indicators short. A Mosaic extract carries no
substance-misuse item (spec/inputs.md), so rows derived from Mosaic are not asked for it.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="191",
    message=(
        "Child has been looked after continuously for at least 12 months at 31 March but "
        "one or more data items relating to children looked after for 12 months have been"
        " left blank."
    ),
    table="oc2",
    fields=("IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE"),
    severity=WARNING,
    table_column=True,
    sql="""
        with cohort as (select CHILD from {oc2_cohort})
        select 'oc2' as _table, CHILD, IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT,
        SUBSTANCE_MISUSE, _source_file, _row_number
        from {oc2}
        where CHILD in (select CHILD from cohort)
          and (dq_flag(IMMUNISATIONS) is null or dq_flag(TEETH_CHECK) is null
               or dq_flag(HEALTH_ASSESSMENT) is null
               or (dq_flag(SUBSTANCE_MISUSE) is null
                   and coalesce(source_system, '') <> 'mosaic'))
        union all
        select 'episodes' as _table, CHILD, null, null, null, null, _source_file, _row_number
        from (select * from {episodes_ordered})
        where EPISODE_NO = 1 and CHILD in (select CHILD from cohort)
          and CHILD not in (select CHILD from {oc2} where CHILD is not null)
    """,
)
