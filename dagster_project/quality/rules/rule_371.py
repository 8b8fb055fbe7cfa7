"""DfE rule 371. Semi-independent or supported accommodation has a minimum age. As DfE's
rule, only ended episodes are checked. DfE changed it twice: H5 from 14 (to 2022-23), H5
from 16 (2023-24), then K3, which replaced H5, from 16 (from 2024-25).
"""

from dagster_project.quality.rule import WARNING, Rule


def _placed_younger_than(place: str, age: int) -> str:
    return f"""
        select e.CHILD, e.PLACE, e.DECOM, h.DOB, e._source_file, e._row_number
        from {{episodes}} e join {{header}} h using (CHILD)
        where e.PLACE = '{place}' and e.DEC is not null
          and e.DECOM < dq_plus_years(h.DOB, {age})
    """


_MESSAGE = (
    "Child in semi-independent living accommodation not subject to children’s homes "
    "regulations should be at least {age}."
)
RULES = (
    Rule(
        code="371",
        message=_MESSAGE.format(age=14),
        table="episodes",
        fields=("PLACE", "DECOM", "DOB"),
        severity=WARNING,
        sql=_placed_younger_than("H5", 14),
        last_year=2023,
    ),
    Rule(
        code="371",
        message=_MESSAGE.format(age=16),
        table="episodes",
        fields=("PLACE", "DECOM", "DOB"),
        severity=WARNING,
        sql=_placed_younger_than("H5", 16),
        first_year=2024,
        last_year=2024,
    ),
    Rule(
        code="371",
        message=(
            "Child in supported accomodation not subject to children’s homes regulations "
            "should be at least 16."
        ),
        table="episodes",
        fields=("PLACE", "DECOM", "DOB"),
        severity=WARNING,
        sql=_placed_younger_than("K3", 16),
        first_year=2025,
    ),
)
