"""DfE rule 230 (2023-24 only). From 28 October 2023 semi-independent accommodation (H5) is
Ofsted-registered: an English H5 placement open on or after 29 October 2023 needs a URN
(XXXXXXX, "not known", is not enough). Outside England is a PL_LA starting N, W or S, and,
as the validator reads it, an unknown PL_LA. A DEC that is not a date counts as open.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="230",
    message=(
        "Ofsted Unique reference number (URN) is required for any English H5 placements from 28 "
        "October 2023."
    ),
    table="episodes",
    fields=("PLACE", "DEC", "PL_LA", "URN"),
    severity=WARNING,
    first_year=2024,
    last_year=2024,
    sql="""
        select CHILD, PLACE, DEC, PL_LA, URN, _source_file, _row_number
        from {episodes}
        where PLACE = 'H5'
          and (DEC >= DATE '2023-10-29' or DEC is null)
          and (URN is null or URN = 'XXXXXXX')
          and not (PL_LA is null or left(upper(PL_LA), 1) in ('N', 'W', 'S'))
    """,
)
