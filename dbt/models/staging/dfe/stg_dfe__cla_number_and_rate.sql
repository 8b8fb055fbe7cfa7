-- Children looked after, starting and ceasing: number and rate per 10,000 children, both
-- naming conventions under the 2025 names (population_count -> population_type,
-- number -> children_count).
select
    {{ dfe_geography_columns() }},
    case when children_count is not null then '2025' else 'to_2024' end as naming_convention,
    {{ clean_text('coalesce(population_type, population_count)') }} as population_type,
    {{ dfe_number('population_estimate') }} as population_estimate,
    {{ dfe_number('coalesce(children_count, number)') }} as children_count,
    {{ dfe_number('rate_per_10000') }} as rate_per_10000
from {{ source('dfe', 'cla_number_and_rate_per_10k_children') }}
