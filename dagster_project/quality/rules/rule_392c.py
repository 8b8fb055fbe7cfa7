"""DfE rule 392c. A postcode not in the ONS Postcode Directory: distance and location are
unknown.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="392c",
    message="Postcode(s) provided are invalid.",
    table="episodes",
    fields=("HOME_POST", "PL_POST"),
    severity=WARNING,
    sql="""
        select CHILD, HOME_POST, PL_POST, _source_file, _row_number
        from {episodes}
        where (HOME_POST is not null and replace(upper(HOME_POST), ' ', '')
        not in (select postcode from {postcodes}))
          or (PL_POST is not null and replace(upper(PL_POST), ' ', '')
        not in (select postcode from {postcodes}))
    """,
)
