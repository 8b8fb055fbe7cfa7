-- The reporting LA's population aged 0 to 17, one row per calendar year with an estimate,
-- and the year of the next estimate, so the "latest estimate on or before year Y" lookup
-- the CLA rate needs is one join:
--   on year(w_start) >= calendar_year
--  and (next_calendar_year is null or year(w_start) < next_calendar_year)
-- (cla_rate_per_10k uses the calendar year in which the window W starts.)
select
    population.calendar_year,
    lead(population.calendar_year) over (order by population.calendar_year)
        as next_calendar_year,
    population.population_0_17,
    population.source,
    population.source_file,
    reporting_la.old_la_code,
    reporting_la.new_la_code
from {{ ref('int_comparators__population') }} as population
inner join {{ ref('int_comparators__reporting_la') }} as reporting_la
    on population.geographic_level = 'local_authority'
    and (
        population.old_la_code = reporting_la.old_la_code
        or population.new_la_code = reporting_la.new_la_code
    )
