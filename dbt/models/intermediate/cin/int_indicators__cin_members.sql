-- Who each children in need / child protection value indicator counts, at every date of
-- int_indicators__dates (spec/indicators.md "Children in need and child protection"; the
-- rules per indicator are the table of macro cin_indicator_measures): one row per
-- indicator, date and child. in_numerator says whether the child counts in the numerator;
-- numerator_contribution / denominator_contribution are what the child adds to each (1 per
-- child, or the child's referrals, assessments, enquiries, conferences or plans).
-- int_indicators__members unions these rows with the CLA indicators' members (adding
-- has_record_error) and int_indicators__values sums them, so a figure and the children it
-- counts never disagree. No rows where an indicator cannot be computed (macro
-- cin_indicator_computable, also read by int_indicators__values for the notes).
-- Definitions (W = window_start to P inclusive; docs/cin.md has the choices):
--   children in need at P: a CIN episode (non-NFA referral) with start <= P and no
--     closure, or closure after P.
--   re-referral: a referral whose child had another referral strictly earlier and on or
--     after the date 12 calendar months before it (clamped to month end).
--   working days: int_cin__calendar; an assessment is within 45 working days when the
--     working days after the referral date up to its authorisation date are at most 45;
--     a conference within 15 when those after the enquiry's start up to the ICPC are at
--     most 15. Assessments whose referral is unknown are not timed.
--   on a plan at P: start <= P and no end, or end after P; lasted 2 years or more: start
--     on or before P - 24 months.
with dates as (
    select period_end, window_start from {{ ref('int_indicators__dates') }}
),

calendar as (
    select calendar_date, working_day_index from {{ ref('int_cin__calendar') }}
),

computable as (
    {{ cin_indicator_computable() }}
),

cin_children as (
    select distinct d.period_end, e.child_id as CHILD
    from dates as d
    inner join {{ ref('int_cin__episodes') }} as e
        on e.start_date <= d.period_end and (e.end_date is null or e.end_date > d.period_end)
),

referrals_marked as (
    select
        child_id,
        referral_date,
        coalesce(
            max(referral_date) over (
                partition by child_id
                order by referral_date
                range between unbounded preceding and interval 1 day preceding
            ) >= {{ add_months('referral_date', -12) }},
            false
        ) as is_rereferral
    from {{ ref('int_cin__referrals') }}
),

referral_children as (
    select
        d.period_end,
        r.child_id as CHILD,
        count(*) as referrals,
        count(*) filter (where r.is_rereferral) as rereferrals
    from dates as d
    inner join referrals_marked as r
        on r.referral_date between d.window_start and d.period_end
    group by d.period_end, r.child_id
),

assessment_children as (
    select
        d.period_end,
        a.child_id as CHILD,
        count(*) as authorised,
        count(*) filter (where a.referral_date is not null) as timed,
        count(*) filter (
            where a.referral_date is not null
            and done.working_day_index - referred.working_day_index <= 45
        ) as within_45
    from dates as d
    inner join {{ ref('int_cin__assessments') }} as a
        on a.authorised_date between d.window_start and d.period_end
    left join calendar as done on done.calendar_date = a.authorised_date
    left join calendar as referred on referred.calendar_date = a.referral_date
    group by d.period_end, a.child_id
),

s47_children as (
    select
        d.period_end,
        s.child_id as CHILD,
        count(*) filter (where s.start_date between d.window_start and d.period_end)
            as started,
        count(*) filter (
            where s.icpc_date between d.window_start and d.period_end
            and s.start_date is not null
        ) as icpcs,
        count(*) filter (
            where s.icpc_date between d.window_start and d.period_end
            and s.start_date is not null
            and conference.working_day_index - began.working_day_index <= 15
        ) as within_15
    from dates as d
    inner join {{ ref('int_cin__section47') }} as s
        on s.start_date between d.window_start and d.period_end
        or s.icpc_date between d.window_start and d.period_end
    left join calendar as began on began.calendar_date = s.start_date
    left join calendar as conference on conference.calendar_date = s.icpc_date
    group by d.period_end, s.child_id
),

cpp_children as (
    select
        d.period_end,
        p.child_id as CHILD,
        count(*) as open_plans,
        count(*) filter (where p.start_date <= {{ add_months('d.period_end', -24) }})
            as open_2_years
    from dates as d
    inner join {{ ref('int_cin__child_protection_plans') }} as p
        on p.start_date <= d.period_end and (p.end_date is null or p.end_date > d.period_end)
    group by d.period_end, p.child_id
),

cpp_start_children as (
    select
        d.period_end,
        p.child_id as CHILD,
        count(*) as started,
        count(*) filter (where p.is_subsequent) as subsequent
    from dates as d
    inner join {{ ref('int_cin__child_protection_plans') }} as p
        on p.start_date between d.window_start and d.period_end
    group by d.period_end, p.child_id
),

cla_children as (
    select
        c.period_end,
        c.CHILD,
        exists(
            select 1 from {{ ref('int_cin__disabilities') }} as x where x.child_id = c.CHILD
        ) as is_disabled
    from {{ ref('int_indicators__children_at_period') }} as c
),

member_rows as (
    {%- for m in cin_indicator_measures() %}
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
    {{ "union all" if not loop.last }}
    {%- endfor %}
)

select r.*
from member_rows as r
inner join computable as c
    on c.indicator_id = r.indicator_id and c.period_end = r.period_end and c.is_computable
