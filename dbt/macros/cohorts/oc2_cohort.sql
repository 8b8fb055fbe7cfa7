{#- The OC2 cohort (indicators.md "Health"), the one definition the indicators, the Mosaic
    derivation of the OC2 table and the quality rules use. Plain Jinja (see
    periods_of_care.sql): rendered from Python by dagster_project/dbt_macros.py too.

    oc2_cohort(episodes, dates): one row per child in the OC2 cohort at P, for every row of
    `dates` (period_end = P, window_start = W.start: for a collection year, 31 March and the
    1 April before it). `episodes` is any relation with the 903 episode columns (CHILD,
    DECOM, DEC, LS, REC; short breaks included: they are removed here).

    Cohort at P: looked after at P (a non-short-break episode covers P; where episodes
    overlap, the one with the latest DECOM) and the period of care covering P started on or
    before W.start, i.e. looked after continuously for at least 12 months. Columns:
    period_end, window_start, CHILD, DECOM (of the episode covering P),
    period_of_care_number, period_of_care_start. -#}
{% macro oc2_cohort(episodes, dates) -%}
    select
        period_end,
        window_start,
        CHILD,
        DECOM,
        period_of_care_number,
        period_of_care_start
    from ({{ looked_after_at('(' ~ episodes_chained(episodes) ~ ')', dates) }})
    where period_of_care_start <= window_start
{%- endmacro %}
