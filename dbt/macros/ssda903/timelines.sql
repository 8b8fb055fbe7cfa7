{#- Resolving a period of care's legal statuses or placements into one contiguous timeline
    (spec/inputs.md: gaps and overlaps are resolved by a documented, deterministic rule).

    `candidates` is a relation (CTE name) with one row per record that touches a period:
    period_key, record_id, start_date, own_end (null = open; an end before the start is
    already replaced by the start), period_start, period_end (null = open).

    Records are ordered by (start_date, record_id). The rule:
      - overlap: the later-starting record wins from its start (the earlier one ends there);
      - gap between two records: the earlier record is extended to the next start;
      - gap at the period's start: the first record is extended back to the period start;
      - gap at the period's end: the last record is extended to the period end (or stays
        open with an open period).
    So the resolved segments [resolved_start, resolved_end) tile the period exactly; a
    record whose segment is empty (it starts the same day as the next) has is_used false.
    The flags say which fault was found, for int_mosaic__timeline_faults. -#}
{% macro timeline_resolution(candidates) -%}
    select
        *,
        case when seq = 1 then period_start else greatest(start_date, period_start) end
            as resolved_start,
        case when next_start is null then period_end else greatest(next_start, period_start) end
            as resolved_end,
        seq = 1 and start_date > period_start as has_gap_before,
        next_start is not null
            and coalesce(clipped_end, date '9999-12-31') > greatest(next_start, period_start)
            as has_overlap_next,
        next_start is not null
            and clipped_end is not null
            and clipped_end < next_start
            and next_start > period_start
            as has_gap_next,
        next_start is null
            and clipped_end is not null
            and (period_end is null or clipped_end < period_end)
            as has_gap_at_end
    from (
        select
            *,
            row_number() over w as seq,
            lead(start_date) over w as next_start,
            lead(record_id) over w as next_record_id,
            case
                when own_end is null then period_end
                when period_end is null then own_end
                else least(own_end, period_end)
            end as clipped_end
        from {{ candidates }}
        window w as (partition by period_key order by start_date, record_id)
    )
{%- endmacro %}

{#- A date as the 903 files write it (dd/mm/yyyy); 'blank' for null, for finding texts. -#}
{% macro finding_date(column) -%}
    coalesce(strftime({{ column }}, '%d/%m/%Y'), 'blank')
{%- endmacro %}
