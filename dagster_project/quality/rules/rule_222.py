"""DfE rule 222. Placements Ofsted does not register (with parents, independent living,
residential employment, temporary, other) record no URN; XXXXXXX, "not known", is accepted.
DfE changed the list three times: H5 left it in 2023-24 (its URN became required, rule 230),
P2 in 2024-25 (P2 ended), Z1 gave way to Z11-Z14 in 2025-26.
"""

from dagster_project.quality.rule import WARNING, Rule


def _urn_given(places: tuple[str, ...]) -> str:
    return f"""
        select CHILD, PLACE, URN, _source_file, _row_number
        from {{episodes}}
        where PLACE in {places} and URN is not null and URN <> 'XXXXXXX'
    """


_MESSAGE = "Ofsted Unique reference number (URN) should not be recorded for this placement type."
_TEMPORARY = ("T0", "T1", "T2", "T3", "T4")
RULES = (
    Rule(
        code="222",
        message=_MESSAGE,
        table="episodes",
        fields=("PLACE", "URN"),
        severity=WARNING,
        sql=_urn_given(("H5", "P1", "P2", "P3", "R1", "R2", "R5", *_TEMPORARY, "Z1")),
        last_year=2023,
    ),
    Rule(
        code="222",
        message=_MESSAGE,
        table="episodes",
        fields=("PLACE", "URN"),
        severity=WARNING,
        sql=_urn_given(("P1", "P2", "P3", "R1", "R2", "R5", *_TEMPORARY, "Z1")),
        first_year=2024,
        last_year=2024,
    ),
    Rule(
        code="222",
        message=_MESSAGE,
        table="episodes",
        fields=("PLACE", "URN"),
        severity=WARNING,
        sql=_urn_given(("P1", "P3", "R1", "R2", "R5", *_TEMPORARY, "Z1")),
        first_year=2025,
        last_year=2025,
    ),
    Rule(
        code="222",
        message=_MESSAGE,
        table="episodes",
        fields=("PLACE", "URN"),
        severity=WARNING,
        sql=_urn_given(("P1", "P3", "R1", "R2", "R5", *_TEMPORARY, "Z11", "Z12", "Z13", "Z14")),
        first_year=2026,
    ),
)
