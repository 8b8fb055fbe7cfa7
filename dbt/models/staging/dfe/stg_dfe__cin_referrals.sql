-- DfE c1 "referrals and re-referrals": one row per source row and measure (referrals;
-- re-referrals within 12 months of a previous referral, count and % of referrals; no
-- further action; not in need), in the comparators' long shape, under the 2025 release's
-- measure names whichever naming the file used (to 2024: Referrals, Re_referrals,
-- Re_referrals_percent, No_Further_Action, Not_in_Need; naming_convention says which).
with source as (
    select
        {{ dfe_geography_columns() }},
        case when referral_count is not null then '2025' else 'to_2024' end
            as naming_convention,
        {{ clean_text('category') }} as category,
        coalesce(referral_count, referrals) as referral_count,
        coalesce(rereferral_count, re_referrals) as rereferral_count,
        coalesce(rereferral_percent, re_referrals_percent) as rereferral_percent,
        coalesce(no_further_action_count, no_further_action) as no_further_action_count,
        no_further_action_percent,
        coalesce(not_in_need_count, not_in_need) as not_in_need_count,
        not_in_need_percent
    from {{ source('dfe', 'c1_children_in_need_referrals_and_rereferrals') }}
)

select
    s.release, s.source_file, s.row_number, s.time_period, s.time_identifier,
    s.geographic_level, s.country_code, s.country_name, s.region_code, s.region_name,
    s.old_la_code, s.la_name, s.new_la_code, s.category, s.naming_convention,
    m.measure,
    {{ dfe_number('m.count_text') }} as count_value,
    {{ dfe_number('m.percent_text') }} as percent_value
from source as s
cross join lateral (
    values
        ('referral_count', s.referral_count, cast(null as varchar)),
        ('rereferral_count', s.rereferral_count, s.rereferral_percent),
        ('no_further_action_count', s.no_further_action_count, s.no_further_action_percent),
        ('not_in_need_count', s.not_in_need_count, s.not_in_need_percent)
) as m (measure, count_text, percent_text)
