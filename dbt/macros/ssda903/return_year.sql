{#- One collection year's SSDA903 return cut from the whole history (spec/inputs.md §2), in
    one place for the quality rules (the return a Mosaic extract implies) and `cla
    export-903` (the files an LA submits), which render it from Python
    (dagster_project/dbt_macros.py). Plain Jinja only: relations and dates come in as
    arguments (a relation name or a parenthesised subquery; SQL date literals).

    return_year_rows(table, relation, start, end, children): the rows of `relation` (the
    903 table `table`, any relation with its columns) that the return for the year from
    `start` (1 April) to `end` (31 March) carries, every column kept:

    - episodes: DECOM on or before 31 March and DEC blank or on or after 1 April; an end
      after 31 March (DEC, REC, REASON_PLACE_CHANGE) blank, as it was not known then;
    - missing: incidents not over before 1 April whose start is not after 31 March (a
      blank MIS_START included: the return carries the row, and rules flag it); MIS_END
      blank when after 31 March;
    - reviews: reviews dated in the year;
    - header: the children of `children` (the year's episodes and OC3 cohort, DfE's
      header); uasc: those of them still UASC at some time in the year (DUC blank or on or
      after 1 April), DUC blank when after 31 March;
    - oc2, oc3, ad1, placed_for_adoption, previous_permanence, sw_episodes: YEAR = the
      year of `end`. -#}
{% macro return_year_rows(table, relation, start, end, children=none) -%}
    {%- if table == 'episodes' -%}
    select * replace (
        case when DEC > {{ end }} then null else DEC end as DEC,
        case when DEC > {{ end }} then null else REC end as REC,
        case when DEC > {{ end }} then null else REASON_PLACE_CHANGE end as REASON_PLACE_CHANGE
    )
    from {{ relation }}
    where DECOM <= {{ end }} and (DEC is null or DEC >= {{ start }})
    {%- elif table == 'missing' -%}
    select * replace (case when MIS_END > {{ end }} then null else MIS_END end as MIS_END)
    from {{ relation }}
    where (MIS_START is null or MIS_START <= {{ end }})
        and (MIS_END is null or MIS_END >= {{ start }})
    {%- elif table == 'reviews' -%}
    select * from {{ relation }} where REVIEW between {{ start }} and {{ end }}
    {%- elif table == 'header' -%}
    select * from {{ relation }} where CHILD in (select CHILD from {{ children }})
    {%- elif table == 'uasc' -%}
    select * replace (case when DUC > {{ end }} then null else DUC end as DUC)
    from {{ relation }}
    where CHILD in (select CHILD from {{ children }}) and (DUC is null or DUC >= {{ start }})
    {%- else -%}
    select * from {{ relation }} where YEAR = year({{ end }})
    {%- endif -%}
{%- endmacro %}
