"""DfE rule 444 (from 2025-26). A known UPN belongs to one child: the same UPN twice in a
year's header (UN1 to UN5, the unknown codes, may repeat)."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="444",
    message="Duplicate UPN has been reported",
    table="header",
    fields=("UPN",),
    severity=WARNING,
    sql="""
        select CHILD, UPN, _source_file, _row_number
        from {header}
        where UPN not in ('UN1', 'UN2', 'UN3', 'UN4', 'UN5')
        qualify count(*) over (partition by UPN) > 1
    """,
    first_year=2026,
)
