-- A spread-out sample of held-out predictions (ordered by a hash of example_id, not by feature value).
select *
from {{ ref('nn_predictions') }}
where split = 'holdout'
order by mod(example_id * 2654435761, 4294967296)
