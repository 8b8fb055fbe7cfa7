{#- The OC2 cohort: children looked after continuously for at least 12 months at P. The one
    definition the indicators (int_oc2_cohort), the Mosaic derivation of the OC2 table
    (int_mosaic__oc2) and the DfE quality rules (rendered from Python by
    dagster_project/dbt_macros.py over the return being checked) use. Plain Jinja (see
    periods_of_care.sql).

    It is DfE's own derived item LOOKED_AFTER_CONTINUOUSLY (CLA SSDA903 validation rules,
    "derived and calculated fields"), with the collection year [collection_start,
    collection_end] generalised to any window [W.start, P]: a child with an episode during
    the window (DECOM <= P and DEC blank or on or after W.start) is in the cohort unless one
    of their episodes
      - starts care in the window: RNE S and W.start < DECOM <= P;
      - ends care in the window: REC other than X1 (or blank) and W.start <= DEC < P;
      - is a short break in the window: LS V3 or V4 and during the window.
    So a child who ceased care on P itself is in the cohort (DEC < P ends care), as DfE's
    validator has it. On episodes that chain cleanly (a new period of care starts with RNE S
    and ends with a REC other than X1) this is spec/indicators.md's "looked after at P in a
    period of care that started on or before W.start"; where the codes and dates disagree,
    DfE's codes decide (docs/indicators.md, "The OC2 cohort").

    oc2_cohort(episodes, dates): one row per cohort child for every row of `dates`
    (period_end = P, window_start = W.start; other columns are ignored). `episodes` is any
    relation with the 903 episode columns CHILD, DECOM, DEC, RNE, LS, REC (dates typed). An
    episode without a DECOM counts only where it ends care in the window. Columns: period_end,
    window_start, CHILD. -#}
{% macro oc2_cohort(episodes, dates) -%}
    select
        d.period_end,
        d.window_start,
        e.CHILD
    from {{ dates }} as d
    inner join {{ episodes }} as e
        on
            least(e.DECOM, e.DEC) <= d.period_end
            and (e.DEC is null or e.DEC >= d.window_start)
    where e.CHILD is not null
    group by d.period_end, d.window_start, e.CHILD
    having
        coalesce(bool_or(e.DECOM <= d.period_end), false)
        and not bool_or(coalesce(
            (e.RNE = 'S' and e.DECOM > d.window_start and e.DECOM <= d.period_end)
            or (coalesce(e.REC, '') <> 'X1' and e.DEC < d.period_end)
            or (e.LS in ('V3', 'V4') and e.DECOM <= d.period_end),
            false
        ))
{%- endmacro %}
