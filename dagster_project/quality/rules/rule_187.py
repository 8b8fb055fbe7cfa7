"""DfE rule 187. A child looked after continuously for 12 months at 31 March (the OC2 cohort)
is neither a care leaver nor adopted this year: any OC3 or AD1 item given for them is
reported, on its own row."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.sql import count_given
from dagster_project.ssda903_files import AD1_ITEMS

_AD1_GIVEN = f"{count_given(AD1_ITEMS)} > 0"

RULE = Rule(
    code="187",
    message=(
        "Child cannot be looked after continuously for 12 months at 31 March (OC2) and have "
        "any of adoption or care leavers returns completed."
    ),
    table="ad1",
    fields=("CHILD",),
    severity=WARNING,
    table_column=True,
    sql=f"""
        select 'oc3' as _table, CHILD, _source_file, _row_number
        from {{oc3}}
        where CHILD in (select CHILD from {{oc2_cohort}})
          and (IN_TOUCH is not null or ACTIV is not null or ACCOM is not null)
        union all
        select 'ad1', CHILD, _source_file, _row_number
        from {{ad1}}
        where CHILD in (select CHILD from {{oc2_cohort}}) and ({_AD1_GIVEN})
    """,
)
