{#- Accuracy and log loss of the trained model, on the training rows and on the held-out rows. -#}
with predictions as (

    select * from {{ ref('nn_predictions') }}

),

model as (

    select iteration from {{ ref('nn_model') }}

),

per_split as (

    select
        split,
        count(*) as examples,
        avg(case when predicted_class = actual_class then {{ nn_float(1) }} else {{ nn_float(0) }} end) as accuracy,
        avg(log_loss) as log_loss
    from predictions
    group by split

),

final as (

    select
        per_split.split,
        model.iteration,
        per_split.examples,
        per_split.accuracy,
        per_split.log_loss
    from per_split
    cross join model

)

select * from final
