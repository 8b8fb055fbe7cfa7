"""DfE rule 406. A child UASC this year or last has no placement distance (their postcodes are
not recorded). Needs the return's UASC status (a UASC file or the header's UASC flag, this
year or last): skipped without it.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="406",
    message=(
        "Child is Unaccompanied Asylum-Seeking Child (UASC) or was formerly UASC. Distance "
        "should be blank. [NOTE: This check will result in false negatives for children "
        "formerly UASC not identified as such in loaded data]"
    ),
    table="episodes",
    fields=("HOME_POST", "PL_POST", "PL_DISTANCE"),
    severity=WARNING,
    sql="""
        select e.CHILD, e.HOME_POST, e.PL_POST, e.PL_DISTANCE_text as PL_DISTANCE,
            e._source_file, e._row_number
        from {episodes} as e
        where e.PL_DISTANCE_text is not null
          and e.CHILD in (select CHILD from {former_uasc})
    """,
)
