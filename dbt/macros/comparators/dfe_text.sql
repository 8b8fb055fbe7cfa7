{#- DfE release helpers (spec/inputs.md §3): the one place the release files' text rules live. -#}

{#- Every symbol DfE uses for a value it does not publish: suppressed (c), not available
    (x), not applicable (z), fewer than 0.5% (k), low reliability (u, low), not available
    in older tables (:, ..) and blank. Older releases also wrote "~" for "fewer than 0.5%"
    (it is "k" from 2021): treated the same way. -#}
{% macro dfe_suppression_codes() -%}
    ('', 'c', 'x', 'z', 'k', 'u', 'low', ':', '..', '~')
{%- endmacro %}

{#- A published figure as a number; every suppression symbol is null, never zero.
    Thousands separators are tolerated ("1,234"). -#}
{% macro dfe_number(column) -%}
    case
        when {{ column }} is null then null
        when lower(trim({{ column }})) in {{ dfe_suppression_codes() }} then null
        else try_cast(replace(trim({{ column }}), ',', '') as double)
    end
{%- endmacro %}

{#- True when a value is neither a number nor a known suppression symbol (reported, not
    guessed at: the value is null downstream). -#}
{% macro dfe_unreadable_number(column) -%}
    (
        {{ column }} is not null
        and lower(trim({{ column }})) not in {{ dfe_suppression_codes() }}
        and try_cast(replace(trim({{ column }}), ',', '') as double) is null
    )
{%- endmacro %}

{#- A label as a join key: case, runs of white space (also non-breaking) and curly
    apostrophes do not matter; the words do. -#}
{% macro dfe_label_key(column) -%}
    nullif(
        lower(trim(regexp_replace(
            replace(replace({{ column }}, chr(8217), chr(39)), chr(160), ' '),
            '\s+', ' ', 'g'
        ))),
        ''
    )
{%- endmacro %}

{#- The year of the 31 March a time period ends on: 2025 stays 2025; a financial or
    academic year written 202425 becomes 2025. -#}
{% macro dfe_year(column) -%}
    case
        when regexp_matches(trim({{ column }}), '^[0-9]{4}$') then cast(trim({{ column }}) as integer)
        when regexp_matches(trim({{ column }}), '^[0-9]{6}$')
            then cast(left(trim({{ column }}), 4) as integer) + 1
    end
{%- endmacro %}

{#- The geography columns every release file starts with, cleaned, plus where the row came
    from. The release is the folder or zip the file arrived in; top-level files form the
    release "(top level)". -#}
{% macro dfe_geography_columns() -%}
        coalesce(nullif(trim(_batch), ''), '(top level)') as release,
        _source_file as source_file,
        _row_number as row_number,
        {{ dfe_year('time_period') }} as time_period,
        {{ clean_text('time_identifier') }} as time_identifier,
        case lower(trim(geographic_level))
            when 'national' then 'national'
            when 'regional' then 'regional'
            when 'local authority' then 'local_authority'
            else lower(trim(geographic_level))
        end as geographic_level,
        {{ clean_code('country_code') }} as country_code,
        {{ clean_text('country_name') }} as country_name,
        {{ clean_code('region_code') }} as region_code,
        {{ clean_text('region_name') }} as region_name,
        {{ clean_code('old_la_code') }} as old_la_code,
        {{ clean_text('la_name') }} as la_name,
        {{ clean_code('new_la_code') }} as new_la_code
{%- endmacro %}
