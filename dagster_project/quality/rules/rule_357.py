"""DfE rule 357. The child's first episode of the year, starting in the year, must start care
(S).
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="357",
    message=(
        "If this is the first episode ever for this child, reason for new episode must be"
        " S.  Check whether there is an episode immediately preceding this one, which has"
        " been left out.  If not the reason for new episode code must be amended to S."
    ),
    table="episodes",
    fields=("RNE", "DECOM"),
    severity=WARNING,
    sql="""
        select CHILD, RNE, DECOM, _source_file, _row_number
        from (select * from {episodes_ordered})
        where EPISODE_NO = 1 and DECOM >= {collection_start} and coalesce(RNE, '') <> 'S'
    """,
)
