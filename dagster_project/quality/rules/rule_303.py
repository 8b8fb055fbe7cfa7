"""DfE rule 303. A date UASC ceased belongs to a UASC child. Both rows are reported."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="303",
    message=(
        "If date Unaccompanied Asylum-Seeking Child (UASC) status ceased is not null, UASC "
        "status must be coded 1."
    ),
    table="uasc",
    fields=("DUC", "UASC"),
    severity=WARNING,
    table_column=True,
    sql="""
        with wrong as (
            select h.CHILD, u.DUC_text as DUC, h.UASC, u._source_file as u_file,
                u._row_number as u_row, h._source_file as h_file, h._row_number as h_row
            from {header} h join {uasc} u on u.CHILD = h.CHILD
            where u.DUC_text is not null
              and coalesce(try_cast(h.UASC as double) <> 1, true)
        )
        select distinct 'uasc' as _table, CHILD, DUC, UASC, u_file as _source_file,
            u_row as _row_number from wrong
        union
        select distinct 'header', CHILD, DUC, UASC, h_file, h_row from wrong
    """,
)
