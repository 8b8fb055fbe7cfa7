-- review_participation_pct at each date P (indicators.md "Reviews"): reviews (ssda903_reviews,
-- every review, not only of children in care at P) dated in W of children aged 4 or over at
-- the review by the header DOB (ssda903_header; no DOB: the age is unknown and the review is
-- left out). Denominator: those reviews; numerator: REVIEW_CODE PN1 to PN7 (PN0 or blank
-- stays in the denominator). A percentage of reviews, not of children.
with dates as (
    select period_end, window_start from {{ ref('int_indicators__dates') }}
),

reviews as (
    select
        d.period_end,
        r.REVIEW_CODE
    from dates as d
    inner join {{ ref('ssda903_reviews') }} as r
        on r.REVIEW between d.window_start and d.period_end
    inner join {{ ref('ssda903_header') }} as h on h.CHILD = r.CHILD
    where h.DOB is not null and h.DOB <= r.REVIEW and {{ age_at('h.DOB', 'r.REVIEW') }} >= 4
),

totals as (
    select
        d.period_end,
        count(r.period_end) as reviews,
        count(r.period_end) filter (
            where r.REVIEW_CODE in ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7')
        ) as participated
    from dates as d
    left join reviews as r on r.period_end = d.period_end
    group by d.period_end
)

select
    'review_participation_pct' as indicator_id,
    period_end,
    participated as numerator,
    reviews as denominator,
    {{ percentage('participated', 'reviews') }} as value,
    cast(null as varchar) as note
from totals
