-- SSDA903 episodes derived from the Mosaic extract (spec/inputs.md §1, exactly):
-- each period of care [START_DATE, END_DATE) is cut at every date where the legal status
-- code or the placement (PLACEMENT_ID) changes, on the resolved timelines; each piece is one
-- episode. DECOM = piece start; DEC = next piece's start, or the period's END_DATE for the
-- last piece (null while open). LS / placement fields = those in force at DECOM; CIN,
-- HOME_POST = the period's. RNE: S for the first piece; else against the previous piece:
-- only LS changed L; only the placement changed P (carer differs or either CARER_ID blank)
-- or T (same CARER_ID); both changed B (carer differs) or U (same carer). REC = X1 on every
-- piece but the last, which takes REASON_ENDED (null while open). REASON_PLACE_CHANGE = the
-- ending placement's REASON_PLACEMENT_CHANGE on the piece whose successor's RNE is P, T, B
-- or U. A new legal-status record with the same code as the one before is not a change.
with periods as (
    select *
    from {{ ref('int_mosaic__periods_resolved') }}
    where is_used
),

legal_statuses as (
    select period_key, legal_status_id, legal_status, resolved_start, resolved_end
    from {{ ref('int_mosaic__legal_statuses_resolved') }}
    where is_used
),

placements as (
    select
        period_key,
        placement_id,
        placement_type,
        placement_provider,
        carer_id,
        placement_postcode,
        ofsted_urn,
        reason_placement_change,
        resolved_start,
        resolved_end
    from {{ ref('int_mosaic__placements_resolved') }}
    where is_used
),

legal_status_changes as (
    select period_key, resolved_start as cut_date
    from (
        select
            period_key,
            resolved_start,
            legal_status,
            lag(legal_status) over (
                partition by period_key order by resolved_start
            ) as previous_legal_status
        from legal_statuses
    ) as ordered
    where legal_status is distinct from previous_legal_status
),

cuts as (
    select period_key, start_date as cut_date from periods
    union
    select period_key, cut_date from legal_status_changes
    union
    select period_key, resolved_start as cut_date from placements
),

pieces as (
    select
        c.period_key,
        c.cut_date as decom,
        lead(c.cut_date) over w as next_decom,
        row_number() over w as piece_number,
        count(*) over (partition by c.period_key) as piece_count
    from cuts as c
    inner join periods as p on p.period_key = c.period_key
    where c.cut_date >= p.start_date and c.cut_date < coalesce(p.window_end, date '9999-12-31')
    window w as (partition by c.period_key order by c.cut_date)
),

-- read by `compared`, which the linter cannot parse
located as (  -- noqa: ST03
    select
        pc.*,
        p.period_of_care_id,
        p.person_id,
        p.category_of_need,
        p.cut_end,
        p.reason_ended,
        p.home_postcode,
        p._source_file,
        p._row_number,
        ls.legal_status_id,
        ls.legal_status,
        pl.placement_id,
        pl.placement_type,
        pl.placement_provider,
        pl.carer_id,
        pl.placement_postcode,
        pl.ofsted_urn,
        pl.reason_placement_change
    from pieces as pc
    inner join periods as p on p.period_key = pc.period_key
    left join legal_statuses as ls
        on
            ls.period_key = pc.period_key
            and ls.resolved_start <= pc.decom
            and (ls.resolved_end is null or ls.resolved_end > pc.decom)
    left join placements as pl
        on
            pl.period_key = pc.period_key
            and pl.resolved_start <= pc.decom
            and (pl.resolved_end is null or pl.resolved_end > pc.decom)
),

-- The linter's DuckDB grammar cannot parse `is distinct from` in a select list.
-- noqa: disable=all
compared as (
    select
        *,
        legal_status is distinct from lag(legal_status) over w as legal_status_changed,
        placement_id is distinct from lag(placement_id) over w as placement_changed,
        coalesce(carer_id = lag(carer_id) over w, false) as same_carer
    from located
    window w as (partition by period_key order by decom)
),
-- noqa: enable=all

coded as (
    select
        *,
        case
            when piece_number = 1 then 'S'
            when legal_status_changed and placement_changed
                then case when same_carer then 'U' else 'B' end
            when placement_changed then case when same_carer then 'T' else 'P' end
            when legal_status_changed then 'L'
        end as rne
    from compared
)

select
    person_id as CHILD,
    decom as DECOM,
    rne as RNE,
    legal_status as LS,
    category_of_need as CIN,
    placement_type as PLACE,
    placement_provider as PLACE_PROVIDER,
    case when piece_number < piece_count then next_decom else cut_end end as DEC,
    case
        when piece_number < piece_count then 'X1'
        when cut_end is not null then reason_ended
    end as REC,
    case
        when lead(rne) over w in ('P', 'T', 'B', 'U') then reason_placement_change
    end as REASON_PLACE_CHANGE,
    home_postcode as HOME_POST,
    placement_postcode as PL_POST,
    ofsted_urn as URN,
    period_of_care_id,
    piece_number,
    legal_status_id,
    placement_id,
    carer_id,
    _source_file,
    _row_number
from coded
window w as (partition by period_key order by decom)
