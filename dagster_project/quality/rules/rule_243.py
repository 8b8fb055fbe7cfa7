"""DfE rule 243 (from 2025-26). Ofsted registers providers in England only: a placement in
Scotland, Wales or Northern Ireland (PL_LA SCO, WAL, NIR, derived from the placement
postcode), abroad (NUK) or confidential (CON) has no URN.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="243",
    message="Only placements with providers registered with Ofsted should have a URN reported.",
    table="episodes",
    fields=("URN", "PL_LA"),
    severity=WARNING,
    first_year=2026,
    sql="""
        select CHILD, URN, PL_LA, _source_file, _row_number
        from {episodes}
        where PL_LA in ('CON', 'NIR', 'SCO', 'WAL', 'NUK') and URN is not null
    """,
)
