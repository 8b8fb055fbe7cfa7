{#- Periods of care and "looked after at P" (indicators.md "Common terms"), in one place for
    the dbt models and for the quality rules, which render these macros from Python
    (dagster_project/dbt_macros.py). So: plain Jinja only, no ref(), source(), var() or
    adapter calls; relations come in as arguments (a table name, a CTE name, or a
    parenthesised subquery). -#}

{#- episodes_chained(episodes): the non-short-break episodes of `episodes` (any relation with
    the 903 episode columns CHILD, DECOM, DEC, LS, REC; other columns are kept) with their
    period of care. Short breaks (LS V3, V4) are removed first, so one inside a chain splits
    it; an episode with a blank LS is not a short break; a row without a DECOM cannot be
    placed and is left out. A period of care is a chain of a child's episodes in DECOM order
    where each next DECOM equals the previous DEC and the previous REC is X1. Adds
    period_of_care_number (1-based, in DECOM order), starts_period_of_care and
    period_of_care_start (DECOM of the chain's first episode). -#}
{% macro episodes_chained(episodes) -%}
    select
        * exclude (chain_break),
        chain_break = 1 as starts_period_of_care,
        min(DECOM) over (partition by CHILD, period_of_care_number) as period_of_care_start
    from (
        select
            *,
            cast(sum(chain_break) over (
                partition by CHILD order by DECOM, DEC nulls last
                rows between unbounded preceding and current row
            ) as integer) as period_of_care_number
        from (
            select
                *,
                case
                    when lag(DEC) over chain_order = DECOM and lag(REC) over chain_order = 'X1'
                        then 0
                    else 1
                end as chain_break
            from {{ episodes }}
            where DECOM is not null and coalesce(LS, '') not in ('V3', 'V4')
            window chain_order as (partition by CHILD order by DECOM, DEC nulls last)
        )
    )
{%- endmacro %}

{#- looked_after_at(chained, dates): the episode covering each date, one row per child looked
    after at P and date: for every row of `dates` (period_end = P, window_start = W.start,
    and any other columns, which are dropped) the episode of `chained` (the output of
    episodes_chained) with DECOM <= P and DEC null or after P; where a child's episodes
    overlap, the one with the latest DECOM. DEC = P is not looked after at P. -#}
{% macro looked_after_at(chained, dates) -%}
    select
        d.period_end,
        d.window_start,
        e.*
    from {{ dates }} as d
    inner join {{ chained }} as e
        on e.DECOM <= d.period_end and (e.DEC is null or e.DEC > d.period_end)
    qualify row_number() over (partition by e.CHILD, d.period_end order by e.DECOM desc) = 1
{%- endmacro %}
