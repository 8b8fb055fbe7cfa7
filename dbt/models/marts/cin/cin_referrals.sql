-- Referrals to children's social care (int_cin__referrals), for analysts.
select * from {{ ref('int_cin__referrals') }}
