"""DfE rule 229. The LA's own provision (PR1) is in the LA and another LA's provision (PR2) is
elsewhere: the provider's LA, inferred from its postcode in Ofsted's lists, agrees. A URN
Ofsted does not list has no LA and fails PR1. From 2025-26 placements Ofsted does not
register are not checked. Needs the reporting LA too. Needs Ofsted's provider lists
(`{provider_info}`), which a validator user uploads and no input of the pipeline carries:
skipped without them.
"""

from dagster_project.quality.rule import WARNING, Rule


def _provider_la_wrong(unregistered: tuple[str, ...]) -> str:
    place = f"and coalesce(e.PLACE not in {unregistered}, true)" if unregistered else ""
    return f"""
        select distinct e.CHILD, e.URN, e.PLACE_PROVIDER, p.LA_CODE_INFERRED,
            e._source_file, e._row_number
        from {{episodes}} as e
        cross join {{local_authority}} as la
        left join {{provider_info}} as p on p.URN = e.URN
        where e.URN is not null and e.URN <> 'XXXXXXX' {place}
          and ((e.PLACE_PROVIDER = 'PR1' and p.LA_CODE_INFERRED is distinct from la.LA_CODE)
               or (e.PLACE_PROVIDER = 'PR2' and p.LA_CODE_INFERRED = la.LA_CODE))
    """


_MESSAGE = (
    "Placement provider does not match between the placing authority and the local authority "
    "code of the provider. [NOTE: The provider's LA code is inferred from the its postcode, and "
    "may be inaccurate in some cases.]"
)
_FIELDS = ("URN", "PLACE_PROVIDER", "LA_CODE_INFERRED")
_UNREGISTERED = (
    "K3",
    "P1",
    "P3",
    "R1",
    "R2",
    "R5",
    "T0",
    "T1",
    "T2",
    "T3",
    "T4",
    "Z11",
    "Z12",
    "Z13",
    "Z14",
)
RULES = (
    Rule(
        code="229",
        message=_MESSAGE,
        table="episodes",
        fields=_FIELDS,
        severity=WARNING,
        sql=_provider_la_wrong(()),
        last_year=2025,
    ),
    Rule(
        code="229",
        message=_MESSAGE,
        table="episodes",
        fields=_FIELDS,
        severity=WARNING,
        sql=_provider_la_wrong(_UNREGISTERED),
        first_year=2026,
    ),
)
