-- Child protection plans, numbered in each child's history (int_cin__child_protection_plans).
select * from {{ ref('int_cin__child_protection_plans') }}
