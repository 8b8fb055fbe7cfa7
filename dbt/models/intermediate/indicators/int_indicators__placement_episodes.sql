-- Placements and carer stretches (indicators.md "Temporary placements", "Carer stretch" and
-- "Resolved details"), one row per non-short-break episode of int_episodes_chained.
-- Temporary episodes (PLACE T0-T4) are flagged and take no part in placements or stretches.
-- A non-temporary episode continues a placement when the episode just before it (DECOM
-- order) is temporary and the last non-temporary episode before that run has the same
-- PLACE, URN and PL_POST (blank equals blank; postcodes compared without spaces,
-- upper-cased). Over non-temporary episodes only:
-- - counts_as_new_placement: not a continuation and RNE in S, P, T, B, U;
-- - starts_stretch: not a continuation and RNE not L, T or U (S, P, B, blank or invalid);
--   the walk back does not stop at a period-of-care boundary;
-- - stretch_start: DECOM of the latest stretch-starting episode at or before this one;
--   a walk that runs out starts at the child's first non-temporary episode;
-- - previous_stretch_start / previous_stretch_period_of_care: the stretch just before
--   (null when none), for the placed-for-adoption clause.
with episodes as (
    select
        CHILD,
        DECOM,
        DEC,
        RNE,
        PLACE,
        URN,
        PL_POST,
        period_of_care_number,
        coalesce(PLACE, '') in ('T0', 'T1', 'T2', 'T3', 'T4') as is_temporary,
        coalesce(PLACE, '') as place_key,
        coalesce(upper(trim(URN)), '') as urn_key,
        coalesce({{ postcode_key('PL_POST') }}, '') as pl_post_key
    from {{ ref('int_episodes_chained') }}
),

neighbours as (
    select
        *,
        coalesce(lag(is_temporary) over w, false) as follows_temporary,
        max(case when not is_temporary then DECOM end) over (
            w rows between unbounded preceding and 1 preceding
        ) as previous_placement_decom
    from episodes
    window w as (partition by CHILD order by DECOM)
),

placements as (
    select
        n.*,
        coalesce(
            not n.is_temporary
            and n.follows_temporary
            and p.place_key = n.place_key
            and p.urn_key = n.urn_key
            and p.pl_post_key = n.pl_post_key,
            false
        ) as continues_placement
    from neighbours as n
    left join episodes as p
        on p.CHILD = n.CHILD and p.DECOM = n.previous_placement_decom
),

flagged as (
    select
        *,
        not continues_placement and coalesce(RNE, '') in ('S', 'P', 'T', 'B', 'U')
            as counts_as_new_placement,
        not continues_placement and coalesce(RNE, '') not in ('L', 'T', 'U') as starts_stretch
    from placements
    where not is_temporary
),

numbered as (
    select
        *,
        cast(sum(case when starts_stretch then 1 else 0 end) over (
            partition by CHILD order by DECOM rows between unbounded preceding and current row
        ) as integer) as stretch_number
    from flagged
),

stretches as (
    select
        CHILD,
        stretch_number,
        min(DECOM) as stretch_start,
        arg_min(period_of_care_number, DECOM) as stretch_period_of_care
    from numbered
    group by CHILD, stretch_number
),

non_temporary as (
    select
        n.CHILD,
        n.DECOM,
        n.DEC,
        n.RNE,
        n.PLACE,
        n.URN,
        n.PL_POST,
        n.period_of_care_number,
        false as is_temporary,
        n.continues_placement,
        n.counts_as_new_placement,
        n.starts_stretch,
        n.stretch_number,
        s.stretch_start,
        s.stretch_period_of_care,
        p.stretch_start as previous_stretch_start,
        p.stretch_period_of_care as previous_stretch_period_of_care
    from numbered as n
    inner join stretches as s on s.CHILD = n.CHILD and s.stretch_number = n.stretch_number
    left join stretches as p on p.CHILD = n.CHILD and p.stretch_number = n.stretch_number - 1
),

temporary as (
    select
        CHILD,
        DECOM,
        DEC,
        RNE,
        PLACE,
        URN,
        PL_POST,
        period_of_care_number,
        true as is_temporary,
        false as continues_placement,
        false as counts_as_new_placement,
        false as starts_stretch,
        cast(null as integer) as stretch_number,
        cast(null as date) as stretch_start,
        cast(null as integer) as stretch_period_of_care,
        cast(null as date) as previous_stretch_start,
        cast(null as integer) as previous_stretch_period_of_care
    from episodes
    where is_temporary
)

select * from non_temporary
union all
select * from temporary
