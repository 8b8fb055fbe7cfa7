{#- The children in need and child protection value indicators as data (spec/indicators.md
    "Children in need and child protection"; choices in docs/cin.md), read by
    int_indicators__cin_members (who is counted; unioned into int_indicators__members) and,
    through cin_indicator_computable, by int_indicators__members and int_indicators__values
    (when each can be computed). The fields of the CLA indicators' table
    (indicator_measures), and:

      id        indicator id (seed indicator_catalogue)
      source    the per-child CTE of int_indicators__cin_members its members come from
      where     which rows of it are members (the denominator; for counts, the counted)
      counted   true when the member counts in the numerator
      amount    the member's contribution to the numerator (default 1 when counted)
      per       its contribution to the denominator (default 1; null for counts and rates)
      unit      what the numerator counts: child, referral, assessment, s47_enquiry, icpc, plan
      needs     the CIN data it is computed from: the Mosaic file (referrals, assessments,
                section47_enquiries, child_protection_plans, disabilities); from the census,
                any landed return
      census    which census years must be landed (census source): stock (the year of P),
                window (every year W touches), lookback (and the 12 months before W) -#}
{% macro cin_indicator_measures() %}
{{ return([
    {'id': 'cin_at_period_end', 'source': 'cin_children', 'where': 'true', 'counted': 'true', 'per': 'null', 'needs': 'referrals', 'census': 'stock'},
    {'id': 'cin_rate_per_10k', 'source': 'cin_children', 'where': 'true', 'counted': 'true', 'per': 'null', 'needs': 'referrals', 'census': 'stock'},
    {'id': 'referrals_12m', 'source': 'referral_children', 'where': 'referrals > 0', 'counted': 'true', 'amount': 'referrals', 'per': 'null', 'unit': 'referral', 'needs': 'referrals', 'census': 'window'},
    {'id': 'rereferrals_12m_pct', 'source': 'referral_children', 'where': 'referrals > 0', 'counted': 'rereferrals > 0', 'amount': 'rereferrals', 'per': 'referrals', 'unit': 'referral', 'needs': 'referrals', 'census': 'lookback'},
    {'id': 'assessments_completed_12m', 'source': 'assessment_children', 'where': 'authorised > 0', 'counted': 'true', 'amount': 'authorised', 'per': 'null', 'unit': 'assessment', 'needs': 'assessments', 'census': 'window'},
    {'id': 'assessments_within_45_days_pct', 'source': 'assessment_children', 'where': 'timed > 0', 'counted': 'within_45 > 0', 'amount': 'within_45', 'per': 'timed', 'unit': 'assessment', 'needs': 'assessments', 'census': 'window'},
    {'id': 's47_12m', 'source': 's47_children', 'where': 'started > 0', 'counted': 'true', 'amount': 'started', 'per': 'null', 'unit': 's47_enquiry', 'needs': 'section47_enquiries', 'census': 'window'},
    {'id': 'icpc_within_15_days_pct', 'source': 's47_children', 'where': 'icpcs > 0', 'counted': 'within_15 > 0', 'amount': 'within_15', 'per': 'icpcs', 'unit': 'icpc', 'needs': 'section47_enquiries', 'census': 'window'},
    {'id': 'cpp_at_period_end', 'source': 'cpp_children', 'where': 'true', 'counted': 'true', 'per': 'null', 'needs': 'child_protection_plans', 'census': 'stock'},
    {'id': 'cpp_rate_per_10k', 'source': 'cpp_children', 'where': 'true', 'counted': 'true', 'per': 'null', 'needs': 'child_protection_plans', 'census': 'stock'},
    {'id': 'cpp_started_12m', 'source': 'cpp_start_children', 'where': 'true', 'counted': 'true', 'amount': 'started', 'per': 'null', 'unit': 'plan', 'needs': 'child_protection_plans', 'census': 'window'},
    {'id': 'cpp_subsequent_pct', 'source': 'cpp_start_children', 'where': 'true', 'counted': 'subsequent > 0', 'amount': 'subsequent', 'per': 'started', 'unit': 'plan', 'needs': 'child_protection_plans', 'census': 'window'},
    {'id': 'cpp_2years_plus_pct', 'source': 'cpp_children', 'where': 'true', 'counted': 'open_2_years > 0', 'amount': 'open_2_years', 'per': 'open_plans', 'unit': 'plan', 'needs': 'child_protection_plans', 'census': 'stock'},
    {'id': 'cla_disabled_pct', 'source': 'cla_children', 'where': 'true', 'counted': 'is_disabled', 'needs': 'disabilities', 'census': 'stock'},
]) }}
{% endmacro %}

{#- cin_indicator_computable(): one row per CIN value indicator (cin_indicator_measures) and
    date of int_indicators__dates: is_computable, and the note saying why not (from
    int_cin__coverage). -#}
{% macro cin_indicator_computable() -%}
    select
        m.indicator_id,
        c.period_end,
        case
            when c.cin_source = 'mosaic' then case m.needs
                when 'referrals' then c.mosaic_referrals
                when 'assessments' then c.mosaic_assessments
                when 'section47_enquiries' then c.mosaic_section47_enquiries
                when 'child_protection_plans' then c.mosaic_child_protection_plans
                when 'disabilities' then c.mosaic_disabilities
            end
            else c.census_landed and case m.census
                when 'stock' then c.missing_stock_year is null
                when 'window' then c.missing_window_year is null
                else c.missing_lookback_year is null
            end
        end as is_computable,
        case
            when c.cin_source = 'mosaic'
                then m.needs || '.csv is not in the latest Mosaic extract (or is empty), so '
                    || 'this figure cannot be computed.'
            when not c.census_landed
                then 'No DfE CIN census return was landed (cin/<YYYY>/), so this figure '
                    || 'cannot be computed.'
            else 'The CIN census return of ' || cast(
                    case m.census
                        when 'stock' then c.missing_stock_year
                        when 'window' then c.missing_window_year
                        else c.missing_lookback_year
                    end - 1 as varchar
                ) || '-' || right(cast(
                    case m.census
                        when 'stock' then c.missing_stock_year
                        when 'window' then c.missing_window_year
                        else c.missing_lookback_year
                    end as varchar
                ), 2) || ' is not landed, so this figure cannot be computed for this date.'
        end as note_when_not
    from {{ ref('int_cin__coverage') }} as c
    cross join (
        values
        {%- for m in cin_indicator_measures() %}
            ('{{ m.id }}', '{{ m.needs }}', '{{ m.census }}'){{ "," if not loop.last }}
        {%- endfor %}
    ) as m (indicator_id, needs, census)
{%- endmacro %}
