-- What the Corporate Parenting Panel reads: int_indicators__report, published unchanged (the
-- logic lives in the intermediate layer so indicator_key_points can build on it without one
-- mart reading another).
select * from {{ ref('int_indicators__report') }}
