-- Section 47 enquiries with the working days to the initial child protection conference
-- (int_cin__section47, int_cin__calendar), for analysts.
select
    s.*,
    conference.working_day_index - began.working_day_index as working_days_to_icpc
from {{ ref('int_cin__section47') }} as s
left join {{ ref('int_cin__calendar') }} as began on began.calendar_date = s.start_date
left join {{ ref('int_cin__calendar') }} as conference on conference.calendar_date = s.icpc_date
