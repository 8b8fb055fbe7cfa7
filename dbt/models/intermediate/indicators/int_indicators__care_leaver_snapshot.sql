-- Former relevant young people aged 19 to 21 at each date P, with their latest recorded
-- activity (indicators.md care_leavers_eet_snapshot_pct; Mosaic source only: empty from an
-- SSDA903 source, whose OC3 return holds no activity history). One row per young person and
-- P. Former relevant at P, by the OC3 rules read at P (non-short-break episodes as [DECOM,
-- DEC)): at least 91 days looked after between the 14th birthday and P, the latest DEC on or
-- before P on or after the 16th birthday, and not looked after at P. Age at P in completed
-- years (clamped month arithmetic). Activity: the latest care-leaver contact on or before P
-- with an ACTIVITY (same day: the later file row); none -> null (in the denominator only).
-- EET: F1, P1, F2, P2, F4, P4, F5, P5.
{%- set source_system = var('source_system') %}

with dates as (
    select period_end from {{ ref('int_indicators__dates') }}
    where '{{ source_system }}' = 'mosaic'
),

aged as (
    select
        d.period_end,
        h.CHILD,
        h.DOB,
        {{ age_at('h.DOB', 'd.period_end') }} as age_at_period_end
    from dates as d
    inner join {{ ref('ssda903_header') }} as h
        on h.DOB is not null and h.DOB <= d.period_end
    where {{ age_at('h.DOB', 'd.period_end') }} between 19 and 21
),

care as (
    {{ care_since_14(ref('int_episodes_chained'), 'aged', 'period_end') }}
),

former_relevant as (
    select
        a.*,
        c.days_looked_after_since_14,
        c.last_care_end
    from aged as a
    inner join care as c on c.CHILD = a.CHILD and c.period_end = a.period_end
    where {{ is_former_relevant('c', 'a') }}
),

latest_activity as (
    select
        f.CHILD,
        f.period_end,
        k.contact_date,
        k.activity
    from former_relevant as f
    inner join {{ ref('stg_mosaic__care_leaver_contacts') }} as k
        on
            k.person_id = f.CHILD
            and k.contact_date <= f.period_end
            and k.activity is not null
    qualify row_number() over (
        partition by f.CHILD, f.period_end
        order by k.contact_date desc, k._source_file desc, k._row_number desc
    ) = 1
)

select
    f.CHILD,
    f.period_end,
    f.DOB,
    f.age_at_period_end,
    f.days_looked_after_since_14,
    f.last_care_end,
    l.contact_date as activity_date,
    l.activity as ACTIV,
    coalesce(l.activity in ('F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5'), false) as is_eet
from former_relevant as f
left join latest_activity as l on l.CHILD = f.CHILD and l.period_end = f.period_end
