-- Children who ceased to be looked after (indicators.md "Activity"), one row per child, date
-- P and window: '12_months' (W) or 'year_to_date' ([1 April, P]). A child counts when a
-- non-short-break episode's DEC falls in the window and its REC is not X1 (a blank REC
-- counts as ceased); once, on the last such episode (latest DEC, then latest DECOM), whose
-- REC gives the reason: its category in the code list (adopted E11 E12, sgo E43-E48, cao
-- E41, returned_home E4A E4B E13, independent_living E5 E6, staying_put E17, adult_care E7,
-- custody E9, other for the rest); a blank or unlisted REC -> other.
with dates as (
    select period_end, window_start, ytd_start from {{ ref('int_indicators__dates') }}
),

windows as (
    select period_end, '12_months' as window_kind, window_start as from_date from dates
    union all
    select period_end, 'year_to_date' as window_kind, ytd_start as from_date from dates
),

reasons as (
    select code, category
    from {{ ref('code_lists') }}
    where field = 'REC'
),

last_ceasing as (
    select
        w.period_end,
        w.window_kind,
        w.from_date,
        e.CHILD,
        e.DECOM,
        e.DEC,
        e.REC
    from windows as w
    inner join {{ ref('int_episodes_chained') }} as e
        on e.DEC between w.from_date and w.period_end and coalesce(e.REC, '') <> 'X1'
    qualify row_number() over (
        partition by w.period_end, w.window_kind, e.CHILD order by e.DEC desc, e.DECOM desc
    ) = 1
)

select
    l.CHILD,
    l.period_end,
    l.window_kind,
    l.from_date,
    l.DECOM,
    l.DEC,
    l.REC,
    coalesce(r.category, 'other') as reason_category
from last_ceasing as l
left join reasons as r on r.code = l.REC
