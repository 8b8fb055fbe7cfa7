"""DfE rule 202. A child's sex does not change between returns. SEX was coded 1/2 until
2023-24 and M/F/U from 2024-25: a 2024-25 return read beside the 2023-24 one compares
the sex the codes stand for (1 is M, 2 is F), not the codes, so the change of codes is not
taken for a change of sex."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.rules.links import differs_from_last_year


def _sex(row: str) -> str:
    return f"case {row}.SEX when '1' then 'M' when '2' then 'F' else {row}.SEX end"


RULE = Rule(
    code="202",
    message="The gender code conflicts with the gender already recorded for this child.",
    table="header",
    fields=("SEX",),
    severity=WARNING,
    sql=differs_from_last_year(f"({_sex('h')}) is distinct from ({_sex('l')})", "h.SEX"),
)
