-- Missing and away indicators at each date P (indicators.md "Missing and away from
-- placement"). Denominator: children looked after during W (a non-short-break episode with
-- DECOM <= P and DEC null or after W.start). missing_incident_pct / away_incident_pct
-- numerator: those with at least one incident with MISSING M / A starting in W (MIS_START
-- between W.start and P), whether or not they were in care that day. missing_incidents: the
-- number of M incidents starting in W of those children (a count: value = numerator).
with dates as (
    select period_end, window_start from {{ ref('int_indicators__dates') }}
),

looked_after_during as (
    select distinct
        d.period_end,
        d.window_start,
        e.CHILD
    from dates as d
    inner join {{ ref('int_episodes_chained') }} as e
        on e.DECOM <= d.period_end and (e.DEC is null or e.DEC > d.window_start)
),

incidents as (
    select
        c.period_end,
        c.CHILD,
        count(*) filter (where m.MISSING = 'M') as missing_incidents,
        count(*) filter (where m.MISSING = 'A') as away_incidents
    from looked_after_during as c
    inner join {{ ref('ssda903_missing') }} as m
        on m.CHILD = c.CHILD and m.MIS_START between c.window_start and c.period_end
    group by c.period_end, c.CHILD
),

totals as (
    select
        d.period_end,
        (select count(*) from looked_after_during as c where c.period_end = d.period_end)
            as looked_after,
        cast(count(*) filter (where i.missing_incidents > 0) as bigint) as with_missing,
        cast(count(*) filter (where i.away_incidents > 0) as bigint) as with_away,
        cast(coalesce(sum(i.missing_incidents), 0) as bigint) as missing_incidents
    from dates as d
    left join incidents as i on i.period_end = d.period_end
    group by d.period_end
)

select
    'missing_incident_pct' as indicator_id,
    period_end,
    with_missing as numerator,
    looked_after as denominator,
    {{ percentage('with_missing', 'looked_after') }} as value,
    cast(null as varchar) as note
from totals
union all
select
    'away_incident_pct' as indicator_id,
    period_end,
    with_away as numerator,
    looked_after as denominator,
    {{ percentage('with_away', 'looked_after') }} as value,
    cast(null as varchar) as note
from totals
union all
select
    'missing_incidents' as indicator_id,
    period_end,
    missing_incidents as numerator,
    cast(null as bigint) as denominator,
    cast(missing_incidents as double) as value,
    cast(null as varchar) as note
from totals
