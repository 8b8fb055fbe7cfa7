"""DfE rule 1015. A placement with the LA's own provision (PR1) is inside the LA, except
placements that may be anywhere: foster and adoption placements (A3-A6, U1-U6; from 2025-26
supported accommodation K3 too) and short breaks (V3, V4). PL_LA is derived from the
placement postcode; the rule needs the reporting LA (skipped without it).
"""

from dagster_project.quality.rule import WARNING, Rule


def _placed_outside(anywhere: tuple[str, ...]) -> str:
    return f"""
        select e.CHILD, e.PLACE, e.PLACE_PROVIDER, e.PL_POST, e.PL_LA,
            e._source_file, e._row_number
        from {{episodes}} as e cross join {{local_authority}} as la
        where e.PLACE_PROVIDER = 'PR1' and e.LS not in ('V3', 'V4')
          and e.PLACE not in {anywhere}
          and e.PL_LA is distinct from la.LA_CODE
    """


_MESSAGE = "Placement provider is own provision but child not placed in own LA."
_FOSTERING_OR_ADOPTION = ("A3", "A4", "A5", "A6", "U1", "U2", "U3", "U4", "U5", "U6")
RULES = (
    Rule(
        code="1015",
        message=_MESSAGE,
        table="episodes",
        fields=("PLACE", "PLACE_PROVIDER", "PL_POST", "PL_LA"),
        severity=WARNING,
        sql=_placed_outside(_FOSTERING_OR_ADOPTION),
        last_year=2025,
    ),
    Rule(
        code="1015",
        message=_MESSAGE,
        table="episodes",
        fields=("PLACE", "PLACE_PROVIDER", "PL_POST", "PL_LA"),
        severity=WARNING,
        sql=_placed_outside((*_FOSTERING_OR_ADOPTION, "K3")),
        first_year=2026,
    ),
)
