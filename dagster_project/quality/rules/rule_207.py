"""DfE rule 207. Once recorded as a mother (MOTHER 1 in last year's header), a young woman
still looked after this year is still a mother: her header this year says MOTHER 1 too.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="207",
    message=(
        "Mother status for the current year disagrees with the mother status already recorded "
        "for this child."
    ),
    table="header",
    fields=("MOTHER",),
    severity=WARNING,
    sql="""
        select h.CHILD, h.MOTHER, h._source_file, h._row_number
        from {header} as h
        where h.MOTHER is distinct from '1'
          and h.CHILD in (select CHILD from {header_last} where MOTHER = '1')
          and h.CHILD in (select CHILD from {episodes})
    """,
)
