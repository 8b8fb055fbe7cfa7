"""DfE rule SW10STG2. A child's social worker episodes follow on: each starts within 7 days
either side of the previous one's end. From 2024-25 an episode starting with a first
contact (FCONTA) is exempt."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.rules.sw_chain import NOT_WITHIN_7_DAYS, with_previous

_MESSAGE = (
    "A new social worker episode has started before the end date of the previous social "
    "worker episode."
)
RULES = (
    Rule(
        code="SW10STG2",
        message=_MESSAGE,
        table="sw_episodes",
        fields=("SW_DECOM", "PREV_DEC"),
        severity=WARNING,
        sql=with_previous(NOT_WITHIN_7_DAYS),
        first_year=2024,
        last_year=2024,
    ),
    Rule(
        code="SW10STG2",
        message=_MESSAGE,
        table="sw_episodes",
        fields=("SW_DECOM", "SW_REASON", "PREV_DEC"),
        severity=WARNING,
        sql=with_previous(f"SW_REASON is distinct from 'FCONTA' and {NOT_WITHIN_7_DAYS}"),
        first_year=2025,
    ),
)
