-- ONS mid-year population estimates of children aged 0 to 17. `time_period` is the
-- calendar year of the estimate (mid-year, 30 June): 2024 is the mid-2024 estimate.
select
    _source_file as source_file,
    _row_number as row_number,
    try_cast(trim(time_period) as integer) as calendar_year,
    case lower(trim(geographic_level))
        when 'national' then 'national'
        when 'regional' then 'regional'
        when 'local authority' then 'local_authority'
        else lower(trim(geographic_level))
    end as geographic_level,
    {{ clean_code('country_code') }} as country_code,
    {{ clean_code('region_code') }} as region_code,
    {{ clean_text('region_name') }} as region_name,
    {{ clean_code('old_la_code') }} as old_la_code,
    {{ clean_code('new_la_code') }} as new_la_code,
    {{ clean_text('la_name') }} as la_name,
    {{ clean_text('age_group') }} as age_group,
    {{ dfe_number('population_estimate') }} as population_estimate
from {{ source('dfe', 'population') }}
