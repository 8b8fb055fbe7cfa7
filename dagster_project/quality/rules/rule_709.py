"""DfE rule 709 (from 2026-27). A child deprived of liberty by a DoLO is expected in a
children's home (K2) or an other placement Z12 or Z13 while it lasts. The DoLO and the
overlapping episode are both reported."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.rules.dolo_placements import overlapping_placements

RULE = Rule(
    code="709",
    message="Child with a DoLO is in an unexpected placement type.",
    table="dolo",
    fields=("DOLO_START", "DOLO_END", "PLACE"),
    severity=WARNING,
    table_column=True,
    sql=overlapping_placements("coalesce(e.PLACE not in ('K2', 'Z12', 'Z13'), true)"),
    first_year=2027,
)
