"""DfE rule 1014. A UASC child with episodes, none of them in the year, is not looked after
this year: their UASC row and care leaver information are both queried. An episode with no
end date (or one that is not a date) counts as open."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="1014",
    message="UASC information is not required for care leavers",
    table="oc3",
    fields=("ACTIV", "ACCOM", "IN_TOUCH", "DUC"),
    severity=WARNING,
    table_column=True,
    sql="""
        with not_in_year as (
            select CHILD from {episodes}
            group by CHILD
            having not coalesce(bool_or(DECOM <= {collection_end}
                                        and (DEC is null or DEC >= {collection_start})), false)
        ), wrong as (
            select o.CHILD, o.ACTIV, o.ACCOM, o.IN_TOUCH, u.DUC_text as DUC,
                o._source_file as o_file, o._row_number as o_row,
                u._source_file as u_file, u._row_number as u_row
            from not_in_year n
            join {uasc} u on u.CHILD = n.CHILD
            join {oc3} o on o.CHILD = n.CHILD
            where o.ACTIV is not null or o.ACCOM is not null or o.IN_TOUCH is not null
        )
        select distinct 'oc3' as _table, CHILD, ACTIV, ACCOM, IN_TOUCH, DUC,
            o_file as _source_file, o_row as _row_number
        from wrong
        union
        select distinct 'uasc', CHILD, ACTIV, ACCOM, IN_TOUCH, DUC, u_file, u_row from wrong
    """,
)
