"""DfE rule SW02STG1. A social worker ID starts SW (or XX when not known); from 2025-26 it
also has at least 4 characters."""

from dagster_project.quality.rule import WARNING, Rule

_MESSAGE = "Social worker ID does not begin with the characters ‘SW’ or ‘XX’."


def _bad_id(min_length: int) -> str:
    return f"""
        select CHILD, SW_ID, _source_file, _row_number
        from {{sw_episodes}}
        where coalesce(left(SW_ID, 2) not in ('SW', 'XX') or length(SW_ID) < {min_length},
                       true)
    """


RULES = (
    Rule(
        code="SW02STG1",
        message=_MESSAGE,
        table="sw_episodes",
        fields=("SW_ID",),
        severity=WARNING,
        sql=_bad_id(0),
        first_year=2024,
        last_year=2025,
    ),
    Rule(
        code="SW02STG1",
        message=_MESSAGE,
        table="sw_episodes",
        fields=("SW_ID",),
        severity=WARNING,
        sql=_bad_id(4),
        first_year=2026,
    ),
)
