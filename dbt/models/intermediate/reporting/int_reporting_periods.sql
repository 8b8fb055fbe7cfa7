{#- Reporting dates: var period_ends (ISO dates), or the default set when it is empty. -#}
{%- set period_ends = var('period_ends', []) -%}
{%- if period_ends is string -%}
    {%- set period_ends = period_ends.split(',') | map('trim') | reject('equalto', '') | list -%}
{%- endif -%}

-- One row per reporting date P (spec/outputs.md, indicators.md "Common terms").
-- Dates from var period_ends; when empty, the default set: every quarter end of the last
-- five years, the 20 from the last complete quarter of the data
-- (int_data_as_at.last_quarter_end) back (a regular quarterly series; its five latest
-- 31 Marches are among them). window_start = (P - 12 months, clamped
-- to month end) + 1 day; ytd_start = 1 April of the financial year containing P;
-- collection_year = year of the 31 March ending that financial year.
-- as_at is read only when the default set is built (var period_ends empty)
with as_at as (  -- noqa: ST03
    select * from {{ ref('int_data_as_at') }}
),

{% if period_ends | length > 0 %}
chosen as (
    select distinct cast(period_end as date) as period_end, false as is_default
    from (
        values
        {%- for p in period_ends %}
            ({{ sql_string(p) }}){{ "," if not loop.last }}
        {%- endfor %}
    ) as v (period_end)
),
{% else %}
quarter_ends as (
    select last_day({{ add_months('as_at.last_quarter_end', '-3 * q.i') }}) as period_end
    from as_at
    cross join range(0, 20) as q (i)
    where as_at.last_quarter_end is not null
),

chosen as (
    select period_end, true as is_default from quarter_ends
),
{% endif %}

periods as (
    select
        period_end,
        {{ add_months('period_end', -12) }} + 1 as window_start,
        make_date(
            cast(year(period_end) - case when month(period_end) < 4 then 1 else 0 end as integer),
            4,
            1
        ) as ytd_start,
        month(period_end) = 3 and day(period_end) = 31 as is_year_end,
        cast(year(period_end) + case when month(period_end) >= 4 then 1 else 0 end as integer)
            as collection_year,
        is_default
    from chosen
)

select * from periods
