{#- How good the trained model is, on the training rows and on the held-out rows: accuracy and log loss for a
    classification; RMSE, MAE and R² for a regression (the other task's columns are NULL). Beside each, the
    baseline any useful model beats, on the same rows: the accuracy of always answering the training rows' most
    frequent class (baseline_accuracy), the R² of always answering their mean (baseline_r2).
    The SELECT of the network's nn_metrics: the package's model of that name, and the neural_net materialization. -#}
{%- macro nn_metrics_query() -%}
{%- set task = neural_net.nn_trained_task() -%}
with predictions as (

    select * from {{ neural_net.nn_ref('nn_predictions') }}

),

model as (

    select iteration from {{ neural_net.nn_ref('nn_model') }}

),

{%- if task == 'regression' %}

training_mean as (

    select avg(actual_value) as value from predictions where split = 'train'

),

errors as (

    select
        predictions.split,
        predictions.predicted_value - predictions.actual_value as error,
        training_mean.value - predictions.actual_value as baseline_error,
        -- R² compares the errors with the spread of the split's own values around their mean
        predictions.actual_value - avg(predictions.actual_value) over (partition by predictions.split) as deviation
    from predictions
    cross join training_mean

),

per_split as (

    select
        split,
        count(*) as examples,
        cast(null as {{ neural_net.nn_float_type() }}) as accuracy,
        cast(null as {{ neural_net.nn_float_type() }}) as log_loss,
        sqrt(avg(error * error)) as rmse,
        avg(abs(error)) as mae,
        -- NULL when every value of the split is the same (R² is undefined there)
        1 - sum(error * error) / nullif(sum(deviation * deviation), 0) as r2,
        cast(null as {{ neural_net.nn_float_type() }}) as baseline_accuracy,
        1 - sum(baseline_error * baseline_error) / nullif(sum(deviation * deviation), 0) as baseline_r2
    from errors
    group by split

),

{%- else %}

training_classes as (

    select
        actual_class,
        -- the most frequent class first (of equally frequent ones, the lowest)
        row_number() over (order by count(*) desc, actual_class) as frequency_rank
    from predictions
    where split = 'train'
    group by actual_class

),

majority as (

    select actual_class from training_classes where frequency_rank = 1

),

per_split as (

    select
        predictions.split,
        count(*) as examples,
        avg(case when predictions.predicted_class = predictions.actual_class then {{ neural_net.nn_float(1) }} else {{ neural_net.nn_float(0) }} end) as accuracy,
        avg(predictions.log_loss) as log_loss,
        cast(null as {{ neural_net.nn_float_type() }}) as rmse,
        cast(null as {{ neural_net.nn_float_type() }}) as mae,
        cast(null as {{ neural_net.nn_float_type() }}) as r2,
        avg(case when predictions.actual_class = majority.actual_class then {{ neural_net.nn_float(1) }} else {{ neural_net.nn_float(0) }} end) as baseline_accuracy,
        cast(null as {{ neural_net.nn_float_type() }}) as baseline_r2
    from predictions
    cross join majority
    group by predictions.split

),

{%- endif %}

final as (

    select
        per_split.split,
        '{{ task }}' as task,
        model.iteration,
        per_split.examples,
        per_split.accuracy,
        per_split.log_loss,
        per_split.rmse,
        per_split.mae,
        per_split.r2,
        per_split.baseline_accuracy,
        per_split.baseline_r2
    from per_split
    cross join model

)

select * from final
{%- endmacro -%}
