{%- set breakdowns = [
    'cla_by_gender', 'cla_by_age', 'cla_by_ethnicity', 'cla_by_legal_status',
    'cla_by_category_of_need', 'cla_by_placement', 'cla_by_provider', 'cla_by_location',
    'cla_by_uasc',
] -%}

-- The breakdown category of each child looked after at P for every characteristics
-- breakdown (indicators.md "Characteristics"), one row per child, P and breakdown, and of
-- each child who ceased in the 12 months for cla_ceased_reason. Codes take the category of
-- the code list (seed code_lists: SEX, ETHNIC, LS, CIN, PLACE, PLACE_PROVIDER, REC); a code
-- not listed, blank, or whose category is not one of the breakdown's categories (seed
-- indicator_breakdown_categories) falls into the breakdown's default category (ethnicity
-- not_known, legal status other, CIN not_known, PLACE other, provider not_recorded, SEX
-- other/unknown, REC other). Age at P in completed years: under_1, 1_to_4, 5_to_9,
-- 10_to_15, 16_and_over; no DOB -> not_known. Location from int_indicators__placement_locations.
-- UASC: uasc when UASC at P (int_indicators__children_at_period.is_uasc, as uasc_pct), else
-- not_uasc.
with children as (
    select * from {{ ref('int_indicators__children_at_period') }}
),

codes as (
    select field, code, category from {{ ref('code_lists') }}
),

categories as (
    select indicator_id, category, is_default
    from {{ ref('indicator_breakdown_categories') }}
),

coded as (
    select
        c.CHILD,
        c.period_end,
        sex.category as cla_by_gender,
        case
            when c.age_at_period_end is null then 'not_known'
            when c.age_at_period_end < 1 then 'under_1'
            when c.age_at_period_end <= 4 then '1_to_4'
            when c.age_at_period_end <= 9 then '5_to_9'
            when c.age_at_period_end <= 15 then '10_to_15'
            else '16_and_over'
        end as cla_by_age,
        ethnic.category as cla_by_ethnicity,
        ls.category as cla_by_legal_status,
        cin.category as cla_by_category_of_need,
        place.category as cla_by_placement,
        provider.category as cla_by_provider,
        l.location as cla_by_location,
        case when c.is_uasc then 'uasc' else 'not_uasc' end as cla_by_uasc
    from children as c
    left join codes as sex on sex.field = 'SEX' and sex.code = c.SEX
    left join codes as ethnic on ethnic.field = 'ETHNIC' and ethnic.code = c.ETHNIC
    left join codes as ls on ls.field = 'LS' and ls.code = c.LS
    left join codes as cin on cin.field = 'CIN' and cin.code = c.CIN
    left join codes as place on place.field = 'PLACE' and place.code = c.PLACE
    left join codes as provider
        on provider.field = 'PLACE_PROVIDER' and provider.code = c.PLACE_PROVIDER
    left join {{ ref('int_indicators__placement_locations') }} as l
        on l.CHILD = c.CHILD and l.period_end = c.period_end
),

long as (
    {%- for breakdown in breakdowns %}
    select CHILD, period_end, '{{ breakdown }}' as indicator_id, {{ breakdown }} as coded_category
    from coded
    {{ "union all" if not loop.last }}
    {%- endfor %}
),

ceased as (
    select CHILD, period_end, 'cla_ceased_reason' as indicator_id, reason_category as coded_category
    from {{ ref('int_indicators__ceased_children') }}
    where window_kind = '12_months'
),

all_rows as (
    select CHILD, period_end, indicator_id, coded_category from long
    union all
    select CHILD, period_end, indicator_id, coded_category from ceased
)

select
    a.CHILD,
    a.period_end,
    a.indicator_id,
    coalesce(known.category, fallback.category) as category
from all_rows as a
left join categories as known
    on known.indicator_id = a.indicator_id and known.category = a.coded_category
left join categories as fallback
    on fallback.indicator_id = a.indicator_id and fallback.is_default
