"""DfE rule 435. RNE P or T says the placement changed and the legal status did not: so the
legal status is the previous episode's and something of the placement (type, postcode, URN,
provider) differs. As the validator reads it, a blank legal status never matches and a blank
placement item never matches either. A child's episodes are taken in start order.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="435",
    message=(
        "Reason for new episode is that child’s placement has changed but not the legal status, "
        "but this is not reflected in the episode data recorded."
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
        where PREV_ROW is not null and RNE in ('P', 'T')
          and (coalesce(LS <> PREV_LS, true)
               or coalesce(PLACE = PREV_PLACE and PL_POST = PREV_PL_POST
                           and URN = PREV_URN and PLACE_PROVIDER = PREV_PLACE_PROVIDER, false))
    """,
)
