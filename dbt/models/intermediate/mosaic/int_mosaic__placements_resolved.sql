-- Every placement row of the latest extract with its place on its period's timeline.
-- status: used (on the timeline), undated (no start date), unknown_period (its
-- PERIOD_OF_CARE_ID is not a usable period), outside_period (wholly outside its period).
-- Used placements are clipped to the period (an open placement in a closed period is
-- closed at the period end) and then resolved by macro timeline_resolution (the
-- later-starting placement wins an overlap; a gap is closed by extending the earlier one).
with periods as (
    select
        period_key,
        period_of_care_id,
        person_id as period_person_id,
        start_date as period_start,
        window_end as period_end,
        cut_end as period_cut_end
    from {{ ref('int_mosaic__periods_resolved') }}
    where is_used
),

placements as (
    select
        pl.*,
        coalesce(pl.placement_id, '#' || pl._source_file || ':' || pl._row_number) as record_id,
        case when pl.end_date < pl.start_date then pl.start_date else pl.end_date end as own_end,
        p.period_key,
        p.period_person_id,
        p.period_start,
        p.period_end,
        p.period_cut_end
    from {{ ref('stg_mosaic__placements') }} as pl
    left join periods as p on p.period_of_care_id = pl.period_of_care_id
),

classified as (
    select
        *,
        case
            when start_date is null then 'undated'
            when period_key is null then 'unknown_period'
            when
                start_date >= coalesce(period_end, date '9999-12-31')
                or coalesce(own_end, date '9999-12-31') <= period_start
                then 'outside_period'
            else 'used'
        end as status,
        start_date < period_start as starts_before_period,
        own_end is not null and period_cut_end is not null and own_end > period_cut_end
            as ends_after_period,
        own_end is null and period_cut_end is not null as open_after_period_end
    from placements
),

candidates as (
    select * from classified where status = 'used'
),

resolved as (
    {{ timeline_resolution('candidates') }}
)

select
    *,
    resolved_end is null or resolved_end > resolved_start as is_used
from resolved
union all by name
select
    *,
    false as is_used
from classified
where status <> 'used'
