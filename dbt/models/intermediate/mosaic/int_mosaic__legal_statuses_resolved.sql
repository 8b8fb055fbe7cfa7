-- Legal statuses laid onto each period of care as one contiguous timeline (macro
-- timeline_resolution: the later-starting record wins an overlap, a gap is closed by
-- extending the earlier record). Legal statuses are recorded per person, so a record is
-- clipped to each period it touches without a finding; undated records are not used and
-- are reported by int_mosaic__timeline_faults.
with periods as (
    select
        period_key,
        period_of_care_id,
        person_id,
        start_date as period_start,
        window_end as period_end
    from {{ ref('int_mosaic__periods_resolved') }}
    where is_used
),

legal_statuses as (
    select
        *,
        case when end_date < start_date then start_date else end_date end as own_end
    from {{ ref('stg_mosaic__legal_statuses') }}
    where start_date is not null and person_id is not null
),

candidates as (
    select
        p.period_key,
        p.period_of_care_id,
        p.person_id,
        p.period_start,
        p.period_end,
        coalesce(l.legal_status_id, '#' || l._source_file || ':' || l._row_number) as record_id,
        l.legal_status_id,
        l.legal_status,
        l.start_date,
        l.end_date,
        l.own_end,
        l._source_file,
        l._row_number
    from periods as p
    inner join legal_statuses as l
        on
            l.person_id = p.person_id
            and l.start_date < coalesce(p.period_end, date '9999-12-31')
            and (l.own_end is null or l.own_end > p.period_start or l.start_date >= p.period_start)
),

resolved as (
    {{ timeline_resolution('candidates') }}
)

select
    *,
    resolved_end is null or resolved_end > resolved_start as is_used
from resolved
