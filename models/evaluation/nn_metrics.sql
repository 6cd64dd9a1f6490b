{#- How good the trained model is, on the training rows and on the held-out rows: accuracy and log loss for a
    classification; RMSE, MAE and R² for a regression (the other task's columns are NULL). -#}
{{ config(**nn_network_config()) }}  {#- in a named network's schema; off in a project that names none -#}
{%- set task = nn_trained_model(nn_spec()).spec.task -%}
with predictions as (

    select * from {{ ref('nn_predictions') }}

),

model as (

    select iteration from {{ ref('nn_model') }}

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
        cast(null as {{ nn_float_type() }}) as accuracy,
        cast(null as {{ nn_float_type() }}) as log_loss,
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
        avg(case when predicted_class = actual_class then {{ nn_float(1) }} else {{ nn_float(0) }} end) as accuracy,
        avg(log_loss) as log_loss,
        cast(null as {{ nn_float_type() }}) as rmse,
        cast(null as {{ nn_float_type() }}) as mae,
        cast(null as {{ nn_float_type() }}) as r2
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
