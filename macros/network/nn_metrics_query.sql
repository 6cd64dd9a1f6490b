{#- How good the trained model is, on the training rows and on the held-out rows: accuracy and log loss for a
    classification; RMSE, MAE and R² for a regression (the other task's columns are NULL).
    The SELECT of the network's nn_metrics: the package's model of that name, and the neural_net materialization. -#}
{%- macro nn_metrics_query() -%}
{%- set task = neural_net.nn_trained_model(neural_net.nn_spec()).spec.task -%}
with predictions as (

    select * from {{ neural_net.nn_ref('nn_predictions') }}

),

model as (

    select iteration from {{ neural_net.nn_ref('nn_model') }}

),

{%- if task == 'regression' %}

errors as (

    select
        split,
        predicted_value - actual_value as error,
        -- R² compares the errors with the spread of the split's own values around their mean
        actual_value - avg(actual_value) over (partition by split) as deviation
    from predictions

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
        1 - sum(error * error) / nullif(sum(deviation * deviation), 0) as r2
    from errors
    group by split

),

{%- else %}

per_split as (

    select
        split,
        count(*) as examples,
        avg(case when predicted_class = actual_class then {{ neural_net.nn_float(1) }} else {{ neural_net.nn_float(0) }} end) as accuracy,
        avg(log_loss) as log_loss,
        cast(null as {{ neural_net.nn_float_type() }}) as rmse,
        cast(null as {{ neural_net.nn_float_type() }}) as mae,
        cast(null as {{ neural_net.nn_float_type() }}) as r2
    from predictions
    group by split

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
        per_split.r2
    from per_split
    cross join model

)

select * from final
{%- endmacro -%}
