"""DfE rule 190. OC2 items are only for the OC2 cohort."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.ssda903_files import OC2_ITEMS

RULE = Rule(
    code="190",
    message=(
        "Child has not been looked after continuously for at least 12 months at 31 March "
        "but one or more data items relating to children looked after for 12 months have "
        "been completed."
    ),
    table="oc2",
    fields=OC2_ITEMS,
    severity=WARNING,
    sql=f"""
        select CHILD, {", ".join(OC2_ITEMS)}, _source_file, _row_number
        from {{oc2}}
        where coalesce(CHILD not in (select CHILD from {{oc2_cohort}}), true)
          and ({" or ".join(f"dq_flag({c}) is not null" for c in OC2_ITEMS)})
    """,
)
