-- Who each value indicator counts, at every date of int_indicators__dates: one row per
-- indicator, date and child (indicators.md; the rules per indicator are the table of macro
-- indicator_measures). The members are a percentage's denominator, a count's counted
-- children, the rate's children looked after; in_numerator says who the numerator counts.
-- numerator_contribution / denominator_contribution are what the member adds to each (1 per
-- child; for review_participation_pct the child's reviews, for missing_incidents the child's
-- incidents, for sdq_average_score the child's score), so int_indicators__values, which sums
-- them, can never disagree with this table. No rows where an indicator cannot be computed
-- (macro indicator_computable: e.g. OC2 figures from 903 files away from 31 March).
-- has_record_error: the child has an unresolved record error (source quality.record_errors)
-- found in the collection year of P or an earlier one (an error with no collection year
-- counts at every date).
with dates as (
    select period_end, window_start, ytd_start from {{ ref('int_indicators__dates') }}
),

computable as (
    {{ indicator_computable() }}
    union all
    {{ cin_indicator_computable() }}
),

-- Children looked after at P (the base of every "at P" indicator).
children as (
    select * from {{ ref('int_indicators__children_at_period') }}
),

-- Children with a non-short-break episode with RNE S starting in W / in the year to date.
starts as (
    select
        d.period_end,
        e.CHILD,
        bool_or(e.DECOM >= d.window_start) as in_window,
        bool_or(e.DECOM >= d.ytd_start) as in_ytd
    from dates as d
    inner join {{ ref('int_episodes_chained') }} as e
        on
            e.RNE = 'S'
            and e.DECOM <= d.period_end
            and e.DECOM >= least(d.window_start, d.ytd_start)
    group by d.period_end, e.CHILD
),

ceased_12_months as (
    select * from {{ ref('int_indicators__ceased_children') }} where window_kind = '12_months'
),

ceased_ytd as (
    select * from {{ ref('int_indicators__ceased_children') }} where window_kind = 'year_to_date'
),

stability as (
    select * from {{ ref('int_indicators__placement_stability') }}
),

locations as (
    select * from {{ ref('int_indicators__placement_locations') }}
),

health as (
    select c.*
    from {{ ref('int_oc2_cohort') }} as c
    inner join dates as d on d.period_end = c.period_end
),

care_leavers as (
    select
        c.*,
        exists(select 1 from {{ ref('ssda903_uasc') }} as u where u.CHILD = c.CHILD) as is_ever_uasc
    from {{ ref('int_oc3_cohort') }} as c
    inner join dates as d on d.period_end = c.period_end
),

snapshot as (
    select * from {{ ref('int_indicators__care_leaver_snapshot') }}
),

-- Children looked after during W (a non-short-break episode with DECOM <= P and DEC null
-- or after W.start), with their missing (M) and away (A) incidents starting in W, whether
-- or not they were in care that day.
looked_after_during as (
    select
        c.period_end,
        c.CHILD,
        count(m.CHILD) filter (where m.MISSING = 'M') as missing_incidents,
        count(m.CHILD) filter (where m.MISSING = 'A') as away_incidents
    from (
        select distinct d.period_end, d.window_start, e.CHILD
        from dates as d
        inner join {{ ref('int_episodes_chained') }} as e
            on e.DECOM <= d.period_end and (e.DEC is null or e.DEC > d.window_start)
    ) as c
    left join {{ ref('ssda903_missing') }} as m
        on m.CHILD = c.CHILD and m.MIS_START between c.window_start and c.period_end
    group by c.period_end, c.CHILD
),

-- Reviews dated in W of children aged 4 or over at the review by the header DOB (no DOB:
-- left out; not limited to children in care at P), per child: how many, and how many with
-- REVIEW_CODE PN1 to PN7 (PN0 or blank stays in the denominator).
reviews as (
    select
        d.period_end,
        r.CHILD,
        count(*) as reviews,
        count(*) filter (
            where r.REVIEW_CODE in ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7')
        ) as participated
    from dates as d
    inner join {{ ref('ssda903_reviews') }} as r
        on r.REVIEW between d.window_start and d.period_end
    inner join {{ ref('ssda903_header') }} as h on h.CHILD = r.CHILD
    where h.DOB is not null and h.DOB <= r.REVIEW and {{ age_at('h.DOB', 'r.REVIEW') }} >= 4
    group by d.period_end, r.CHILD
),

member_rows as (
    {%- for m in indicator_measures() %}
    select
        '{{ m.id }}' as indicator_id,
        period_end,
        CHILD,
        coalesce({{ m.counted }}, false) as in_numerator,
        cast(
            {{ m.get('amount', 'case when coalesce(' ~ m.counted ~ ', false) then 1 else 0 end') }}
            as bigint
        ) as numerator_contribution,
        cast({{ m.get('per', '1') }} as bigint) as denominator_contribution,
        '{{ m.get("unit", "child") }}' as counted_unit
    from {{ m.source }}
    where {{ m.where }}
    union all
    {%- endfor %}
    -- The children in need and child protection section (intermediate/cin, docs/cin.md):
    -- its members in the same shape, from its own table of measures.
    select
        indicator_id, period_end, CHILD, in_numerator, numerator_contribution,
        denominator_contribution, counted_unit
    from {{ ref('int_indicators__cin_members') }}
),

-- Per child, the first date its unresolved record errors count from: 1 April of the
-- earliest collection year with an error, or always when an error has no collection year.
record_errors as (
    select
        CHILD,
        case
            when bool_or(collection_year is null) then date '0001-01-01'
            else make_date(cast(min(collection_year) - 1 as integer), 4, 1)
        end as counts_from
    from {{ source('quality', 'record_errors') }}
    where CHILD is not null
    group by CHILD
)

select
    r.indicator_id,
    r.period_end,
    r.CHILD,
    r.in_numerator,
    r.numerator_contribution,
    r.denominator_contribution,
    r.counted_unit,
    coalesce(r.period_end >= e.counts_from, false) as has_record_error
from member_rows as r
inner join computable as c
    on c.indicator_id = r.indicator_id and c.period_end = r.period_end and c.is_computable
left join record_errors as e on e.CHILD = r.CHILD
