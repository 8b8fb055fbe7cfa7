-- The breakdown category of each child on a child protection plan at P, for cpp_by_category
-- (the plan's initial category of abuse: NEG neglect, PHY physical, SAB sexual, EMO
-- emotional, MUL multiple; anything else or blank: not_known) and cpp_by_duration (how long
-- the plan had lasted at P, DfE's bands in calendar months: up_to_3_months = started on or
-- after P - 3 months; 3_to_6_months = before that, on or after P - 6 months; 6_to_12_months
-- = before that, after P - 12 months; 1_to_2_years = on or before P - 12 months, after P -
-- 24 months; 2_years_plus = on or before P - 24 months). One row per child, P and
-- breakdown: a child with two open plans (a record error) is placed by the later-starting
-- one. Same columns as int_indicators__child_categories; only where cpp_at_period_end can
-- be computed (macro cin_indicator_computable).
with computable as (
    {{ cin_indicator_computable() }}
),

open_plans as (
    select
        d.period_end,
        p.child_id as CHILD,
        p.initial_category,
        case
            when p.start_date >= {{ add_months('d.period_end', -3) }} then 'up_to_3_months'
            when p.start_date >= {{ add_months('d.period_end', -6) }} then '3_to_6_months'
            when p.start_date > {{ add_months('d.period_end', -12) }} then '6_to_12_months'
            when p.start_date > {{ add_months('d.period_end', -24) }} then '1_to_2_years'
            else '2_years_plus'
        end as duration_band
    from {{ ref('int_indicators__dates') }} as d
    inner join {{ ref('int_cin__child_protection_plans') }} as p
        on p.start_date <= d.period_end and (p.end_date is null or p.end_date > d.period_end)
    inner join computable as c
        on c.indicator_id = 'cpp_at_period_end' and c.period_end = d.period_end and c.is_computable
    qualify row_number() over (
        partition by d.period_end, p.child_id order by p.start_date desc, p.cpp_key desc
    ) = 1
),

categories as (
    select indicator_id, category, is_default
    from {{ ref('indicator_breakdown_categories') }}
),

coded as (
    select
        CHILD,
        period_end,
        'cpp_by_category' as indicator_id,
        case initial_category
            when 'NEG' then 'neglect'
            when 'PHY' then 'physical_abuse'
            when 'SAB' then 'sexual_abuse'
            when 'EMO' then 'emotional_abuse'
            when 'MUL' then 'multiple'
        end as coded_category
    from open_plans
    union all
    select CHILD, period_end, 'cpp_by_duration', duration_band
    from open_plans
)

select
    a.CHILD,
    a.period_end,
    a.indicator_id,
    coalesce(known.category, fallback.category) as category
from coded as a
left join categories as known
    on known.indicator_id = a.indicator_id and known.category = a.coded_category
left join categories as fallback
    on fallback.indicator_id = a.indicator_id and fallback.is_default
