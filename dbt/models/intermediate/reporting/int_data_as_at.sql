-- The date the data runs to, for the run's source (var source_system), one row.
-- SSDA903: 31 March of the latest collection year supplied. Mosaic: the latest date present
-- in the latest extract (starts and ends of periods, legal statuses, placements and missing
-- episodes; health events, care-leaver contacts, reviews), ignoring dates after today
-- (mistyped future dates must not move the reporting dates). last_quarter_end is the
-- latest quarter end (30 Jun, 30 Sep, 31 Dec, 31 Mar) on or before data_date; earliest_date
-- is the first day the data covers (first period start, or 1 April before the first year).
with mosaic_dates as (
    select start_date as d from {{ ref('stg_mosaic__periods_of_care') }}
    union all select end_date from {{ ref('stg_mosaic__periods_of_care') }}
    union all select start_date from {{ ref('stg_mosaic__legal_statuses') }}
    union all select end_date from {{ ref('stg_mosaic__legal_statuses') }}
    union all select start_date from {{ ref('stg_mosaic__placements') }}
    union all select end_date from {{ ref('stg_mosaic__placements') }}
    union all select event_date from {{ ref('stg_mosaic__health_events') }}
    union all select contact_date from {{ ref('stg_mosaic__care_leaver_contacts') }}
    union all select review_date from {{ ref('stg_mosaic__reviews') }}
    union all select start_date from {{ ref('stg_mosaic__missing_episodes') }}
    union all select end_date from {{ ref('stg_mosaic__missing_episodes') }}
),

mosaic as (
    select
        'mosaic' as source_system,
        (select max(d) from mosaic_dates where d <= current_date) as data_date,
        (
            select min(start_date)
            from {{ ref('stg_mosaic__periods_of_care') }}
            where start_date <= current_date
        ) as earliest_date
),

ssda903 as (
    select
        'ssda903' as source_system,
        make_date(max(collection_year), 3, 31) as data_date,
        make_date(min(collection_year) - 1, 4, 1) as earliest_date
    from {{ ref('stg_ssda903__episodes') }}
),

chosen as (
    select * from mosaic where '{{ var("source_system") }}' = 'mosaic'
    union all
    select * from ssda903 where '{{ var("source_system") }}' = 'ssda903'
)

select
    source_system,
    data_date,
    earliest_date,
    cast(date_trunc('quarter', data_date + 1) as date) - 1 as last_quarter_end
from chosen
