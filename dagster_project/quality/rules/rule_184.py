"""DfE rule 184. A decision to place a child for adoption cannot predate their birth (the
header's date of birth). A child without a header date of birth is left to rules 102 and
INT02.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="184",
    message=(
        "Date of decision that a child should be placed for adoption is before the child was born."
    ),
    table="placed_for_adoption",
    fields=("DATE_PLACED", "DOB"),
    severity=WARNING,
    sql="""
        select p.CHILD, p.DATE_PLACED, h.DOB, p._source_file, p._row_number
        from {placed_for_adoption} p join {header} h on h.CHILD = p.CHILD
        where p.DATE_PLACED < h.DOB
        qualify row_number() over (
            partition by p._source_file, p._row_number order by h._row_number) = 1
    """,
)
