"""DfE rule 364. PACE accommodation is short; DfE's rule allows 21 days. Contiguous episodes
with the status count as one run.
"""

from dagster_project.quality.rule import WARNING, Rule, legal_status_longer_than

RULE = Rule(
    code="364",
    message=(
        "Sections 41-46 of Police and Criminal Evidence (PACE; 1984) severely limits the "
        "time a child can be detained in custody in Local Authority (LA) accommodation."
    ),
    table="episodes",
    fields=("LS", "DECOM", "DEC"),
    severity=WARNING,
    sql=legal_status_longer_than("J2", max_days=21),
)
