-- How good the trained model is, per split: accuracy, log loss and the misclassified rows for a classification;
-- RMSE, MAE and R² for a regression; and the baseline (nn_metrics) beside them. The driver (neural-net-train)
-- compiles and runs this after training;
-- `dbt compile` writes it to target/compiled/neural_net/analyses/nn_accuracy.sql for you to run yourself.
{{ config(**nn_network_config()) }}  {#- in a named network's schema; off in a project that names none -#}
{%- set task = nn_trained_model(nn_spec()).spec.task %}
{%- if task == 'regression' %}
select
    split,
    iteration,
    examples,
    rmse,
    mae,
    r2,
    baseline_r2
from {{ ref('nn_metrics') }}
order by case split when 'train' then 0 when 'validation' then 1 else 2 end
{%- else %}
select
    metrics.split,
    metrics.iteration,
    metrics.examples,
    metrics.accuracy,
    metrics.log_loss,
    errors.misclassified,
    metrics.baseline_accuracy
from {{ ref('nn_metrics') }} as metrics
left join (
    select split, count(*) as misclassified
    from {{ ref('nn_predictions') }}
    where predicted_class <> actual_class
    group by split
) as errors
    on errors.split = metrics.split
order by case metrics.split when 'train' then 0 when 'validation' then 1 else 2 end
{%- endif %}
