-- CIN episodes: referrals that did not end in no further action (int_cin__episodes).
select * from {{ ref('int_cin__episodes') }}
