{#- A key of several columns is unique: every combination appears once (rows with a null
    key column are left to the not_null tests). Fails with the duplicated keys and counts. -#}
{% test ssda903_unique_key(model, columns) %}
select {{ columns | join(', ') }}, count(*) as n_rows
from {{ model }}
where {% for c in columns %}{{ c }} is not null{{ " and " if not loop.last }}{% endfor %}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}
