"""DfE rule 446. Placement orders (LS E1) began in December 2005: no earlier episode can have
one.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="446",
    message="E1 is not a valid code for episodes starting before December 2005.",
    table="episodes",
    fields=("LS", "DECOM"),
    severity=WARNING,
    sql="""
        select CHILD, LS, DECOM, _source_file, _row_number
        from {episodes}
        where LS = 'E1' and DECOM < DATE '2005-12-01'
    """,
)
