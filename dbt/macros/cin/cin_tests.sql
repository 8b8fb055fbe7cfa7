{#- Data tests of the children in need models. -#}

{#- No two rows share the given columns (a key of several columns). -#}
{% test cin_unique_key(model, columns) %}
select {{ columns | join(', ') }}, count(*) as n_rows
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}
