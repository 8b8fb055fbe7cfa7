{#- Key-point comparisons (marts/indicators/indicator_key_points): both on shown values. -#}

{#- up, down or equal of `value` against `other`; null when either is missing. -#}
{% macro key_point_direction(value, other) -%}
    case
        when {{ value }} is null or {{ other }} is null then null
        when {{ value }} > {{ other }} then 'up'
        when {{ value }} < {{ other }} then 'down'
        else 'equal'
    end
{%- endmacro %}

{#- better, worse, equal or not_assessed (neutral polarity) of a direction. -#}
{% macro key_point_assessment(direction, polarity) -%}
    case
        when {{ direction }} is null then null
        when {{ direction }} = 'equal' then 'equal'
        when {{ polarity }} not in ('higher_is_better', 'lower_is_better') then 'not_assessed'
        when ({{ direction }} = 'up') = ({{ polarity }} = 'higher_is_better') then 'better'
        else 'worse'
    end
{%- endmacro %}
