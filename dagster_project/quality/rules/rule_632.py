"""DfE rule 632. The date of the previous permanence order (DATE_PERM) is a date, possibly
partly unknown (dd/mm/yyyy with ZZ for an unknown day or month, ZZZZ for an unknown year:
`dq_partial_date_ok`, quality/sql.py), and the order came before the child's first
episode of the return. A partly unknown date is reported only when even its earliest
possible day (`dq_partial_date_from`) is not before that episode's start: a year of
ZZZZ can always be earlier. The previous permanence row and the first episode are
reported; a date that is not one is reported even for a child with no episode.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="632",
    message=(
        "Date of previous permanence order not a valid value. NOTE: This rule may result in "
        "false negatives where the period of care started before the current collection "
        "year"
    ),
    table="previous_permanence",
    fields=("DATE_PERM", "DECOM"),
    severity=WARNING,
    table_column=True,
    sql="""
        with first_episode as (
            select CHILD, DECOM, _source_file, _row_number from {episodes}
            where DECOM is not null
            qualify row_number() over (partition by CHILD order by DECOM, _row_number) = 1
        ), wrong as (
            select p.CHILD, p.DATE_PERM, e.DECOM,
                p._source_file as p_file, p._row_number as p_row,
                e._source_file as e_file, e._row_number as e_row
            from {previous_permanence} p left join first_episode e on e.CHILD = p.CHILD
            where (p.DATE_PERM is not null and not dq_partial_date_ok(p.DATE_PERM))
               or dq_partial_date_from(p.DATE_PERM) >= e.DECOM
        )
        select 'previous_permanence' as _table, CHILD, DATE_PERM, DECOM,
            p_file as _source_file, p_row as _row_number from wrong
        union all
        select 'episodes', CHILD, min(DATE_PERM), DECOM, e_file, e_row
        from wrong where e_row is not null group by CHILD, DECOM, e_file, e_row
    """,
)
