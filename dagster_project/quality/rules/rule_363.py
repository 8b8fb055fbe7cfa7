"""DfE rule 363. A child assessment order lasts at most 7 days. Contiguous episodes with the
status count as one run.
"""

from dagster_project.quality.rule import WARNING, Rule, legal_status_longer_than

RULE = Rule(
    code="363",
    message=(
        "Child assessment order (CAO) lasted longer than 7 days allowed in the Children Act 1989."
    ),
    table="episodes",
    fields=("LS", "DECOM", "DEC"),
    severity=WARNING,
    sql=legal_status_longer_than("L3", max_days=7),
)
