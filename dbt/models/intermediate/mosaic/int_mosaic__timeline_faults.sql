-- One finding row per timeline fault in the latest Mosaic extract, with the rule applied to
-- resolve it (spec/inputs.md §1: report, resolve deterministically, drop no period
-- silently). The resolution is what int_mosaic__episodes does; severity is decided by
-- the quality layer. Texts carry IDs and dates only.
with periods as (
    select * from {{ ref('int_mosaic__periods_resolved') }}
),

legal_statuses as (
    select * from {{ ref('int_mosaic__legal_statuses_resolved') }}
),

placements as (
    select * from {{ ref('int_mosaic__placements_resolved') }}
),

period_findings as (
    select
        'PERIOD_NO_PERSON' as rule_id,
        person_id,
        period_of_care_id,
        'period_of_care' as record_type,
        period_of_care_id as record_id,
        cast(null as varchar) as related_record_id,
        start_date as fault_start,
        end_date as fault_end,
        'PERSON_ID' as fields,
        'PERSON_ID blank' as field_values,
        'period not used: no episodes derived (no child to attach them to)' as resolution,
        _source_file,
        _row_number
    from periods
    where person_id is null

    union all

    select
        'PERIOD_UNDATED',
        person_id,
        period_of_care_id,
        'period_of_care',
        period_of_care_id as record_id,
        null,
        null,
        end_date,
        'START_DATE',
        'START_DATE blank or not a date',
        'period not used: no episodes derived until START_DATE is corrected',
        _source_file,
        _row_number
    from periods
    where person_id is not null and start_date is null

    union all

    select
        'PERIOD_DUPLICATE_ID',
        person_id,
        period_of_care_id,
        'period_of_care',
        period_of_care_id as record_id,
        null,
        start_date,
        end_date,
        'PERIOD_OF_CARE_ID',
        'PERIOD_OF_CARE_ID ' || period_of_care_id || ' appears more than once',
        'this row not used: the last row with this PERIOD_OF_CARE_ID in the file is used',
        _source_file,
        _row_number
    from periods
    where is_duplicate and person_id is not null and start_date is not null

    union all

    select
        'PERIOD_END_BEFORE_START',
        person_id,
        period_of_care_id,
        'period_of_care',
        period_of_care_id as record_id,
        null,
        end_date,
        start_date,
        'START_DATE, END_DATE',
        'START_DATE ' || {{ finding_date('start_date') }}
        || ', END_DATE ' || {{ finding_date('end_date') }},
        'END_DATE and REASON_ENDED ignored: the period is derived as still open',
        _source_file,
        _row_number
    from periods
    where is_used and ends_before_start

    union all

    select
        'PERIOD_OVERLAP',
        person_id,
        period_of_care_id,
        'period_of_care',
        period_of_care_id as record_id,
        overlapped_period_id,
        start_date,
        overlapped_period_end,
        'START_DATE, END_DATE',
        'starts ' || {{ finding_date('start_date') }} || ' before period '
        || coalesce(overlapped_period_id, 'blank') || ' ends ('
        || coalesce(strftime(overlapped_period_end, '%d/%m/%Y'), 'open') || ')',
        'not resolved: both periods derived as given, so the child has overlapping episodes',
        _source_file,
        _row_number
    from periods
    where overlapped_period_key is not null

    union all

    select
        'LEGAL_STATUS_MISSING',
        p.person_id,
        p.period_of_care_id,
        'period_of_care',
        p.period_of_care_id as record_id,
        null,
        p.start_date,
        p.cut_end,
        'LEGAL_STATUS',
        'no legal status in force during the period',
        'episodes derived with LS blank',
        p._source_file,
        p._row_number
    from periods as p
    where
        p.is_used
        and not exists (
            select 1 from legal_statuses as l where l.period_key = p.period_key and l.is_used
        )

    union all

    select
        'PLACEMENT_MISSING',
        p.person_id,
        p.period_of_care_id,
        'period_of_care',
        p.period_of_care_id as record_id,
        null,
        p.start_date,
        p.cut_end,
        'PLACEMENT_ID',
        'no placement in the period',
        'episodes derived with PLACE, PLACE_PROVIDER, PL_POST and URN blank',
        p._source_file,
        p._row_number
    from periods as p
    where
        p.is_used
        and not exists (
            select 1 from placements as pl where pl.period_key = p.period_key and pl.is_used
        )
),

{% for kind, table, label, record_type in [
    ('LEGAL_STATUS', 'legal_statuses', 'legal status', 'legal_status'),
    ('PLACEMENT', 'placements', 'placement', 'placement'),
] %}
{{ table }}_findings as (
    select
        '{{ kind }}_GAP' as rule_id,
        person_id,
        period_of_care_id,
        '{{ record_type }}' as record_type,
        record_id,
        cast(null as varchar) as related_record_id,
        period_start as fault_start,
        start_date as fault_end,
        'START_DATE' as fields,
        'first {{ label }} starts ' || {{ finding_date('start_date') }}
        || ', period starts ' || {{ finding_date('period_start') }} as field_values,
        'first {{ label }} extended back to the period start' as resolution,
        _source_file,
        _row_number
    from {{ table }}
    where has_gap_before

    union all

    select
        '{{ kind }}_GAP',
        person_id,
        period_of_care_id,
        '{{ record_type }}',
        record_id,
        next_record_id,
        clipped_end,
        next_start,
        'END_DATE',
        'ends ' || {{ finding_date('clipped_end') }} || ', next {{ label }} starts '
        || {{ finding_date('next_start') }},
        'extended to the next {{ label }}''s start',
        _source_file,
        _row_number
    from {{ table }}
    where has_gap_next

    union all

    select
        '{{ kind }}_GAP',
        person_id,
        period_of_care_id,
        '{{ record_type }}',
        record_id,
        null,
        clipped_end,
        period_end,
        'END_DATE',
        'last {{ label }} ends ' || {{ finding_date('clipped_end') }} || ', period '
        || coalesce('ends ' || strftime(period_end, '%d/%m/%Y'), 'is open'),
        'extended to the period end',
        _source_file,
        _row_number
    from {{ table }}
    where has_gap_at_end

    union all

    select
        '{{ kind }}_OVERLAP',
        person_id,
        period_of_care_id,
        '{{ record_type }}',
        record_id,
        next_record_id,
        greatest(next_start, period_start),
        clipped_end,
        'END_DATE',
        'ends ' || coalesce(strftime(clipped_end, '%d/%m/%Y'), 'open') || ', next {{ label }} '
        || 'starts ' || {{ finding_date('next_start') }},
        case
            when resolved_end > resolved_start
                then 'ended at the next {{ label }}''s start (the later-starting one wins)'
            else 'not used: the next {{ label }} starts the same day (the later-starting one wins)'
        end,
        _source_file,
        _row_number
    from {{ table }}
    where has_overlap_next
),
{% endfor %}

placement_scope_findings as (
    select
        'PLACEMENT_OUTSIDE_PERIOD' as rule_id,
        coalesce(period_person_id, person_id) as person_id,
        period_of_care_id,
        'placement' as record_type,
        record_id,
        cast(null as varchar) as related_record_id,
        start_date as fault_start,
        period_start as fault_end,
        'START_DATE' as fields,
        'starts ' || {{ finding_date('start_date') }} || ', period starts '
        || {{ finding_date('period_start') }} as field_values,
        'clipped to start at the period start' as resolution,
        _source_file,
        _row_number
    from placements
    where status = 'used' and starts_before_period

    union all

    select
        'PLACEMENT_OUTSIDE_PERIOD',
        coalesce(period_person_id, person_id),
        period_of_care_id,
        'placement',
        record_id,
        null,
        period_cut_end,
        own_end,
        'END_DATE',
        'ends ' || {{ finding_date('own_end') }} || ', period ends '
        || {{ finding_date('period_cut_end') }},
        'clipped to end at the period end',
        _source_file,
        _row_number
    from placements
    where status = 'used' and ends_after_period

    union all

    select
        'PLACEMENT_OUTSIDE_PERIOD',
        coalesce(period_person_id, person_id),
        period_of_care_id,
        'placement',
        record_id,
        null,
        start_date,
        own_end,
        'START_DATE, END_DATE',
        'placement ' || {{ finding_date('start_date') }} || ' to '
        || coalesce(strftime(own_end, '%d/%m/%Y'), 'open') || ', period '
        || {{ finding_date('period_start') }} || ' to '
        || coalesce(strftime(period_cut_end, '%d/%m/%Y'), 'open'),
        'not used: lies wholly outside its period',
        _source_file,
        _row_number
    from placements
    where status = 'outside_period'

    union all

    select
        'PLACEMENT_OPEN_AFTER_PERIOD_END',
        coalesce(period_person_id, person_id),
        period_of_care_id,
        'placement',
        record_id,
        null,
        period_cut_end,
        null,
        'END_DATE',
        'END_DATE blank, period ends ' || {{ finding_date('period_cut_end') }},
        'closed at the period end',
        _source_file,
        _row_number
    from placements
    where status = 'used' and open_after_period_end

    union all

    select
        'PLACEMENT_UNKNOWN_PERIOD',
        person_id,
        period_of_care_id,
        'placement',
        record_id,
        null,
        start_date,
        end_date,
        'PERIOD_OF_CARE_ID',
        'PERIOD_OF_CARE_ID ' || coalesce(period_of_care_id, 'blank')
        || ' is not a usable period of care',
        'not used',
        _source_file,
        _row_number
    from placements
    where status = 'unknown_period'

    union all

    select
        'PLACEMENT_UNDATED',
        person_id,
        period_of_care_id,
        'placement',
        record_id,
        null,
        null,
        end_date,
        'START_DATE',
        'START_DATE blank or not a date',
        'not used',
        _source_file,
        _row_number
    from placements
    where status = 'undated'

    union all

    select
        'LEGAL_STATUS_UNDATED',
        person_id,
        null,
        'legal_status',
        coalesce(legal_status_id, '#' || _source_file || ':' || _row_number),
        null,
        null,
        end_date,
        'START_DATE',
        'START_DATE blank or not a date',
        'not used',
        _source_file,
        _row_number
    from {{ ref('stg_mosaic__legal_statuses') }}
    where start_date is null
),

findings as (
    select * from period_findings
    union all
    select * from legal_statuses_findings
    union all
    select * from placements_findings
    union all
    select * from placement_scope_findings
)

select
    rule_id,
    person_id as CHILD,
    period_of_care_id,
    record_type,
    record_id,
    related_record_id,
    fault_start,
    fault_end,
    fields,
    field_values,
    resolution,
    _source_file,
    _row_number
from findings
