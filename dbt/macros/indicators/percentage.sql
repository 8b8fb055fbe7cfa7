{#- A percentage as indicators.md defines it, in one place: 100 * numerator / denominator,
    stored unrounded; a denominator of 0 (or null) gives null, never an error. -#}
{% macro percentage(numerator, denominator) -%}
    case when {{ denominator }} > 0 then 100.0 * {{ numerator }} / {{ denominator }} end
{%- endmacro %}
