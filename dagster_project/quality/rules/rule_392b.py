"""DfE rule 392b. A child looked after (not on a short break, V3 or V4) has home and placement
postcodes. Children UASC this year or last are exempt, when the return records UASC status
(a UASC file or the header's UASC flag, this year or last); without it every child is
checked, as the validator does.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="392b",
    message=(
        "Child is looked after but no postcodes are recorded. [NOTE: This check may result in "
        "false positives for children formerly UASC, particularly if current & prior year UASC "
        "data not loaded]"
    ),
    table="episodes",
    fields=("LS", "HOME_POST", "PL_POST"),
    severity=WARNING,
    optional=("former_uasc",),
    sql="""
        select e.CHILD, e.LS, e.HOME_POST, e.PL_POST, e._source_file, e._row_number
        from {episodes} as e
        where coalesce(e.LS not in ('V3', 'V4'), true)
          and (e.HOME_POST is null or e.PL_POST is null)
          and not exists (select 1 from {former_uasc} as u where u.CHILD = e.CHILD)
    """,
)
