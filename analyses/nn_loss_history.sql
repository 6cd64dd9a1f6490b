-- The loss curve: loss and training accuracy measured at each iteration of the history.
select
    iteration,
    loss,
    train_accuracy
from {{ ref('nn_training') }}
order by iteration
