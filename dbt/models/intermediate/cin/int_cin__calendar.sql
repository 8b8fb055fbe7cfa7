-- Every day from 2000-01-01 to 2040-12-31 with whether it is a working day in England
-- (Monday to Friday and not a bank holiday of the seed england_bank_holidays, which is
-- generated from the `holidays` package by scripts/england_bank_holidays.py, never typed by
-- hand) and working_day_index: the number of working days from the start of the calendar
-- up to and including the day. Working days after a date a up to and including a date b =
-- index(b) - index(a): a referral on Friday with an assessment authorised the next Monday
-- took 1 working day; one authorised on Saturday took 0.
with days as (
    select cast(d as date) as calendar_date
    from range(date '2000-01-01', date '2041-01-01', interval 1 day) as t (d)
),

flagged as (
    select
        days.calendar_date,
        isodow(days.calendar_date) <= 5 and h.holiday_date is null as is_working_day,
        h.holiday_name
    from days
    left join {{ ref('england_bank_holidays') }} as h on h.holiday_date = days.calendar_date
)

select
    calendar_date,
    is_working_day,
    holiday_name,
    cast(
        sum(case when is_working_day then 1 else 0 end) over (
            order by calendar_date rows between unbounded preceding and current row
        ) as integer
    ) as working_day_index
from flagged
