"""DfE rule 601. A child adopted during the year (an episode ending E11 or E12 in the year)
whose AD1 row leaves any adoption item blank: the adoption cannot be described. Both
rows are reported; a child with no AD1 row is left to DfE's other checks, as DfE's rule
does.
"""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.sql import count_given
from dagster_project.ssda903_files import AD1_ITEMS

_SOME_BLANK = f"{count_given(AD1_ITEMS, 'a')} < {len(AD1_ITEMS)}"

RULE = Rule(
    code="601",
    message=(
        "The additional fields relating to adoption have not been completed although the "
        "episode data shows that the child was adopted during the year."
    ),
    table="ad1",
    fields=("REC", "DEC"),
    severity=WARNING,
    table_column=True,
    sql=f"""
        with wrong as (
            select e.CHILD, e.REC, e.DEC,
                e._source_file as e_file, e._row_number as e_row,
                a._source_file as a_file, a._row_number as a_row
            from {{episodes}} e join {{ad1}} a on a.CHILD = e.CHILD
            where e.REC in ('E11', 'E12')
              and e.DEC between {{collection_start}} and {{collection_end}}
              and ({_SOME_BLANK})
        )
        select distinct 'episodes' as _table, CHILD, REC, DEC, e_file as _source_file,
            e_row as _row_number from wrong
        union all
        select 'ad1', CHILD, min(REC), min(DEC), a_file, a_row
        from wrong group by CHILD, a_file, a_row
    """,
)
