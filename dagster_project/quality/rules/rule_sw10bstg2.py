"""DfE rule SW10bSTG2 (from 2025-26). A social worker episode starting with a first contact
(FCONTA) starts after the previous episode ended."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.rules.sw_chain import with_previous

RULE = Rule(
    code="SW10bSTG2",
    message=(
        "A new social worker episode has started with a reason of first contact before the "
        "previous episode has ended."
    ),
    table="sw_episodes",
    fields=("SW_DECOM", "SW_REASON", "PREV_DEC"),
    severity=WARNING,
    sql=with_previous("SW_REASON = 'FCONTA' and SW_DECOM <= PREV_DEC"),
    first_year=2026,
)
