{#- The OC3 cohort and "former relevant" (indicators.md "Care leavers", "Resolved details"),
    the one definition the indicators, the Mosaic derivation of the OC3 table, the care-leaver
    EET snapshot and the quality rules use. Plain Jinja (see periods_of_care.sql): rendered
    from Python by dagster_project/dbt_macros.py too. -#}

{#- care_since_14(chained, people, on): one row per (period_end, CHILD) of `people` (period_end,
    CHILD, DOB and the date column `on`), from `chained` (the output of episodes_chained: no
    short breaks) as [DECOM, DEC): days looked after between the 14th birthday and `on`, the
    latest DEC on or before `on`, and whether an episode covers `on` (care ending on that day
    itself counts as left). -#}
{% macro care_since_14(chained, people, on) -%}
    select
        p.period_end,
        p.CHILD,
        sum(
            greatest(
                0,
                least(coalesce(e.DEC, p.{{ on }}), p.{{ on }})
                - greatest(e.DECOM, {{ birthday('p.DOB', 14) }})
            )
        ) as days_looked_after_since_14,
        max(case when e.DEC <= p.{{ on }} then e.DEC end) as last_care_end,
        coalesce(bool_or(e.DEC is null or e.DEC > p.{{ on }}), false) as looked_after_on_date
    from {{ people }} as p
    inner join {{ chained }} as e
        on e.CHILD = p.CHILD and e.DECOM <= p.{{ on }}
    group by p.period_end, p.CHILD
{%- endmacro %}

{#- is_former_relevant(care, person): at least 91 days looked after since the 14th birthday,
    the latest DEC on or before the date on or after the 16th birthday, and not looked after
    on the date (`care` a care_since_14 row, `person` a row with DOB). -#}
{% macro is_former_relevant(care, person) -%}
    (
        {{ care }}.days_looked_after_since_14 >= 91
        and {{ care }}.last_care_end >= {{ birthday(person ~ '.DOB', 16) }}
        and not {{ care }}.looked_after_on_date
    )
{%- endmacro %}

{#- oc3_birthdays(people, dates): each 17th to 21st birthday b (clamped month arithmetic: a
    29 February child's birthday is 28 February in other years) falling in a window of
    `dates` (period_end, window_start), for every person of `people` (CHILD, DOB) with a DOB.
    A window holds at most one of a person's birthdays. -#}
{% macro oc3_birthdays(people, dates) -%}
    {#- each person's five birthdays first, then a range join to the windows: a cross join
        of every date with every person computed the clamped birthday dates x people x 5
        times (a nested loop; a quarter of int_oc3_cohort's time at 250,000 children) #}
    select
        d.period_end,
        d.window_start,
        p.CHILD,
        p.DOB,
        p.birthday_age,
        p.birthday
    from (
        select
            b.CHILD,
            b.DOB,
            cast(k.age as integer) as birthday_age,
            {{ birthday('b.DOB', 'k.age') }} as birthday
        from (select CHILD, DOB from {{ people }} where DOB is not null) as b
        cross join range(17, 22) as k (age)
    ) as p
    inner join {{ dates }} as d
        on p.birthday >= d.window_start and p.birthday <= d.period_end
{%- endmacro %}

{#- oc3_cohort(episodes, people, dates): one row per young person in the OC3 cohort for P, for
    every row of `dates` (period_end = P, window_start = W.start). `episodes`: any relation
    with the 903 episode columns (CHILD, DECOM, DEC, LS, REC; short breaks are removed
    here); `people`: CHILD and DOB (the 903 header).

    Cohort for P: a 17th to 21st birthday b in W; former relevant on b: at least 91 days
    looked after between the 14th birthday and b (non-short-break episodes as [DECOM, DEC)),
    the latest DEC on or before b on or after the 16th birthday, and no episode covers b
    (care ending on b itself counts as left). Columns: period_end, window_start, CHILD, DOB,
    birthday_age, birthday, age_group (17_18 or 19_21, by that birthday),
    days_looked_after_since_14, last_care_end. -#}
{% macro oc3_cohort(episodes, people, dates) -%}
    select
        b.period_end,
        b.window_start,
        b.CHILD,
        b.DOB,
        b.birthday_age,
        b.birthday,
        case when b.birthday_age <= 18 then '17_18' else '19_21' end as age_group,
        c.days_looked_after_since_14,
        c.last_care_end
    from ({{ oc3_birthdays(people, dates) }}) as b
    inner join (
        {{ care_since_14(
            '(' ~ episodes_chained(episodes) ~ ')',
            '(' ~ oc3_birthdays(people, dates) ~ ')',
            'birthday'
        ) }}
    ) as c on c.CHILD = b.CHILD and c.period_end = b.period_end
    where {{ is_former_relevant('c', 'b') }}
{%- endmacro %}
