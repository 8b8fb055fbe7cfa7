"""DfE rule 445 (until 2023-24). Freeing orders (LS D1) ended on 30 December 2005: no episode
starting after 2005 can have one. DfE dropped the rule from 2024-25.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="445",
    message="D1 is not a valid code for episodes starting after December 2005.",
    table="episodes",
    fields=("LS", "DECOM"),
    severity=WARNING,
    last_year=2024,
    sql="""
        select CHILD, LS, DECOM, _source_file, _row_number
        from {episodes}
        where LS = 'D1' and DECOM > DATE '2005-12-31'
    """,
)
