"""DfE rule 178. A placement provider outside the code list, or given for a placement that
has none (temporary placements and "other" placements). The placements without a provider
changed in 2025-26 (T4 and Z1 leave the list, Z11 to Z14 join it). A blank provider is rule
526's finding.
"""

from dagster_project.quality.rule import WARNING, Rule


def _provider_wrong(without_provider: tuple[str, ...]) -> str:
    return f"""
        select CHILD, PLACE_PROVIDER, PLACE, _source_file, _row_number
        from {{episodes}}
        where PLACE_PROVIDER is not null
          and (PLACE_PROVIDER not in {{codes:PLACE_PROVIDER}}
               or coalesce(PLACE in {without_provider}, false))
    """


_MESSAGE = "Placement provider code is not a valid code."
RULES = (
    Rule(
        code="178",
        message=_MESSAGE,
        table="episodes",
        fields=("PLACE_PROVIDER", "PLACE"),
        severity=WARNING,
        sql=_provider_wrong(("T0", "T1", "T2", "T3", "T4", "Z1")),
        last_year=2025,
    ),
    Rule(
        code="178",
        message=_MESSAGE,
        table="episodes",
        fields=("PLACE_PROVIDER", "PLACE"),
        severity=WARNING,
        sql=_provider_wrong(("T0", "T1", "T2", "T3", "Z11", "Z12", "Z13", "Z14")),
        first_year=2026,
    ),
)
