"""DfE rule 393. A girl looked after (any episode not a short break, V3 or V4) has the mother
field completed. SEX is 2 until 2023-24 and F from 2024-25 (DfE's code lists).
"""

from dagster_project.quality.rule import WARNING, Rule


def _mother_blank(female: str) -> str:
    return f"""
        select CHILD, SEX, MOTHER, _source_file, _row_number
        from {{header}}
        where SEX = '{female}' and MOTHER is null
          and CHILD in (
              select CHILD from {{episodes}}
              where coalesce(upper(LS) not in ('V3', 'V4'), true)
          )
    """


_MESSAGE = "Child is looked after but mother field is not completed."
RULES = (
    Rule(
        code="393",
        message=_MESSAGE,
        table="header",
        fields=("SEX", "MOTHER"),
        severity=WARNING,
        sql=_mother_blank("2"),
        last_year=2024,
    ),
    Rule(
        code="393",
        message=_MESSAGE,
        table="header",
        fields=("SEX", "MOTHER"),
        severity=WARNING,
        sql=_mother_blank("F"),
        first_year=2025,
    ),
)
