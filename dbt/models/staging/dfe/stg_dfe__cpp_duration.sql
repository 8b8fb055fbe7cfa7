-- DfE d5 "child protection plans at 31 March by length of time": plans open at 31 March,
-- and by how long they had lasted (count and % of those plans), in the comparators' long
-- shape. DfE's bands: 3 months or less; more than 3 months to 6 months; more than 6
-- months, less than 1 year; 1 year, less than 2 years; 2 years or more.
with source as (
    select
        {{ dfe_geography_columns() }},
        {{ clean_text('category') }} as category,
        cpp_at31,
        "3_months_or_less",
        "3_months_or_less_percent",
        more_than_3_months_6_months,
        more_than_3_months_6_months_percent,
        more_than_6_months_less_than_1_year,
        more_than_6_months_less_than_1_year_percent,
        "1_year_less_than_2_years",
        "1_year_less_than_2_years_percent",
        "2_years_or_more",
        "2_years_or_more_percent"
    from {{ source('dfe', 'd5_cpps_at31march_by_duration') }}
)

select
    s.release, s.source_file, s.row_number, s.time_period, s.time_identifier,
    s.geographic_level, s.country_code, s.country_name, s.region_code, s.region_name,
    s.old_la_code, s.la_name, s.new_la_code, s.category,
    'both' as naming_convention,
    m.measure,
    {{ dfe_number('m.count_text') }} as count_value,
    {{ dfe_number('m.percent_text') }} as percent_value
from source as s
cross join lateral (
    values
        ('cpp_at31', s.cpp_at31, cast(null as varchar)),
        ('3_months_or_less', s."3_months_or_less", s."3_months_or_less_percent"),
        ('more_than_3_months_6_months', s.more_than_3_months_6_months,
            s.more_than_3_months_6_months_percent),
        ('more_than_6_months_less_than_1_year', s.more_than_6_months_less_than_1_year,
            s.more_than_6_months_less_than_1_year_percent),
        ('1_year_less_than_2_years', s."1_year_less_than_2_years",
            s."1_year_less_than_2_years_percent"),
        ('2_years_or_more', s."2_years_or_more", s."2_years_or_more_percent")
) as m (measure, count_text, percent_text)
