"""DfE rule 164. A placement distance (PL_DISTANCE, miles, derived from the two postcodes) is
between 0 and 999.9. Children UASC this year or last are exempt (their postcodes are not
recorded). The validator checks it only when the return records UASC status (a UASC file or
the header's UASC flag, this year or last): skipped otherwise.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="164",
    message=(
        "Distance is not valid. Please check a valid postcode has been entered. [NOTE: This "
        "check will result in false positives for children formerly UASC not identified as such "
        "in loaded data]"
    ),
    table="episodes",
    fields=("HOME_POST", "PL_POST", "PL_DISTANCE"),
    severity=WARNING,
    sql="""
        select e.CHILD, e.HOME_POST, e.PL_POST, e.PL_DISTANCE_text as PL_DISTANCE,
            e._source_file, e._row_number
        from {episodes} as e
        where (e.PL_DISTANCE < 0 or e.PL_DISTANCE > 999.9)
          and not exists (select 1 from {former_uasc} as u where u.CHILD = e.CHILD)
    """,
)
