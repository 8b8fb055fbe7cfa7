"""DfE rule SW07STG2. A social worker episode's end date falls in the social worker reporting
period: the collection year in 2023-24; from 2024-25 the year before it too (the return
reports the social worker episodes of two years)."""

from dagster_project.quality.rule import WARNING, Rule

_MESSAGE = (
    "Social worker episode end date should be on or after the start of the social worker "
    "reporting period, and should be on or before the collection end date."
)


def _outside(years_before: int) -> str:
    return f"""
        select CHILD, SW_DEC, _source_file, _row_number
        from {{sw_episodes}}
        where SW_DEC < dq_plus_years({{collection_start}}, -{years_before})
           or SW_DEC > {{collection_end}}
    """


RULES = (
    Rule(
        code="SW07STG2",
        message=_MESSAGE,
        table="sw_episodes",
        fields=("SW_DEC",),
        severity=WARNING,
        sql=_outside(0),
        first_year=2024,
        last_year=2024,
    ),
    Rule(
        code="SW07STG2",
        message=_MESSAGE,
        table="sw_episodes",
        fields=("SW_DEC",),
        severity=WARNING,
        sql=_outside(1),
        first_year=2025,
    ),
)
