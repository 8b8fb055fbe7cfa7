"""DfE rule SW10aSTG2 (from 2025-26). A social worker episode not starting with a first
contact (FCONTA) starts within 7 days either side of the previous one's end."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.rules.sw_chain import NOT_WITHIN_7_DAYS, with_previous

RULE = Rule(
    code="SW10aSTG2",
    message=(
        "A new social worker episode has started and it is not within +/- 7 days of a "
        "previous episode."
    ),
    table="sw_episodes",
    fields=("SW_DECOM", "SW_REASON", "PREV_DEC"),
    severity=WARNING,
    sql=with_previous(f"SW_REASON is distinct from 'FCONTA' and {NOT_WITHIN_7_DAYS}"),
    first_year=2026,
)
