-- What CIN data this run has for each date of int_indicators__dates, so a CIN figure is
-- computed only from complete data and is otherwise null with a note saying why.
-- Mosaic (var source_system mosaic): the CIN files are optional parts of the extract; a
-- file absent from the latest extract (or empty) leaves its indicators null.
-- Census (otherwise): a return covers one year (1 April to 31 March), so a figure at P
-- needs the return of P's census year (stock figures: at P), of every census year its
-- 12-month window touches (window), and for re-referrals also of the 12 months before the
-- window (lookback: the previous referral may be up to 12 months before the window).
-- missing_*_year: the first census year needed but not landed (null when all are).
with dates as (
    select period_end, window_start from {{ ref('int_indicators__dates') }}
),

mosaic_files as (
    select
        exists(select 1 from {{ ref('stg_mosaic__referrals') }}) as referrals,
        exists(select 1 from {{ ref('stg_mosaic__assessments') }}) as assessments,
        exists(select 1 from {{ ref('stg_mosaic__section47_enquiries') }}) as section47_enquiries,
        exists(select 1 from {{ ref('stg_mosaic__child_protection_plans') }})
            as child_protection_plans,
        exists(select 1 from {{ ref('stg_mosaic__disabilities') }}) as disabilities
),

census_years as (
    select census_year from {{ ref('stg_cin__header') }} where census_year is not null
    union
    select census_year from {{ ref('stg_cin__children') }} where census_year is not null
),

needed as (
    select
        d.period_end,
        kind.census,
        cast(y.y as integer) as census_year
    from dates as d
    cross join (values ('stock'), ('window'), ('lookback')) as kind (census)
    cross join lateral (
        select r.y
        from range(
            cast(
                case kind.census
                    when 'stock' then {{ census_year_of('d.period_end') }}
                    when 'window' then {{ census_year_of('d.window_start') }}
                    else {{ census_year_of(add_months('d.window_start', -12)) }}
                end as bigint
            ),
            cast({{ census_year_of('d.period_end') }} + 1 as bigint)
        ) as r (y)
    ) as y
),

missing as (
    select
        n.period_end,
        min(n.census_year) filter (where n.census = 'stock') as missing_stock_year,
        min(n.census_year) filter (where n.census = 'window') as missing_window_year,
        min(n.census_year) filter (where n.census = 'lookback') as missing_lookback_year
    from needed as n
    left join census_years as c on c.census_year = n.census_year
    where c.census_year is null
    group by n.period_end
)

select
    d.period_end,
    case when '{{ var("source_system") }}' = 'mosaic' then 'mosaic' else 'cin_census' end
        as cin_source,
    f.referrals as mosaic_referrals,
    f.assessments as mosaic_assessments,
    f.section47_enquiries as mosaic_section47_enquiries,
    f.child_protection_plans as mosaic_child_protection_plans,
    f.disabilities as mosaic_disabilities,
    exists(select 1 from census_years) as census_landed,
    m.missing_stock_year,
    m.missing_window_year,
    m.missing_lookback_year
from dates as d
cross join mosaic_files as f
left join missing as m on m.period_end = d.period_end
