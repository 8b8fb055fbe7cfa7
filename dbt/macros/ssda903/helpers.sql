{#- SSDA903 helpers shared by the 903 models and the indicators (spec/indicators.md). -#}

{#- SEX as the 2024-25 return codes it: legacy 1/2 become M/F; anything else is kept
    upper-cased (so an invalid value stays visible to the quality rules). -#}
{% macro ssda903_sex(column) -%}
    case {{ clean_code(column) }}
        when '1' then 'M'
        when '2' then 'F'
        else {{ clean_code(column) }}
    end
{%- endmacro %}

{#- `d` plus `n` calendar months, clamped to month end (31/03 - 1 month = 28 or 29/02),
    as DATE. DuckDB date + interval gives a TIMESTAMP, hence the cast. -#}
{% macro add_months(d, n) -%}
    cast({{ d }} + to_months({{ n }}) as date)
{%- endmacro %}

{#- Completed years from `dob` to `d`, with the same clamped month arithmetic (a 29
    February child turns a year older on 28 February in other years). -#}
{% macro age_at(dob, d) -%}
    (
        (year({{ d }}) - year({{ dob }}))
        - case
            when {{ add_months(dob, '12 * (year(' ~ d ~ ') - year(' ~ dob ~ '))') }} > {{ d }}
                then 1
            else 0
        end
    )
{%- endmacro %}

{#- The date a child reaches age `years` (clamped month arithmetic). -#}
{% macro birthday(dob, years) -%}
    {{ add_months(dob, '12 * (' ~ years ~ ')') }}
{%- endmacro %}

{#- The latest Mosaic extract (its folder name, raw `_batch`): every staging model of the
    Mosaic source reads only this one. Defined once, by landing, as the view
    raw.mosaic_latest_extract: latest by the date in the folder's name
    (`31-03-2026` is later than `31-12-2025`; names are never compared as text), among
    extracts holding persons.csv. -#}
{% macro latest_mosaic_extract() -%}
    (select _batch from {{ source('mosaic', 'latest_extract') }})
{%- endmacro %}
