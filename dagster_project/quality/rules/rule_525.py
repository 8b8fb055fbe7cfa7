"""DfE rule 525. A child whose decision to place for adoption was reversed (a reversal date
given) cannot also have adoption details (any AD1 item given). Both rows are reported.
"""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.sql import count_given
from dagster_project.ssda903_files import AD1_ITEMS

_ANY_GIVEN = f"{count_given(AD1_ITEMS, 'a')} > 0"

RULE = Rule(
    code="525",
    message=(
        "A child for whom the decision to be placed for adoption has been reversed cannot be "
        "adopted during the year."
    ),
    table="placed_for_adoption",
    fields=("DATE_PLACED_CEASED",),
    severity=WARNING,
    table_column=True,
    sql=f"""
        with wrong as (
            select p.CHILD, p.DATE_PLACED_CEASED_text as DATE_PLACED_CEASED,
                p._source_file as p_file, p._row_number as p_row,
                a._source_file as a_file, a._row_number as a_row
            from {{placed_for_adoption}} p join {{ad1}} a on a.CHILD = p.CHILD
            where p.DATE_PLACED_CEASED_text is not null and ({_ANY_GIVEN})
        )
        select distinct 'placed_for_adoption' as _table, CHILD, DATE_PLACED_CEASED,
            p_file as _source_file, p_row as _row_number from wrong
        union all
        select 'ad1', CHILD, min(DATE_PLACED_CEASED), a_file, a_row
        from wrong group by CHILD, a_file, a_row
    """,
)
