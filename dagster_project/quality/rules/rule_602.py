"""DfE rule 602. Adoption details (any AD1 item given) for a child whose episodes show no
adoption during the year (no episode ending E11 or E12 in the year)."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.sql import count_given
from dagster_project.ssda903_files import AD1_ITEMS

_ANY_GIVEN = f"{count_given(AD1_ITEMS)} > 0"

RULE = Rule(
    code="602",
    message=(
        "The episode data submitted for this child does not show that he/she was adopted "
        "during the year."
    ),
    table="ad1",
    fields=("CHILD",),
    severity=WARNING,
    sql=f"""
        select CHILD, _source_file, _row_number
        from {{ad1}}
        where ({_ANY_GIVEN})
          and CHILD not in (
              select CHILD from {{episodes}}
              where REC in ('E11', 'E12') and CHILD is not null
                and DEC between {{collection_start}} and {{collection_end}}
          )
    """,
)
