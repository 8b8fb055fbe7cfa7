-- Non-short-break episodes of ssda903_episodes (either source) with their period of care
-- (indicators.md): short breaks (LS V3, V4) are removed first, then a period of care is a
-- chain of a child's episodes in DECOM order where each next DECOM equals the previous DEC
-- and the previous REC is X1; so a short break inside a chain splits it. An episode with a
-- blank LS is not a short break.
with episodes as (
    select *
    from {{ ref('ssda903_episodes') }}
    where coalesce(LS, '') not in ('V3', 'V4')
),

flagged as (
    select
        *,
        case
            when lag(DEC) over w = DECOM and lag(REC) over w = 'X1' then 0 else 1
        end as starts_period_of_care
    from episodes
    window w as (partition by CHILD order by DECOM)
),

numbered as (
    select
        *,
        cast(sum(starts_period_of_care) over (
            partition by CHILD order by DECOM rows between unbounded preceding and current row
        ) as integer) as period_of_care_number
    from flagged
)

select
    * exclude (starts_period_of_care),
    starts_period_of_care = 1 as starts_period_of_care,
    min(DECOM) over (partition by CHILD, period_of_care_number) as period_of_care_start
from numbered
