-- Activity indicators at each date P (indicators.md "Activity"), one row per indicator and
-- P: cla_at_period_end; cla_rate_per_10k; cla_started(_ytd); cla_ceased(_ytd);
-- adoptions(_ytd); sgos(_ytd). Counts: value = numerator = count, denominator null.
-- Starts: children with a non-short-break episode with RNE S and DECOM in W (YTD: from 1
-- April), each child once. Ceased, adoptions (REC E11, E12) and SGOs (E43-E48) from the last
-- ceasing episode of int_indicators__ceased_children. Rate: numerator = children looked
-- after at P, denominator = the LA's population aged 0-17 of the calendar year in which W
-- starts, else the latest earlier estimate (int_comparators__reporting_la_population);
-- value = 10000 * numerator / denominator, unrounded; null with a note when no estimate.
with dates as (
    select period_end, window_start, ytd_start from {{ ref('int_indicators__dates') }}
),

looked_after as (
    select period_end, count(*) as children
    from {{ ref('int_indicators__children_at_period') }}
    group by period_end
),

starts as (
    select
        d.period_end,
        count(distinct e.CHILD) filter (where e.DECOM >= d.window_start) as started,
        count(distinct e.CHILD) filter (where e.DECOM >= d.ytd_start) as started_ytd
    from dates as d
    inner join {{ ref('int_episodes_chained') }} as e
        on
            e.RNE = 'S'
            and e.DECOM <= d.period_end
            and e.DECOM >= least(d.window_start, d.ytd_start)
    group by d.period_end
),

ceased as (
    select
        period_end,
        window_kind,
        count(*) as ceased,
        count(*) filter (where reason_category = 'adopted') as adopted,
        count(*) filter (where reason_category = 'sgo') as sgo
    from {{ ref('int_indicators__ceased_children') }}
    group by period_end, window_kind
),

population as (
    select
        d.period_end,
        p.population_0_17,
        p.calendar_year
    from dates as d
    inner join {{ ref('int_comparators__reporting_la_population') }} as p
        on
            year(d.window_start) >= p.calendar_year
            and (p.next_calendar_year is null or year(d.window_start) < p.next_calendar_year)
),

counts as (
    select
        d.period_end,
        coalesce(l.children, 0) as cla_at_period_end,
        coalesce(s.started, 0) as cla_started,
        coalesce(s.started_ytd, 0) as cla_started_ytd,
        coalesce(c12.ceased, 0) as cla_ceased,
        coalesce(cy.ceased, 0) as cla_ceased_ytd,
        coalesce(c12.adopted, 0) as adoptions,
        coalesce(cy.adopted, 0) as adoptions_ytd,
        coalesce(c12.sgo, 0) as sgos,
        coalesce(cy.sgo, 0) as sgos_ytd
    from dates as d
    left join looked_after as l on l.period_end = d.period_end
    left join starts as s on s.period_end = d.period_end
    left join ceased as c12 on c12.period_end = d.period_end and c12.window_kind = '12_months'
    left join ceased as cy on cy.period_end = d.period_end and cy.window_kind = 'year_to_date'
),

count_values as (
    unpivot counts
    on
        cla_at_period_end, cla_started, cla_started_ytd, cla_ceased, cla_ceased_ytd,
        adoptions, adoptions_ytd, sgos, sgos_ytd
    into name indicator_id value numerator
)

select
    indicator_id,
    period_end,
    numerator,
    cast(null as bigint) as denominator,
    cast(numerator as double) as value,
    cast(null as varchar) as note
from count_values

union all

select
    'cla_rate_per_10k' as indicator_id,
    c.period_end,
    c.cla_at_period_end as numerator,
    p.population_0_17 as denominator,
    case when p.population_0_17 > 0 then 10000.0 * c.cla_at_period_end / p.population_0_17 end
        as value,
    case
        when p.population_0_17 is null
            then 'No population estimate aged 0-17 for the reporting LA for the year the 12-month window starts or earlier: land the ONS mid-year estimates or the DfE CLA rate file.'
    end as note
from counts as c
left join population as p on p.period_end = c.period_end
