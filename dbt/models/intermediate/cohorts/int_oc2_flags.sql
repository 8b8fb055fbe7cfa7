-- OC2 cohort and health flags at each reporting date (indicators.md "Health").
-- Cohort at P: looked after at P (a non-short-break episode covers P; where episodes
-- overlap, the one with the latest DECOM) and the period of care covering P started on or
-- before W.start. Dates: Mosaic - every date of int_indicators__dates (the reporting dates
-- with their previous-quarter and year-ago dates) and every 31 March of
-- int_collection_years; SSDA903 - only 31 March of each collection year supplied.
-- Flags from Mosaic health events: HEALTH_ASSESSMENT / TEETH_CHECK 1 when a HEALTH_ASSESSMENT
-- / DENTAL_CHECK event is dated in W; IMMUNISATIONS 1 when the latest IMMUNISATION_STATUS on
-- or before P has RESULT Y (same-day ties: the later file row); SDQ_SCORE the latest score
-- (0-40) dated in W. From SSDA903: that year's OC2 row, value 1 = yes; a cohort child without
-- an OC2 row has flags 0 and has_oc2_record false.
with dates as (
    select period_end, window_start
    from {{ ref('int_indicators__dates') }}
    where '{{ var("source_system") }}' = 'mosaic'
    union
    select year_end as period_end, year_start as window_start
    from {{ ref('int_collection_years') }}
),

covering as (
    select
        d.period_end,
        d.window_start,
        e.CHILD,
        e.DECOM,
        e.period_of_care_start
    from dates as d
    inner join {{ ref('int_episodes_chained') }} as e
        on e.DECOM <= d.period_end and (e.DEC is null or e.DEC > d.period_end)
    qualify row_number() over (partition by e.CHILD, d.period_end order by e.DECOM desc) = 1
),

cohort as (
    select
        c.*,
        h.DOB
    from covering as c
    left join {{ ref('ssda903_header') }} as h on h.CHILD = c.CHILD
    where c.period_of_care_start <= c.window_start
),

events as (
    select *
    from {{ ref('stg_mosaic__health_events') }}
    where person_id is not null and event_date is not null
),

checks as (
    select
        c.CHILD,
        c.period_end,
        max(case when e.event_type = 'HEALTH_ASSESSMENT' then 1 else 0 end) as health_assessment,
        max(case when e.event_type = 'DENTAL_CHECK' then 1 else 0 end) as teeth_check
    from cohort as c
    inner join events as e
        on
            e.person_id = c.CHILD
            and e.event_type in ('HEALTH_ASSESSMENT', 'DENTAL_CHECK')
            and e.event_date between c.window_start and c.period_end
    group by c.CHILD, c.period_end
),

immunisations as (
    select
        c.CHILD,
        c.period_end,
        case when e.result in ('Y', 'YES', '1', 'TRUE') then 1 else 0 end as immunisations
    from cohort as c
    inner join events as e
        on
            e.person_id = c.CHILD
            and e.event_type = 'IMMUNISATION_STATUS'
            and e.event_date <= c.period_end
    qualify row_number() over (
        partition by c.CHILD, c.period_end
        order by e.event_date desc, e._source_file desc, e._row_number desc
    ) = 1
),

sdq as (
    select
        c.CHILD,
        c.period_end,
        e.result_number as sdq_score
    from cohort as c
    inner join events as e
        on
            e.person_id = c.CHILD
            and e.event_type = 'SDQ'
            and e.result_number between 0 and 40
            and e.event_date between c.window_start and c.period_end
    qualify row_number() over (
        partition by c.CHILD, c.period_end
        order by e.event_date desc, e._source_file desc, e._row_number desc
    ) = 1
),

oc2_rows as (
    select * from {{ ref('int_ssda903__oc2') }}
)

select
    c.CHILD,
    c.period_end,
    c.window_start,
    c.period_of_care_start,
    c.DOB,
    {{ age_at('c.DOB', 'c.window_start') }} as age_at_window_start,
    {{ age_at('c.DOB', 'c.period_end') }} as age_at_period_end,
    coalesce(
        {{ age_at('c.DOB', 'c.window_start') }} >= 4 and {{ age_at('c.DOB', 'c.period_end') }} < 17,
        false
    ) as sdq_eligible,
    case
        when '{{ var("source_system") }}' = 'mosaic' then coalesce(ch.health_assessment, 0)
        when o.HEALTH_ASSESSMENT = 1 then 1
        else 0
    end as HEALTH_ASSESSMENT,
    case
        when '{{ var("source_system") }}' = 'mosaic' then coalesce(ch.teeth_check, 0)
        when o.TEETH_CHECK = 1 then 1
        else 0
    end as TEETH_CHECK,
    case
        when '{{ var("source_system") }}' = 'mosaic' then coalesce(im.immunisations, 0)
        when o.IMMUNISATIONS = 1 then 1
        else 0
    end as IMMUNISATIONS,
    case
        when '{{ var("source_system") }}' = 'mosaic' then sq.sdq_score
        else o.SDQ_SCORE
    end as SDQ_SCORE,
    '{{ var("source_system") }}' = 'mosaic' or o.CHILD is not null as has_oc2_record,
    '{{ var("source_system") }}' as source_system
from cohort as c
left join checks as ch on ch.CHILD = c.CHILD and ch.period_end = c.period_end
left join immunisations as im on im.CHILD = c.CHILD and im.period_end = c.period_end
left join sdq as sq on sq.CHILD = c.CHILD and sq.period_end = c.period_end
left join oc2_rows as o on o.CHILD = c.CHILD and o.YEAR = year(c.period_end)
