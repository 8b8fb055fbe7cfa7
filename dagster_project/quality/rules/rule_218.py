"""DfE rule 218. A placement with an Ofsted-registered provider in England needs its URN, for
every episode open at some time in the year. Exempt: placements Ofsted does not register
(the list changed as for rule 222) and placements outside England. Until 2024-25 "outside
England" is a PL_LA starting N, W, S or C, and, as the validator reads it, a placement whose
LA is unknown (postcode not found: rule 169's finding); from 2025-26 it is PL_LA CON, NIR,
SCO, WAL or NUK, so an unknown LA is asked for a URN. A DEC that is not a date is taken as
given (not open).
"""

from dagster_project.quality.rule import WARNING, Rule

_TEMPORARY = ("T0", "T1", "T2", "T3", "T4")
_UNTIL_2025 = "(PL_LA is null or left(upper(PL_LA), 1) in ('N', 'W', 'S', 'C'))"
_FROM_2026 = "coalesce(upper(PL_LA) in ('CON', 'NIR', 'SCO', 'WAL', 'NUK'), false)"


def _urn_missing(exempt: tuple[str, ...], outside_england: str) -> str:
    return f"""
        select CHILD, PLACE, DEC_text as DEC, PL_LA, URN, _source_file, _row_number
        from {{episodes}}
        where (DEC >= {{collection_start}} or DEC_text is null)
          and URN is null
          and coalesce(PLACE not in {exempt}, true)
          and not {outside_england}
    """


_MESSAGE = "Ofsted Unique reference number (URN) is required."
RULES = (
    Rule(
        code="218",
        message=_MESSAGE,
        table="episodes",
        fields=("PLACE", "DEC", "PL_LA", "URN"),
        severity=WARNING,
        sql=_urn_missing(
            ("H5", "P1", "P2", "P3", "R1", "R2", "R5", *_TEMPORARY, "Z1"), _UNTIL_2025
        ),
        last_year=2024,
    ),
    Rule(
        code="218",
        message=_MESSAGE,
        table="episodes",
        fields=("PLACE", "DEC", "PL_LA", "URN"),
        severity=WARNING,
        sql=_urn_missing(("P1", "P3", "R1", "R2", "R5", *_TEMPORARY, "Z1"), _UNTIL_2025),
        first_year=2025,
        last_year=2025,
    ),
    Rule(
        code="218",
        message=_MESSAGE,
        table="episodes",
        fields=("PLACE", "DEC", "PL_LA", "URN"),
        severity=WARNING,
        sql=_urn_missing(
            ("P1", "P3", "R1", "R2", "R5", *_TEMPORARY, "Z11", "Z12", "Z13", "Z14"), _FROM_2026
        ),
        first_year=2026,
    ),
)
