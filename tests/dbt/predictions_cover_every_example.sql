-- Every example is scored exactly once: none lost (e.g. to a join on a NULL) and none repeated (e.g. by a
-- model with more than one row). Yields each example_id that breaks it.
with examples as (

    select example_id from {{ ref('nn_examples') }}

),

predictions as (

    select example_id, count(*) as times_scored
    from {{ ref('nn_predictions') }}
    group by example_id

)

select
    coalesce(examples.example_id, predictions.example_id) as example_id,
    coalesce(predictions.times_scored, 0) as times_scored
from examples
full outer join predictions
    on examples.example_id = predictions.example_id
where examples.example_id is null
    or predictions.example_id is null
    or predictions.times_scored <> 1
