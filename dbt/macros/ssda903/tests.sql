{#- A key of several columns is unique: every combination appears once (rows with a null
    key column are left to the not_null tests). Fails with the duplicated keys and counts. -#}
{% test ssda903_unique_key(model, columns) %}
select {{ columns | join(', ') }}, count(*) as n_rows
from {{ model }}
where {% for c in columns %}{{ c }} is not null{{ " and " if not loop.last }}{% endfor %}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}

{#- A table's key: every key column filled and (unique=true) every combination once. One test
    instead of a not_null per column plus a uniqueness test (each dbt test costs a query and
    a node). Fails with one row per blank key and per repeated key (counts only). -#}
{% test ssda903_key(model, columns, unique=true) %}
with keys as (
    select {{ columns | join(', ') }} from {{ model }}
),

blank as (
    select 'blank key column' as problem, count(*) as n_rows
    from keys
    where {% for c in columns %}{{ c }} is null{{ " or " if not loop.last }}{% endfor %}
    having count(*) > 0
)
{%- if unique %},

repeated as (
    select 'repeated key' as problem, count(*) as n_rows
    from keys
    where {% for c in columns %}{{ c }} is not null{{ " and " if not loop.last }}{% endfor %}
    group by {{ columns | join(', ') }}
    having count(*) > 1
)
{%- endif %}

select * from blank
{%- if unique %}
union all
select * from repeated
{%- endif %}
{% endtest %}
