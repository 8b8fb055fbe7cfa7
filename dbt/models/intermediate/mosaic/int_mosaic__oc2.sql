-- The OC2 cohort and its health flags derived from the Mosaic extract, one row per cohort
-- child and date: every date of macro cohort_dates (the indicators' dates and each
-- collection year's 31 March) when the run's source is Mosaic; empty otherwise. The cohort
-- is macro oc2_cohort over the Mosaic episodes (the one definition the indicators and the
-- quality rules use). Flags from the health events: HEALTH_ASSESSMENT / TEETH_CHECK 1 when a
-- HEALTH_ASSESSMENT / DENTAL_CHECK event is dated in W; IMMUNISATIONS 1 when the latest
-- IMMUNISATION_STATUS on or before P has RESULT Y (same-day ties: the later file row);
-- SDQ_SCORE the latest score (0-40) dated in W. Fields the extract does not hold are null.
-- YEAR is set at 31 March of a collection year: those rows are core ssda903_oc2's.
with dates as (
    select period_end, window_start
    from ({{ cohort_dates() }})
    where '{{ var("source_system") }}' = 'mosaic'
),

cohort as (
    {{ oc2_cohort(ref('int_mosaic__episodes'), 'dates') }}
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
    -- the latest status by (date, file, row): arg_max over a group, not row_number() over a
    -- window of every status of the child before P (a sort of millions of rows at scale)
    select
        c.CHILD,
        c.period_end,
        arg_max(
            case when e.result in ('Y', 'YES', '1', 'TRUE') then 1 else 0 end,
            (e.event_date, e._source_file, e._row_number)
        ) as immunisations
    from cohort as c
    inner join events as e
        on
            e.person_id = c.CHILD
            and e.event_type = 'IMMUNISATION_STATUS'
            and e.event_date <= c.period_end
    group by c.CHILD, c.period_end
),

sdq as (
    select
        c.CHILD,
        c.period_end,
        arg_max(e.result_number, (e.event_date, e._source_file, e._row_number)) as sdq_score
    from cohort as c
    inner join events as e
        on
            e.person_id = c.CHILD
            and e.event_type = 'SDQ'
            and e.result_number between 0 and 40
            and e.event_date between c.window_start and c.period_end
    group by c.CHILD, c.period_end
)

select
    c.CHILD,
    c.period_end,
    c.window_start,
    h.DOB,
    cast(sq.sdq_score as integer) as SDQ_SCORE,
    cast(null as varchar) as SDQ_REASON,
    cast(null as integer) as CONVICTED,
    cast(null as integer) as HEALTH_CHECK,
    coalesce(im.immunisations, 0) as IMMUNISATIONS,
    coalesce(ch.teeth_check, 0) as TEETH_CHECK,
    coalesce(ch.health_assessment, 0) as HEALTH_ASSESSMENT,
    cast(null as integer) as SUBSTANCE_MISUSE,
    cast(null as integer) as INTERVENTION_RECEIVED,
    cast(null as integer) as INTERVENTION_OFFERED,
    y.collection_year as YEAR
from cohort as c
left join {{ ref('int_mosaic__header') }} as h on h.CHILD = c.CHILD
left join checks as ch on ch.CHILD = c.CHILD and ch.period_end = c.period_end
left join immunisations as im on im.CHILD = c.CHILD and im.period_end = c.period_end
left join sdq as sq on sq.CHILD = c.CHILD and sq.period_end = c.period_end
left join {{ ref('int_collection_years') }} as y on y.year_end = c.period_end
