"""DfE rule 174. A boy cannot be a mother. SEX 1 was male until 2023-24, M from 2024-25,
when DfE also reworded the message (gender to sex)."""

from dagster_project.quality.rule import WARNING, Rule


def _male_with_child(male: str) -> str:
    return f"""
        select CHILD, SEX, MC_DOB_text as MC_DOB, _source_file, _row_number
        from {{header}}
        where SEX = '{male}' and MC_DOB_text is not null
    """


RULES = (
    Rule(
        code="174",
        message=(
            "Mother's child date of birth is recorded but gender shows that the child is a male."
        ),
        table="header",
        fields=("SEX", "MC_DOB"),
        severity=WARNING,
        sql=_male_with_child("1"),
        last_year=2024,
    ),
    Rule(
        code="174",
        message="Mother's child date of birth is recorded but sex shows that the child is a male.",
        table="header",
        fields=("SEX", "MC_DOB"),
        severity=WARNING,
        sql=_male_with_child("M"),
        first_year=2025,
    ),
)
