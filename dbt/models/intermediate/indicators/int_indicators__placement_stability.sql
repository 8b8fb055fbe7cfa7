-- Placement stability of each child looked after at P (indicators.md "Placement
-- stability"), one row per child and P, from int_indicators__placement_episodes.
-- placements_in_window: the child's non-temporary episodes overlapping W (DECOM <= P and DEC
-- null or after W.start) in DECOM order; the first counts 1, each later one 1 more when it
-- counts as a new placement (RNE S, P, T, B or U and not continuing a placement after a
-- temporary run). Long-term stability: in the denominator when aged under 16 at P (no DOB:
-- not in it) and the period of care covering P started on or before P - 30 months (clamped;
-- inclusive). The stretch covering P is that of the episode covering P, or when that
-- episode is temporary, of the child's latest non-temporary episode with DECOM <= P. Stable
-- when the stretch started on or before P - 24 months (inclusive); placed for adoption at P
-- (PLACE A3-A6 on the episode covering P): the stretch just before counts too when it starts
-- in the same period of care (else the clause reduces to the current stretch).
with children as (
    select
        CHILD,
        period_end,
        window_start,
        DECOM as covering_decom,
        PLACE as covering_place,
        period_of_care_number,
        period_of_care_start,
        age_at_period_end
    from {{ ref('int_indicators__children_at_period') }}
),

placements as (
    select *
    from {{ ref('int_indicators__placement_episodes') }}
    where not is_temporary
),

window_episodes as (
    select
        c.CHILD,
        c.period_end,
        p.counts_as_new_placement,
        row_number() over (partition by c.CHILD, c.period_end order by p.DECOM) as position
    from children as c
    inner join placements as p
        on
            p.CHILD = c.CHILD
            and p.DECOM <= c.period_end
            and (p.DEC is null or p.DEC > c.window_start)
),

placement_counts as (
    select
        CHILD,
        period_end,
        count(*) filter (where position = 1 or counts_as_new_placement) as placements_in_window
    from window_episodes
    group by CHILD, period_end
),

current_stretch as (
    select
        c.CHILD,
        c.period_end,
        p.DECOM as stretch_episode_decom,
        p.stretch_start,
        p.previous_stretch_start,
        p.previous_stretch_period_of_care
    from children as c
    inner join placements as p on p.CHILD = c.CHILD and p.DECOM <= c.period_end
    qualify row_number() over (
        partition by c.CHILD, c.period_end
        order by (p.DECOM = c.covering_decom) desc, p.DECOM desc
    ) = 1
),

assessed as (
    select
        c.CHILD,
        c.period_end,
        c.period_of_care_start,
        c.age_at_period_end,
        coalesce(n.placements_in_window, 0) as placements_in_window,
        s.stretch_episode_decom,
        s.stretch_start,
        coalesce(c.covering_place, '') in ('A3', 'A4', 'A5', 'A6') as placed_for_adoption,
        case
            when
                coalesce(c.covering_place, '') in ('A3', 'A4', 'A5', 'A6')
                and s.previous_stretch_period_of_care = c.period_of_care_number
                then s.previous_stretch_start
            else s.stretch_start
        end as stability_start,
        {{ add_months('c.period_end', -30) }} as care_start_cutoff,
        {{ add_months('c.period_end', -24) }} as stretch_start_cutoff
    from children as c
    left join placement_counts as n on n.CHILD = c.CHILD and n.period_end = c.period_end
    left join current_stretch as s on s.CHILD = c.CHILD and s.period_end = c.period_end
)

select
    *,
    placements_in_window >= 3 as has_3plus_placements,
    coalesce(age_at_period_end < 16 and period_of_care_start <= care_start_cutoff, false)
        as in_long_term_cohort,
    coalesce(
        age_at_period_end < 16
        and period_of_care_start <= care_start_cutoff
        and stability_start <= stretch_start_cutoff,
        false
    ) as is_long_term_stable
from assessed
