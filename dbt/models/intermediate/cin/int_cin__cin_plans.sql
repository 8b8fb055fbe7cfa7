-- One row per child in need plan: a child and a start date (Mosaic has no plan
-- identifier; the census none either). The same plan in several census years, or twice
-- in the extract: the later census year (the later row) wins, so a plan open at one 31
-- March takes its end date from the next year's return.
with mosaic as (
    select
        person_id as child_id,
        start_date,
        end_date,
        cast(null as integer) as census_year,
        _source_file,
        _row_number
    from {{ ref('stg_mosaic__cin_plans') }}
),

census as (
    select child_id, start_date, end_date, census_year, _source_file, _row_number
    from {{ ref('stg_cin__cin_plans') }}
),

chosen as (
    select * from mosaic where '{{ var("source_system") }}' = 'mosaic'
    union all
    select * from census where '{{ var("source_system") }}' <> 'mosaic'
)

select
    child_id || '|' || strftime(start_date, '%Y-%m-%d') as cin_plan_key,
    child_id,
    start_date,
    end_date,
    census_year,
    _source_file,
    _row_number
from chosen
where child_id is not null and start_date is not null
qualify row_number() over (
    partition by child_id, start_date
    order by census_year desc nulls last, _source_file desc, _row_number desc
) = 1
