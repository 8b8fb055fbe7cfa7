"""DfE rule 370 (until 2023-24). Independent living (P2) has a minimum age, checked on ended
episodes: 15 until 2022-23, 16 in 2023-24. P2 ended on 28 October 2023 (rule 217t) and DfE
dropped the rule from 2024-25.
"""

from dagster_project.quality.rule import WARNING, Rule


def _placed_younger_than(age: int) -> str:
    return f"""
        select e.CHILD, e.PLACE, e.DECOM, h.DOB, e._source_file, e._row_number
        from {{episodes}} as e join {{header}} as h on h.CHILD = e.CHILD
        where e.PLACE = 'P2' and e.DEC is not null
          and e.DECOM < dq_plus_years(h.DOB, {age})
    """


RULES = (
    Rule(
        code="370",
        message="Child in independent living should be at least 15.",
        table="episodes",
        fields=("PLACE", "DECOM", "DOB"),
        severity=WARNING,
        sql=_placed_younger_than(15),
        last_year=2023,
    ),
    Rule(
        code="370",
        message="Child in independent living should be at least 16.",
        table="episodes",
        fields=("PLACE", "DECOM", "DOB"),
        severity=WARNING,
        sql=_placed_younger_than(16),
        first_year=2024,
        last_year=2024,
    ),
)
