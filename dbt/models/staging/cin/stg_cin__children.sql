-- Children of every census year, as given. Sex: the census's <Sex> (M/F/U, from 2024-25)
-- or the earlier <GenderCurrent> (1 male, 2 female, 0 not recorded, 9 indeterminate)
-- recoded to M/F/U; the value as given is kept for the quality rules.
select
    {{ clean_text('LAchildID') }} as child_id,
    {{ clean_text('UPN') }} as upn,
    {{ clean_code('UPNunknown') }} as upn_unknown_reason,
    {{ parse_date('PersonBirthDate') }} as date_of_birth,
    {{ parse_date('ExpectedPersonBirthDate') }} as expected_date_of_birth,
    case coalesce({{ clean_code('Sex') }}, {{ clean_code('GenderCurrent') }})
        when 'M' then 'M' when '1' then 'M'
        when 'F' then 'F' when '2' then 'F'
        when 'U' then 'U' when '0' then 'U' when '9' then 'U'
    end as sex,
    coalesce({{ clean_code('Sex') }}, {{ clean_code('GenderCurrent') }}) as sex_as_given,
    {{ parse_date('PersonDeathDate') }} as date_of_death,
    {{ clean_code('Ethnicity') }} as ethnicity,
    try_cast(_batch as integer) as census_year,
    _source_file,
    _row_number
from {{ source('cin', 'children') }}
