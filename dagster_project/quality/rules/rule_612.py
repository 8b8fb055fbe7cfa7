"""DfE rule 612. A girl with her child's date of birth must be recorded as a mother. SEX 2
was female until 2023-24, F from 2024-25."""

from dagster_project.quality.rule import WARNING, Rule


def _girl_not_mother(female: str) -> str:
    return f"""
        select CHILD, SEX, MOTHER, MC_DOB_text as MC_DOB, _source_file, _row_number
        from {{header}}
        where coalesce(MOTHER, '0') = '0' and SEX = '{female}' and MC_DOB_text is not null
    """


_MESSAGE = (
    "Date of birth field has been completed but mother field indicates child is not a mother."
)
RULES = (
    Rule(
        code="612",
        message=_MESSAGE,
        table="header",
        fields=("SEX", "MOTHER", "MC_DOB"),
        severity=WARNING,
        sql=_girl_not_mother("2"),
        last_year=2024,
    ),
    Rule(
        code="612",
        message=_MESSAGE,
        table="header",
        fields=("SEX", "MOTHER", "MC_DOB"),
        severity=WARNING,
        sql=_girl_not_mother("F"),
        first_year=2025,
    ),
)
