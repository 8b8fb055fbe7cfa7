-- The facts the Panel report's numbered key points are written from: one row per reporting
-- date and value indicator of indicator_report, every figure rounded half up to the
-- catalogue's decimals as the report shows it (so a sentence never says "up" between two
-- equal-looking numbers). Movement on the previous quarter and on the year, position against
-- the statistical-neighbour average and England (DfE's comparator_year), the RAG and the
-- children with an unresolved record error (dq_affected). is_key_point: the indicator is red
-- or amber, or moved by more than its amber tolerance on the quarter or the year (only an
-- indicator with a tolerance above 0 can: without one there is no scale for "a lot");
-- key_point_order puts red first, then amber, then movement, each in display order. The
-- report formats the sentences (and hides any fact whose figure it suppresses).
with report as (
    select * from {{ ref('int_indicators__report') }}
),

catalogue as (
    select indicator_id, indicator_number, short_title, decimals
    from {{ ref('indicator_catalogue') }}
),

shown as (
    select
        r.period_end,
        r.indicator_id,
        c.indicator_number,
        r.title,
        c.short_title,
        r.unit,
        c.decimals,
        r.polarity,
        r.rag,
        r.amber_tolerance,
        r.previous_period_end,
        r.year_ago_period_end,
        r.comparator_year,
        r.dq_affected,
        r.numerator,
        r.denominator,
        r.display_order,
        floor(r.value * power(10, c.decimals) + 0.5) / power(10, c.decimals) as shown_value,
        floor(r.target * power(10, c.decimals) + 0.5) / power(10, c.decimals) as shown_target,
        floor(r.previous_value * power(10, c.decimals) + 0.5) / power(10, c.decimals)
            as shown_previous_value,
        floor(r.year_ago_value * power(10, c.decimals) + 0.5) / power(10, c.decimals)
            as shown_year_ago_value,
        floor(r.sn_average * power(10, c.decimals) + 0.5) / power(10, c.decimals)
            as shown_sn_average,
        floor(r.england * power(10, c.decimals) + 0.5) / power(10, c.decimals) as shown_england
    from report as r
    inner join catalogue as c on c.indicator_id = r.indicator_id
),

compared as (
    select
        *,
        round(shown_value - shown_previous_value, decimals) as change_on_quarter,
        round(shown_value - shown_year_ago_value, decimals) as change_on_year,
        {{ key_point_direction('shown_value', 'shown_previous_value') }} as quarter_direction,
        {{ key_point_direction('shown_value', 'shown_year_ago_value') }} as year_direction,
        {{ key_point_direction('shown_value', 'shown_sn_average') }} as sn_position,
        {{ key_point_direction('shown_value', 'shown_england') }} as england_position
    from shown
),

assessed as (
    select
        *,
        {{ key_point_assessment('quarter_direction', 'polarity') }} as quarter_assessment,
        {{ key_point_assessment('year_direction', 'polarity') }} as year_assessment,
        {{ key_point_assessment('sn_position', 'polarity') }} as sn_assessment,
        {{ key_point_assessment('england_position', 'polarity') }} as england_assessment,
        coalesce(
            amber_tolerance > 0
            and (
                abs(change_on_quarter) > amber_tolerance
                or abs(change_on_year) > amber_tolerance
            ),
            false
        ) as moved_past_tolerance
    from compared
),

flagged as (
    select
        *,
        rag in ('red', 'amber') or moved_past_tolerance as is_key_point,
        case
            when rag = 'red' then 1
            when rag = 'amber' then 2
            when moved_past_tolerance then 3
        end as key_point_priority
    from assessed
)

select
    period_end,
    indicator_id,
    indicator_number,
    title,
    short_title,
    unit,
    decimals,
    polarity,
    rag,
    shown_value,
    shown_target,
    amber_tolerance,
    previous_period_end,
    shown_previous_value,
    change_on_quarter,
    quarter_direction,
    quarter_assessment,
    year_ago_period_end,
    shown_year_ago_value,
    change_on_year,
    year_direction,
    year_assessment,
    moved_past_tolerance,
    comparator_year,
    shown_sn_average,
    sn_position,
    sn_assessment,
    shown_england,
    england_position,
    england_assessment,
    numerator,
    denominator,
    dq_affected,
    is_key_point,
    case
        when is_key_point
            then row_number() over (
                partition by period_end, is_key_point
                order by key_point_priority, display_order, indicator_id
            )
    end as key_point_order
from flagged
