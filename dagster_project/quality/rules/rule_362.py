"""DfE rule 362. An emergency protection order lasts at most 21 days. Contiguous episodes with
the status count as one run.
"""

from dagster_project.quality.rule import WARNING, Rule, legal_status_longer_than

RULE = Rule(
    code="362",
    message="Emergency protection order (EPO) lasted longer than 21 days",
    table="episodes",
    fields=("LS", "DECOM", "DEC"),
    severity=WARNING,
    sql=legal_status_longer_than("L2", max_days=21),
)
