-- Assessments with their referral date and working days taken (int_cin__assessments,
-- int_cin__calendar), for analysts.
select
    a.*,
    done.working_day_index - referred.working_day_index as working_days_from_referral
from {{ ref('int_cin__assessments') }} as a
left join {{ ref('int_cin__calendar') }} as done on done.calendar_date = a.authorised_date
left join {{ ref('int_cin__calendar') }} as referred on referred.calendar_date = a.referral_date
