"""DfE rule 389. A transfer to adult social care (REC E7) happens at 16 or over: on the
episode's end date the child is at least 16. Without a date of birth or an end date the age
cannot be shown, which the validator flags too.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="389",
    message=(
        "Reason episode ceased is that child transferred to care of adult social care services, "
        "but child is aged under 16."
    ),
    table="episodes",
    fields=("REC", "DEC", "DOB"),
    severity=WARNING,
    sql="""
        select e.CHILD, any_value(e.REC) as REC, any_value(e.DEC) as DEC,
            min(h.DOB) as DOB, e._source_file, e._row_number
        from {episodes} as e left join {header} as h on h.CHILD = e.CHILD
        where upper(e.REC) = 'E7'
        group by e.CHILD, e._source_file, e._row_number
        having bool_or(not coalesce(dq_plus_years(h.DOB, 16) <= e.DEC, false))
    """,
)
