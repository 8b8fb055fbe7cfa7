"""DfE rule 710 (from 2026-27). A DoLO is not for a child in a secure children's home (K1),
placed with parents (P1), in a young offender institution (R5) or in supported
accommodation (K3): those placements have their own legal basis or cannot restrict
liberty. The DoLO and the overlapping episode are both reported."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.rules.dolo_placements import overlapping_placements

RULE = Rule(
    code="710",
    message=(
        "Child with a DoLO can not be placed in secure children's homes, with parents, young "
        "offender institutions, or supported accommodation."
    ),
    table="dolo",
    fields=("DOLO_START", "DOLO_END", "PLACE"),
    severity=WARNING,
    table_column=True,
    sql=overlapping_placements("e.PLACE in ('K1', 'P1', 'R5', 'K3')"),
    first_year=2027,
)
