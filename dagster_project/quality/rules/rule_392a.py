"""DfE rule 392a. A child looked after (not on a short break, V3 or V4) has a placement
distance, derived from the home and placement postcodes: none means a postcode is missing or
not found. Children UASC this year or last are exempt. The validator checks it only when the
return records UASC status (a UASC file or the header's UASC flag, this year or last):
skipped otherwise.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="392a",
    message=(
        "Child is looked after but no distance is recorded. [NOTE: This check may result in "
        "false positives for children formerly UASC]"
    ),
    table="episodes",
    fields=("LS", "HOME_POST", "PL_POST", "PL_DISTANCE"),
    severity=WARNING,
    sql="""
        select e.CHILD, e.LS, e.HOME_POST, e.PL_POST, e.PL_DISTANCE_text as PL_DISTANCE,
            e._source_file, e._row_number
        from {episodes} as e
        where coalesce(e.LS not in ('V3', 'V4'), true)
          and e.PL_DISTANCE_text is null
          and not exists (select 1 from {former_uasc} as u where u.CHILD = e.CHILD)
    """,
)
