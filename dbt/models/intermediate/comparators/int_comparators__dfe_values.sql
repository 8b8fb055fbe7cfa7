-- Every staged DfE release row in one long shape, its labels placed on canonical keys
-- through the seed dfe_labels (tolerant of case, spacing and the wording of both eras).
-- Rows of every release are kept: the latest-release rule is applied per indicator in
-- int_comparators__indicator_values. A row whose label the seed cannot place has
-- label_placed false: no comparator reads it (it is skipped), and
-- int_comparators__dfe_unknown_labels lists its file and label for the quality gate's
-- warning finding (a new DfE wording never fails the run).
{%- set kinds = [
    ('cla_number_and_rate_per_10k_children', 'stg_dfe__cla_number_and_rate',
     'population_type', 'null', 'children_count', 'null', 'rate_per_10000', 'population_estimate'),
    ('la_cla_placement_stability', 'stg_dfe__placement_stability',
     'cla_group', 'placement_stability', 'children_count', 'children_percent', 'null', 'null'),
    ('la_conviction_health_outcome_cla', 'stg_dfe__health_outcomes',
     'characteristic', 'breakdown', 'children_count', 'children_percent', 'null', 'null'),
    ('la_care_leavers_activity', 'stg_dfe__care_leavers_activity',
     'care_leaver_age', 'breakdown', 'care_leaver_count', 'care_leaver_percent', 'null', 'null'),
    ('la_care_leavers_accommodation_suitability', 'stg_dfe__care_leavers_accommodation',
     'care_leaver_age', 'breakdown', 'care_leaver_count', 'care_leaver_percent', 'null', 'null'),
    ('la_children_missing_or_away', 'stg_dfe__missing_or_away',
     'characteristic', 'breakdown', 'children_count', 'children_percent', 'null', 'null'),
    ('la_cla_on_31_march_by_characteristics', 'stg_dfe__cla_characteristics',
     'characteristic', 'breakdown', 'children_count', 'children_percent', 'null', 'null'),
    ('b1_children_in_need', 'stg_dfe__cin_children_in_need',
     'category', 'measure', 'count_value', 'null', 'rate_value', 'null'),
    ('c1_children_in_need_referrals_and_rereferrals', 'stg_dfe__cin_referrals',
     'category', 'measure', 'count_value', 'percent_value', 'null', 'null'),
    ('d3_cpps_subsequent_plan', 'stg_dfe__cpp_subsequent',
     'category', 'measure', 'count_value', 'percent_value', 'null', 'null'),
    ('d5_cpps_at31march_by_duration', 'stg_dfe__cpp_duration',
     'category', 'measure', 'count_value', 'percent_value', 'null', 'null'),
] %}

with stacked as (
    {% for kind, model, group_col, item_col, count_col, percent_col, rate_col, population_col in kinds %}
    select
        '{{ kind }}' as file_kind,
        release,
        source_file,
        row_number,
        time_period,
        geographic_level,
        country_code,
        region_code,
        region_name,
        old_la_code,
        la_name,
        new_la_code,
        naming_convention,
        cast({{ group_col }} as varchar) as group_label,
        cast({{ item_col }} as varchar) as item_label,
        cast({{ count_col }} as double) as count_value,
        cast({{ percent_col }} as double) as percent_value,
        cast({{ rate_col }} as double) as rate_value,
        cast({{ population_col }} as double) as population_estimate
    from {{ ref(model) }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

labels as (
    select file_kind, label_role, {{ dfe_label_key('label') }} as label_norm, label_key
    from {{ ref('dfe_labels') }}
),

placed as (
    select
        stacked.*,
        coalesce(exact_group.label_key, any_group.label_key) as group_key,
        exact_group.label_key is null and any_group.label_key is not null as group_is_wildcard,
        item.label_key as item_key
    from stacked
    left join labels as exact_group
        on exact_group.file_kind = stacked.file_kind
        and exact_group.label_role = 'group'
        and exact_group.label_norm = {{ dfe_label_key('stacked.group_label') }}
    left join labels as any_group
        on any_group.file_kind = stacked.file_kind
        and any_group.label_role = 'group'
        and any_group.label_norm = '*'
        and stacked.group_label is not null
    left join labels as item
        on item.file_kind = stacked.file_kind
        and item.label_role = 'item'
        and item.label_norm = {{ dfe_label_key('stacked.item_label') }}
)

select
    file_kind,
    release,
    source_file,
    row_number,
    time_period,
    geographic_level,
    case geographic_level
        when 'national' then coalesce(country_code, 'E92000001')
        when 'regional' then region_code
        when 'local_authority' then coalesce(old_la_code, new_la_code)
    end as geography_code,
    country_code,
    region_code,
    region_name,
    old_la_code,
    la_name,
    new_la_code,
    naming_convention,
    group_label,
    item_label,
    group_key,
    group_is_wildcard,
    item_key,
    group_key is not null
        and (item_label is null or item_key is not null or group_is_wildcard) as label_placed,
    count_value,
    percent_value,
    rate_value,
    population_estimate
from placed
