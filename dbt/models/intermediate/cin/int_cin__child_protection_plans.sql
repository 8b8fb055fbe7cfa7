-- One row per child protection plan, numbered in the child's history.
-- Mosaic: one row per CPP_ID (a repeated ID: the later row). Census: a plan is a child and
-- a start date; the same plan in several census years: the later year wins (its end date
-- and categories). plan_number: the plan's place among the child's plans in the data, by
-- start date (ties: the key). is_subsequent: the child's second or subsequent plan ever
-- (DfE's CPP_subsequent): an earlier plan in the data, or, from the census,
-- NumberOfPreviousCPP above 0 (plans before the returns supplied, or in another LA).
with mosaic as (
    select
        cpp_id as cpp_key,
        person_id as child_id,
        start_date,
        end_date,
        initial_category,
        cast(null as varchar) as latest_category,
        cast(null as integer) as number_of_previous_cpp,
        cast(null as integer) as census_year,
        _source_file,
        _row_number
    from {{ ref('stg_mosaic__child_protection_plans') }}
    where cpp_id is not null and person_id is not null and start_date is not null
    qualify row_number() over (
        partition by cpp_id order by _source_file desc, _row_number desc
    ) = 1
),

census as (
    select
        child_id || '|' || strftime(start_date, '%Y-%m-%d') as cpp_key,
        child_id,
        start_date,
        end_date,
        initial_category,
        latest_category,
        number_of_previous_cpp,
        census_year,
        _source_file,
        _row_number
    from {{ ref('stg_cin__child_protection_plans') }}
    where child_id is not null and start_date is not null
    qualify row_number() over (
        partition by child_id, start_date
        order by census_year desc nulls last, _source_file desc, _row_number desc
    ) = 1
),

chosen as (
    select * from mosaic where '{{ var("source_system") }}' = 'mosaic'
    union all
    select * from census where '{{ var("source_system") }}' <> 'mosaic'
),

numbered as (
    select
        *,
        row_number() over (partition by child_id order by start_date, cpp_key) as plan_number
    from chosen
)

select
    cpp_key,
    child_id,
    start_date,
    end_date,
    initial_category,
    latest_category,
    number_of_previous_cpp,
    cast(plan_number as integer) as plan_number,
    plan_number > 1 or coalesce(number_of_previous_cpp, 0) > 0 as is_subsequent,
    census_year,
    _source_file,
    _row_number
from numbered
