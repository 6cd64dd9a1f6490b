-- How well the trained model classifies, per split: accuracy, log loss and the rows behind them.
-- The driver (scripts/train.py) compiles and runs this after training; `dbt compile` writes it to
-- target/compiled/neural_net/analyses/nn_accuracy.sql for you to run yourself.
select
    metrics.split,
    metrics.iteration,
    metrics.examples,
    metrics.accuracy,
    metrics.log_loss,
    errors.misclassified
from {{ ref('nn_metrics') }} as metrics
left join (
    select split, count(*) as misclassified
    from {{ ref('nn_predictions') }}
    where predicted_class <> actual_class
    group by split
) as errors
    on errors.split = metrics.split
order by metrics.split desc
