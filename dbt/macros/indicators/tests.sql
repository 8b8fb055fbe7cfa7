{#- A condition every row must meet (null counts as not met); fails with the rows that do
    not. For invariants between columns, e.g. dq_affected within the figure it belongs to. -#}
{% test indicator_holds(model, expression) %}
select * from {{ model }} where not coalesce({{ expression }}, false)
{% endtest %}
