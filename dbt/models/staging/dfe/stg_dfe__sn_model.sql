-- The DfE statistical neighbour model, one row per local authority (old code) with its ten
-- nearest neighbours (old codes) and how close each is.
select
    _source_file as source_file,
    _row_number as row_number,
    {{ clean_code('old_la_code') }} as old_la_code,
    {{ clean_text('la_name') }} as la_name,
    {{ clean_text('region_name') }} as region_name,
    {% for n in range(1, 11) -%}
    {{ clean_code('sn_' ~ n) }} as sn_{{ n }},
    {{ clean_text('sn_' ~ n ~ 'p') }} as sn_{{ n }}_closeness{{ "," if not loop.last }}
    {% endfor %}
from {{ source('dfe', 'sn_model') }}
