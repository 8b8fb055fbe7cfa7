"""Local rule CLA01 (outputs.md warning: missing OC3 rows for cohort members).

A care leaver of the OC3 cohort (indicators.md: a 17th-21st birthday in the year, former
relevant, not looked after on the birthday) with no OC3 information: from 903 files, no OC3
row in the return; from Mosaic, no contact recorded between 3 months before and 1 month
after the birthday. They count in the care-leaver denominators only, so each one lowers the
in-touch, EET and suitable-accommodation figures until a contact is recorded.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="CLA01",
    message=(
        "Care leaver in the OC3 cohort has no OC3 information: no OC3 row in the return, or "
        "no contact recorded from 3 months before to 1 month after the birthday."
    ),
    table="oc3",
    fields=("DOB", "birthday"),
    severity=WARNING,
    dfe=False,
    sql="""
        select CHILD, DOB, birthday, null as _source_file, null as _row_number
        from {oc3_cohort}
        where not has_status
    """,
)
