-- Children missing or away from placement without authorisation. To 2024 the file has one
-- label column (`cla_group`, e.g. "Percentage of children who had a missing incident
-- during the year") and one figure (`number`, which holds the percentage on percentage
-- rows); the 2025 naming has characteristic, breakdown, children_count, children_percent.
select
    {{ dfe_geography_columns() }},
    case when children_count is not null then '2025' else 'to_2024' end as naming_convention,
    case
        when children_count is not null then {{ clean_text('characteristic') }}
        else {{ clean_text('cla_group') }}
    end as characteristic,
    case when children_count is not null then {{ clean_text('breakdown') }} end as breakdown,
    {{ dfe_number('coalesce(children_count, number)') }} as children_count,
    {{ dfe_number('coalesce(children_percent, percentage)') }} as children_percent
from {{ source('dfe', 'la_children_missing_or_away') }}
