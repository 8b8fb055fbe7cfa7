-- Children looked after at each date P (int_indicators__dates), one row per child and P:
-- the non-short-break episode covering P (macro looked_after_at: DECOM <= P and DEC null
-- or after P; where a child's episodes overlap, the one with the latest DECOM), its period
-- of care, the header (SEX, DOB, ETHNIC), age at P in completed years (clamped month arithmetic: a 29 February
-- child turns a year older on 28 February in other years; null without a DOB) and UASC at
-- P (in ssda903_uasc with DUC null or after P). The base of every "at P" indicator.
with dates as (
    select period_end, window_start from {{ ref('int_indicators__dates') }}
),

covering as (
    {{ looked_after_at(ref('int_episodes_chained'), 'dates') }}
)

select
    c.CHILD,
    c.period_end,
    c.window_start,
    c.DECOM,
    c.DEC,
    c.RNE,
    c.LS,
    c.CIN,
    c.PLACE,
    c.PLACE_PROVIDER,
    c.HOME_POST,
    c.PL_POST,
    c.URN,
    c.period_of_care_number,
    c.period_of_care_start,
    h.SEX,
    h.DOB,
    h.ETHNIC,
    case
        when h.DOB is not null and h.DOB <= c.period_end then {{ age_at('h.DOB', 'c.period_end') }}
    end as age_at_period_end,
    coalesce(u.CHILD is not null and (u.DUC is null or u.DUC > c.period_end), false) as is_uasc
from covering as c
left join {{ ref('ssda903_header') }} as h on h.CHILD = c.CHILD
left join {{ ref('ssda903_uasc') }} as u on u.CHILD = c.CHILD
