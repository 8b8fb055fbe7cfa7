-- Placement stability: every naming convention under the 2025 names (number ->
-- children_count, percentage -> children_percent). To the 2022 release the file was
-- la_cla_at_31_march_placement_stability_indicator.csv and its item column `characteristic`.
select
    {{ dfe_geography_columns() }},
    case when children_count is not null then '2025' else 'to_2024' end as naming_convention,
    {{ clean_text('cla_group') }} as cla_group,
    {{ clean_text('coalesce(placement_stability, characteristic)') }} as placement_stability,
    {{ dfe_number('coalesce(children_count, number)') }} as children_count,
    {{ dfe_number('coalesce(children_percent, percentage)') }} as children_percent
from {{ source('dfe', 'la_cla_placement_stability') }}
