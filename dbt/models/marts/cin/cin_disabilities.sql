-- Recorded disabilities, one row per child and disability (int_cin__disabilities).
select * from {{ ref('int_cin__disabilities') }}
