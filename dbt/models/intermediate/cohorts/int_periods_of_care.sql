-- Periods of care (indicators.md): one row per chain of int_episodes_chained. The end and
-- the reason are the last episode's DEC and REC (null while open).
with last_episodes as (
    select
        CHILD,
        period_of_care_number,
        DEC as period_of_care_end,
        REC as reason_ended
    from {{ ref('int_episodes_chained') }}
    qualify row_number() over (
        partition by CHILD, period_of_care_number order by DECOM desc
    ) = 1
),

summary as (
    select
        CHILD,
        period_of_care_number,
        min(DECOM) as period_of_care_start,
        count(*) as episode_count
    from {{ ref('int_episodes_chained') }}
    group by CHILD, period_of_care_number
)

select
    s.CHILD,
    s.period_of_care_number,
    s.period_of_care_start,
    l.period_of_care_end,
    l.reason_ended,
    l.period_of_care_end is null as is_open,
    s.episode_count
from summary as s
inner join last_episodes as l using (CHILD, period_of_care_number)
