"""DfE rule 169. A placement needs a known local authority: PL_LA is derived from the placement
postcode (ONS postcode directory, district to upper tier by the seed local_authorities), so
a blank one means the postcode is missing or not a real postcode. Short breaks (V3, V4)
carry no placement postcode. The seed knows the districts of April 2025 (and Barnsley's and
Sheffield's 2024 codes); the validator's lookup is of 2021, so it also flags placements in
the unitary authorities created in 2023 (docs/quality.md).
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="169",
    message=(
        "Local Authority (LA) of placement is not valid or is missing. Please check a valid "
        "postcode has been entered."
    ),
    table="episodes",
    fields=("LS", "PL_POST", "PL_LA"),
    severity=WARNING,
    sql="""
        select CHILD, LS, PL_POST, PL_LA, _source_file, _row_number
        from {episodes}
        where coalesce(LS not in ('V3', 'V4'), true) and PL_LA is null
    """,
)
