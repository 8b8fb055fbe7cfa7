"""DfE rule 181. The OC2 items are 0 or 1."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.ssda903_files import OC2_ITEMS

RULE = Rule(
    code="181",
    message=(
        "Data items relating to children looked after continuously for 12 months should "
        "be completed with a 0 or 1."
    ),
    table="oc2",
    fields=OC2_ITEMS,
    severity=WARNING,
    sql=f"""
        select CHILD, {", ".join(OC2_ITEMS)}, _source_file, _row_number
        from {{oc2}}
        where {" or ".join(f"coalesce(dq_flag({c}) not in ('0', '1'), false)" for c in OC2_ITEMS)}
    """,
)
