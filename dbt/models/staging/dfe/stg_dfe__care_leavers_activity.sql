-- Care leavers' activity on or around their 17th to 21st birthday, both naming conventions
-- under the 2025 names (age -> care_leaver_age, activity -> breakdown,
-- number -> care_leaver_count, percentage -> care_leaver_percent).
select
    {{ dfe_geography_columns() }},
    case when care_leaver_count is not null then '2025' else 'to_2024' end as naming_convention,
    {{ clean_text('coalesce(care_leaver_age, age)') }} as care_leaver_age,
    {{ clean_text('coalesce(breakdown, activity)') }} as breakdown,
    {{ dfe_number('coalesce(care_leaver_count, number)') }} as care_leaver_count,
    {{ dfe_number('coalesce(care_leaver_percent, percentage)') }} as care_leaver_percent
from {{ source('dfe', 'la_care_leavers_activity') }}
