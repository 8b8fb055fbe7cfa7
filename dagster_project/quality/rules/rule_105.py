"""DfE rule 105. The header's UASC status must be 0 or 1. It is an item of an XML return;
in a CSV return (the only form the landing reads) it is derived from the UASC file, always
0 or 1, so DfE's rule, as the validator runs it, checks XML returns only."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="105",
    message=(
        "Data entry for Unaccompanied Asylum-Seeking Children (UASC) status of child is "
        "invalid or has not been completed."
    ),
    table="header",
    fields=("UASC",),
    severity=WARNING,
    sql="""
        select CHILD, UASC, _source_file, _row_number
        from {header}
        where {file_format} = 'xml'
          and coalesce(try_cast(UASC as double) not in (0, 1), true)
    """,
)
