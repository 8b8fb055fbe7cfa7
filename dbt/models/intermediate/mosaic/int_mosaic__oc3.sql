-- The OC3 cohort and care-leaver statuses derived from the Mosaic extract, one row per
-- cohort member and date: every date of macro cohort_dates (the indicators' dates and each
-- collection year's 31 March) when the run's source is Mosaic; empty otherwise. The cohort
-- is macro oc3_cohort over the Mosaic episodes and persons (the one definition the
-- indicators and the quality rules use). Statuses: the care-leaver contact nearest the
-- birthday b within [b - 3 months, b + 1 month]; at equal distance the later contact (same
-- day: the later file row). None: statuses null, has_status false (in the denominators
-- only). YEAR is set at 31 March of a collection year: those rows are core ssda903_oc3's.
with dates as (
    select period_end, window_start
    from ({{ cohort_dates() }})
    where '{{ var("source_system") }}' = 'mosaic'
),

cohort as (
    {{ oc3_cohort(ref('int_mosaic__episodes'), ref('int_mosaic__header'), 'dates') }}
),

nearest_contacts as (
    select
        c.CHILD,
        c.period_end,
        k.in_touch,
        k.activity,
        k.accommodation
    from cohort as c
    inner join {{ ref('stg_mosaic__care_leaver_contacts') }} as k
        on
            k.person_id = c.CHILD
            and k.contact_date between {{ add_months('c.birthday', -3) }}
            and {{ add_months('c.birthday', 1) }}
    qualify row_number() over (
        partition by c.CHILD, c.period_end
        order by abs(k.contact_date - c.birthday), k.contact_date desc, k._source_file desc,
            k._row_number desc
    ) = 1
)

select
    c.CHILD,
    c.period_end,
    c.window_start,
    c.DOB,
    c.birthday,
    c.birthday_age,
    c.age_group,
    c.days_looked_after_since_14,
    c.last_care_end,
    n.in_touch as IN_TOUCH,
    n.activity as ACTIV,
    n.accommodation as ACCOM,
    n.CHILD is not null as has_status,
    y.collection_year as YEAR
from cohort as c
left join nearest_contacts as n on n.CHILD = c.CHILD and n.period_end = c.period_end
left join {{ ref('int_collection_years') }} as y on y.year_end = c.period_end
