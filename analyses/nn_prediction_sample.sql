-- A spread-out sample of the predictions on the rows that measure generalisation (ordered by a hash of
-- example_id, not by feature value): the held-out rows; when nothing is held out, early stopping's
-- validation rows, else the training rows (nn_evaluation_split).
{{ config(**nn_network_config()) }}  {#- in a named network's schema; off in a project that names none -#}
with predictions as (

    select * from {{ ref('nn_predictions') }}

)

select *
from predictions
where split = {{ nn_evaluation_split('predictions') }}
order by mod(example_id * 2654435761, 4294967296)
