"""DfE rule 221. For a placement in a registered home (children's homes K1, K2, secure units,
residential schools R3, S1; in 2023-24 semi-independent H5 too, from 2024-25 supported
accommodation K3), the placement postcode is the provider's (URN) postcode, spaces ignored.
Short breaks (V3, V4) and a blank postcode are not checked; a URN Ofsted does not list is
flagged. Needs Ofsted's provider lists (`{provider_info}`), which a validator user uploads
and no input of the pipeline carries: skipped without them.
"""

from dagster_project.quality.rule import WARNING, Rule


def _postcode_differs(places: tuple[str, ...]) -> str:
    return f"""
        select distinct e.CHILD, e.URN, e.PLACE, e.PL_POST, e._source_file, e._row_number
        from {{episodes}} as e left join {{provider_info}} as p on p.URN = e.URN
        where e.URN is not null and e.URN <> 'XXXXXXX'
          and coalesce(e.LS not in ('V3', 'V4'), true)
          and e.PLACE in {places}
          and e.PL_POST is not null
          and coalesce(replace(e.PL_POST, ' ', '') <> p.POSTCODE, true)
    """


_MESSAGE = (
    "The Ofsted Unique reference number (URN) provided for the child's placement does not match "
    "the placement postcode provided."
)
_FIELDS = ("URN", "PLACE", "PL_POST")
RULES = (
    Rule(
        code="221",
        message=_MESSAGE,
        table="episodes",
        fields=_FIELDS,
        severity=WARNING,
        sql=_postcode_differs(("K1", "K2", "R3", "S1")),
        last_year=2023,
    ),
    Rule(
        code="221",
        message=_MESSAGE,
        table="episodes",
        fields=_FIELDS,
        severity=WARNING,
        sql=_postcode_differs(("H5", "K1", "K2", "R3", "S1")),
        first_year=2024,
        last_year=2024,
    ),
    Rule(
        code="221",
        message=_MESSAGE,
        table="episodes",
        fields=_FIELDS,
        severity=WARNING,
        sql=_postcode_differs(("K1", "K2", "K3", "R3", "S1")),
        first_year=2025,
    ),
)
