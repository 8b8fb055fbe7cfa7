"""DfE rule 451 (until 2023-24). A child still freed for adoption (an open D1 episode) cannot
be: freeing orders ended in 2005. DfE dropped the rule from 2024-25.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="451",
    message=(
        "Child is still freed for adoption, but freeing orders could not be applied for since "
        "30 December 2005."
    ),
    table="episodes",
    fields=("DEC", "REC", "LS"),
    severity=WARNING,
    last_year=2024,
    sql="""
        select CHILD, DEC_text as DEC, REC, LS, _source_file, _row_number
        from {episodes}
        where DEC_text is null and REC is null and LS = 'D1'
    """,
)
