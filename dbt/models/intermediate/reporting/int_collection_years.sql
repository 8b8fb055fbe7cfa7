-- The collection years (DfE years ending 31 March) the run's data covers, one row each.
-- SSDA903: each year supplied. Mosaic: each year whose 31 March lies between the first
-- period start and the data's date (int_data_as_at), so only complete years. The OC2 and
-- OC3 tables are derived from Mosaic for these years.
with as_at as (
    select * from {{ ref('int_data_as_at') }}
),

ssda903_years as (
    select distinct collection_year
    from {{ ref('stg_ssda903__episodes') }}
    where collection_year is not null and '{{ var("source_system") }}' = 'ssda903'
),

mosaic_years as (
    select cast(y.year as integer) as collection_year
    from as_at
    cross join range(year(as_at.earliest_date), year(as_at.data_date) + 1) as y (year)
    where
        '{{ var("source_system") }}' = 'mosaic'
        and make_date(cast(y.year as integer), 3, 31) between as_at.earliest_date and as_at.data_date
),

years as (
    select collection_year from ssda903_years
    union
    select collection_year from mosaic_years
)

select
    collection_year,
    make_date(collection_year - 1, 4, 1) as year_start,
    make_date(collection_year, 3, 31) as year_end
from years
