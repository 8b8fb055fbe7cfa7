"""DfE rule 134. A care leaver of the OC3 cohort (any OC3 item given) was not adopted this
year: adoption details (any AD1 item given) for them contradict the OC3 return."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.sql import count_given
from dagster_project.ssda903_files import AD1_ITEMS

_ANY_GIVEN = f"{count_given(AD1_ITEMS)} > 0"

RULE = Rule(
    code="134",
    message="Data on adoption should not be entered for the OC3 cohort.",
    table="ad1",
    fields=("CHILD",),
    severity=WARNING,
    sql=f"""
        select CHILD, _source_file, _row_number
        from {{ad1}}
        where ({_ANY_GIVEN})
          and CHILD in (
              select CHILD from {{oc3}}
              where IN_TOUCH is not null or ACTIV is not null or ACCOM is not null
          )
    """,
)
