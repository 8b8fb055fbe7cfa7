-- Health, convictions and substance misuse of children looked after for 12 months.
-- The 2025 release moved the labels one column left: to 2024 the group was `cla_group` and
-- the item `characteristic`; from 2025 the group is `characteristic` and the item
-- `breakdown`. Both land here as characteristic (group) and breakdown (item). The 2021
-- release (la_conviction_and_health_outcomes_cla.csv) named the item column `outcome`.
select
    {{ dfe_geography_columns() }},
    case when children_count is not null then '2025' else 'to_2024' end as naming_convention,
    case
        when children_count is not null then {{ clean_text('characteristic') }}
        else {{ clean_text('cla_group') }}
    end as characteristic,
    case
        when children_count is not null then {{ clean_text('breakdown') }}
        else {{ clean_text('coalesce(characteristic, outcome)') }}
    end as breakdown,
    {{ dfe_number('coalesce(children_count, number)') }} as children_count,
    {{ dfe_number('coalesce(children_percent, percentage)') }} as children_percent
from {{ source('dfe', 'la_conviction_health_outcome_cla') }}
