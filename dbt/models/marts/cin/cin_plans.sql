-- Child in need plans (int_cin__cin_plans), for analysts.
select * from {{ ref('int_cin__cin_plans') }}
