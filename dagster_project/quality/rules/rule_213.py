"""DfE rule 213. Temporary placements (T0-T4) have no provider; from 2025-26 nor do the "other"
placements Z11-Z14 that replaced Z1.
"""

from dagster_project.quality.rule import WARNING, Rule


def _provider_given(without_provider: tuple[str, ...]) -> str:
    return f"""
        select CHILD, PLACE, PLACE_PROVIDER, _source_file, _row_number
        from {{episodes}}
        where PLACE in {without_provider} and PLACE_PROVIDER is not null
    """


_MESSAGE = "Placement provider information not required."
RULES = (
    Rule(
        code="213",
        message=_MESSAGE,
        table="episodes",
        fields=("PLACE", "PLACE_PROVIDER"),
        severity=WARNING,
        sql=_provider_given(("T0", "T1", "T2", "T3", "T4")),
        last_year=2025,
    ),
    Rule(
        code="213",
        message=_MESSAGE,
        table="episodes",
        fields=("PLACE", "PLACE_PROVIDER"),
        severity=WARNING,
        sql=_provider_given(("T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14")),
        first_year=2026,
    ),
)
