{#- (source, staging model, raw table, child column, key columns, where the row would go) -#}
{%- set tables = [
    ('mosaic', 'stg_mosaic__persons', 'mosaic_persons', 'person_id', ['person_id'], 'ssda903_header'),
    ('mosaic', 'stg_mosaic__missing_episodes', 'mosaic_missing_episodes', 'person_id', ['person_id', 'start_date'], 'ssda903_missing'),
    ('mosaic', 'stg_mosaic__reviews', 'mosaic_reviews', 'person_id', ['person_id', 'review_date'], 'ssda903_reviews'),
    ('mosaic', 'stg_mosaic__health_events', 'mosaic_health_events', 'person_id', ['person_id', 'event_date'], 'int_mosaic__oc2'),
    ('mosaic', 'stg_mosaic__care_leaver_contacts', 'mosaic_care_leaver_contacts', 'person_id', ['person_id', 'contact_date'], 'int_mosaic__oc3'),
    ('ssda903', 'stg_ssda903__header', 'ssda903_header', 'CHILD', ['CHILD'], 'ssda903_header'),
    ('ssda903', 'stg_ssda903__episodes', 'ssda903_episodes', 'CHILD', ['CHILD', 'DECOM'], 'ssda903_episodes'),
    ('ssda903', 'stg_ssda903__uasc', 'ssda903_uasc', 'CHILD', ['CHILD'], 'ssda903_uasc'),
    ('ssda903', 'stg_ssda903__oc2', 'ssda903_oc2', 'CHILD', ['CHILD'], 'ssda903_oc2'),
    ('ssda903', 'stg_ssda903__oc3', 'ssda903_oc3', 'CHILD', ['CHILD'], 'ssda903_oc3'),
    ('ssda903', 'stg_ssda903__ad1', 'ssda903_ad1', 'CHILD', ['CHILD'], 'ssda903_ad1'),
    ('ssda903', 'stg_ssda903__placed_for_adoption', 'ssda903_placed_for_adoption', 'CHILD', ['CHILD'], 'ssda903_placed_for_adoption'),
    ('ssda903', 'stg_ssda903__previous_permanence', 'ssda903_previous_permanence', 'CHILD', ['CHILD'], 'ssda903_previous_permanence'),
    ('ssda903', 'stg_ssda903__missing', 'ssda903_missing', 'CHILD', ['CHILD', 'MIS_START'], 'ssda903_missing'),
    ('ssda903', 'stg_ssda903__reviews', 'ssda903_reviews', 'CHILD', ['CHILD', 'REVIEW'], 'ssda903_reviews'),
    ('ssda903', 'stg_ssda903__sw_episodes', 'ssda903_sw_episodes', 'CHILD', ['CHILD'], 'ssda903_sw_episodes'),
] -%}

-- Rows of the run's source that cannot enter the SSDA903 marts because a key field (the
-- child's ID, or the date that identifies the row) is blank or not a date. Nothing is lost
-- silently: each such row is listed with its file, row and the fields at fault, for the
-- quality layer to report (raw.<table_name> holds the value as given). Mosaic periods,
-- legal statuses and placements are reported by int_mosaic__timeline_faults instead.
{% for source_system, model, raw_table, child, keys, target in tables %}
select
    '{{ source_system }}' as source_system,
    '{{ raw_table }}' as table_name,
    _source_file,
    _row_number,
    {{ child }} as CHILD,
    concat_ws(', '
        {%- for key in keys %}, case when {{ key }} is null then '{{ key | upper }}' end{% endfor %}
    ) as fields,
    'blank or not a valid date' as reason,
    '{{ target }}' as excluded_from
from {{ ref(model) }}
where
    '{{ var("source_system") }}' = '{{ source_system }}'
    and ({% for key in keys %}{{ key }} is null{{ " or " if not loop.last }}{% endfor %})
{{ "union all" if not loop.last }}
{% endfor %}
