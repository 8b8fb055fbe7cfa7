"""DfE rule 434. RNE L says only the legal status changed: so the legal status differs from the
previous episode's and the placement (type, postcode, URN, provider) is the same, blanks
comparing equal. A child's episodes are taken in start order.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="434",
    message=(
        "Reason for new episode is that child's legal status has changed but not the placement, "
        "but this is not reflected in the episode data."
    ),
    table="episodes",
    fields=("RNE", "LS", "PREV_LS", "PLACE", "PL_POST", "URN", "PLACE_PROVIDER"),
    severity=WARNING,
    sql="""
        select CHILD, RNE, LS, PREV_LS, PLACE, PL_POST, URN, PLACE_PROVIDER,
            _source_file, _row_number
        from (
            select *,
                lag(_row_number) over w as PREV_ROW,
                lag(LS) over w as PREV_LS,
                lag(PLACE) over w as PREV_PLACE,
                lag(PL_POST) over w as PREV_PL_POST,
                lag(URN) over w as PREV_URN,
                lag(PLACE_PROVIDER) over w as PREV_PLACE_PROVIDER
            from {episodes}
            where CHILD is not null
            window w as (partition by CHILD order by DECOM nulls last, _row_number)
        )
        where PREV_ROW is not null and RNE = 'L'
          and (LS = PREV_LS
               or PLACE is distinct from PREV_PLACE
               or PL_POST is distinct from PREV_PL_POST
               or URN is distinct from PREV_URN
               or PLACE_PROVIDER is distinct from PREV_PLACE_PROVIDER)
    """,
)
