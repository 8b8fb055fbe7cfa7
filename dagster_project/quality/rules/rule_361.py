"""DfE rule 361. Police protection lasts at most 72 hours. Contiguous episodes with the status
count as one run.
"""

from dagster_project.quality.rule import WARNING, Rule, legal_status_longer_than

RULE = Rule(
    code="361",
    message=(
        "Police protection legal status lasted longer than maximum 72 hours allowed in "
        "the Children Act 1989."
    ),
    table="episodes",
    fields=("LS", "DECOM", "DEC"),
    severity=WARNING,
    sql=legal_status_longer_than("L1", max_days=3),
)
