{#- Children in need helpers (spec/inputs.md §6): the one place their text rules live. -#}

{#- A yes/no flag as given by Mosaic (Y/N, Yes/No) or the census (true/false, 1/0):
    true, false, or null when blank or anything else (kept as given beside it). -#}
{% macro yes_no(column) -%}
    case upper(trim({{ column }}))
        when 'Y' then true when 'YES' then true when 'TRUE' then true when '1' then true
        when 'T' then true
        when 'N' then false when 'NO' then false when 'FALSE' then false when '0' then false
        when 'F' then false
    end
{%- endmacro %}

{#- A whole number as given (NumberOfPreviousCPP): null when blank or not a number. -#}
{% macro whole_number(column) -%}
    try_cast(nullif(trim({{ column }}), '') as integer)
{%- endmacro %}

{#- The referral a census row belongs to: the child and the referral date, since the
    census gives referrals no identifier. The same key across years is "the same
    referral" (the later year wins). -#}
{% macro census_referral_key(child_id, referral_date) -%}
    ({{ child_id }} || '|' || coalesce(strftime({{ referral_date }}, '%Y-%m-%d'), '?'))
{%- endmacro %}

{#- The census year a date falls in: the year of the 31 March that ends its 1 April to
    31 March year (2024-04-01 -> 2025; 2025-03-31 -> 2025). -#}
{% macro census_year_of(d) -%}
    (year({{ d }}) + case when month({{ d }}) >= 4 then 1 else 0 end)
{%- endmacro %}
