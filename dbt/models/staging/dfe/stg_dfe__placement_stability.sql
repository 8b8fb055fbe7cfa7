-- Placement stability: both naming conventions under the 2025 names
-- (number -> children_count, percentage -> children_percent).
select
    {{ dfe_geography_columns() }},
    case when children_count is not null then '2025' else 'to_2024' end as naming_convention,
    {{ clean_text('cla_group') }} as cla_group,
    {{ clean_text('placement_stability') }} as placement_stability,
    {{ dfe_number('coalesce(children_count, number)') }} as children_count,
    {{ dfe_number('coalesce(children_percent, percentage)') }} as children_percent
from {{ source('dfe', 'la_cla_placement_stability') }}
