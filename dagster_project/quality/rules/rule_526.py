"""DfE rule 526. Every placement but a temporary or "other" one has a provider. The "other"
placement codes changed in 2025-26 (Z1 became Z11 to Z14), and DfE's rule with them.
"""

from dagster_project.quality.rule import WARNING, Rule


def _provider_blank(exempt: tuple[str, ...]) -> str:
    return f"""
        select CHILD, PLACE, PLACE_PROVIDER, _source_file, _row_number
        from {{episodes}}
        where coalesce(PLACE, '') not in {exempt}
          and PLACE_PROVIDER is null
    """


_MESSAGE = "Child is missing a placement provider code for at least one episode."
RULES = (
    Rule(
        code="526",
        message=_MESSAGE,
        table="episodes",
        fields=("PLACE", "PLACE_PROVIDER"),
        severity=WARNING,
        sql=_provider_blank(("T0", "T1", "T2", "T3", "T4", "Z1")),
        last_year=2025,
    ),
    Rule(
        code="526",
        message=_MESSAGE,
        table="episodes",
        fields=("PLACE", "PLACE_PROVIDER"),
        severity=WARNING,
        sql=_provider_blank(("T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14")),
        first_year=2026,
    ),
)
