{#- "Former relevant" (indicators.md, OC3 cohort), in one place for the OC3 cohort (read on
    each 17th-21st birthday) and the care-leaver EET snapshot (read on the reporting date).

    care_since_14(people, on): one row per (period_end, CHILD) of `people` (a CTE with
    period_end, CHILD, DOB and the date column `on`), from the non-short-break episodes as
    [DECOM, DEC): days looked after between the 14th birthday and `on`, the latest DEC on or
    before `on`, and whether an episode covers `on` (care ending on that day itself counts
    as left).
    is_former_relevant(care, person): at least 91 such days, that latest DEC on or after the
    16th birthday, and not looked after on the date. -#}
{% macro care_since_14(people, on) -%}
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
    inner join {{ ref('int_episodes_chained') }} as e
        on e.CHILD = p.CHILD and e.DECOM <= p.{{ on }}
    group by p.period_end, p.CHILD
{%- endmacro %}

{% macro is_former_relevant(care, person) -%}
    (
        {{ care }}.days_looked_after_since_14 >= 91
        and {{ care }}.last_care_end >= {{ birthday(person ~ '.DOB', 16) }}
        and not {{ care }}.looked_after_on_date
    )
{%- endmacro %}
