-- Every period of care of the latest extract, with what the episode derivation does with it.
-- is_used: the period yields episodes (it has a person and a start date, and is the last
-- row of its PERIOD_OF_CARE_ID). An END_DATE before the START_DATE is ignored (the period is
-- derived as open) so the child stays visible; a same-day period gets a one-day window so
-- its legal status and placement can be looked up. Every unused or odd period is a row of
-- int_mosaic__timeline_faults: none is dropped silently.
with periods as (
    select
        *,
        coalesce(period_of_care_id, '#' || _source_file || ':' || _row_number) as period_key
    from {{ ref('stg_mosaic__periods_of_care') }}
),

ranked as (
    select
        *,
        row_number() over (
            partition by period_key order by _source_file desc, _row_number desc
        ) as duplicate_rank
    from periods
),

flagged as (
    select
        *,
        person_id is not null and start_date is not null and duplicate_rank = 1 as is_used,
        coalesce(end_date < start_date, false) as ends_before_start,
        case when end_date < start_date then null else end_date end as cut_end
    from ranked
),

windowed as (
    select
        *,
        case when cut_end = start_date then start_date + 1 else cut_end end as window_end
    from flagged
),

period_overlaps as (
    select
        period_key,
        lag(period_key) over w as overlapped_period_key,
        lag(period_of_care_id) over w as overlapped_period_id,
        lag(window_end) over w as previous_window_end,
        lag(period_key) over w is not null
            and (lag(window_end) over w is null or lag(window_end) over w > start_date)
            as overlaps_previous
    from windowed
    where is_used
    window w as (partition by person_id order by start_date, period_key)
)

select
    w.period_key,
    w.period_of_care_id,
    w.person_id,
    w.start_date,
    w.end_date,
    w.cut_end,
    w.window_end,
    w.category_of_need,
    w.reason_ended,
    w.home_postcode,
    w.is_used,
    w.duplicate_rank > 1 as is_duplicate,
    w.ends_before_start,
    case when o.overlaps_previous then o.overlapped_period_key end as overlapped_period_key,
    case when o.overlaps_previous then o.overlapped_period_id end as overlapped_period_id,
    case when o.overlaps_previous then o.previous_window_end end as overlapped_period_end,
    w._source_file,
    w._row_number
from windowed as w
left join period_overlaps as o on o.period_key = w.period_key and w.is_used
