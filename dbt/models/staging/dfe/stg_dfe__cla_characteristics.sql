-- Children looked after on 31 March by characteristics (UASC, distance from home, age,
-- placement, ...). As in the health file, the 2025 naming moved the labels one column
-- left: group and item land here as characteristic and breakdown.
select
    {{ dfe_geography_columns() }},
    case when children_count is not null then '2025' else 'to_2024' end as naming_convention,
    case
        when children_count is not null then {{ clean_text('characteristic') }}
        else {{ clean_text('cla_group') }}
    end as characteristic,
    case
        when children_count is not null then {{ clean_text('breakdown') }}
        else {{ clean_text('characteristic') }}
    end as breakdown,
    {{ dfe_number('coalesce(children_count, number)') }} as children_count,
    {{ dfe_number('coalesce(children_percent, percentage)') }} as children_percent
from {{ source('dfe', 'la_cla_on_31_march_by_characteristics') }}
