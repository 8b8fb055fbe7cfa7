{#- Data tests of the DfE comparator models. -#}

{#- Values that are neither numbers nor a known suppression symbol, one row per file, row
    and field, so they can be found and fixed at source. On a raw source: `columns` are the
    measure columns of both naming conventions. -#}
{% test dfe_values_readable(model, columns) %}
{% for column in columns %}
select _source_file as source_file, _row_number as row_number, '{{ column }}' as field,
       {{ column }} as value
from {{ model }}
where {{ dfe_unreadable_number(column) }}
{% if not loop.last %}union all{% endif %}
{% endfor %}
{% endtest %}

{#- No two rows share the given columns. -#}
{% test dfe_unique_combination(model, columns) %}
select {{ columns | join(', ') }}, count(*) as n_rows
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}
