{#- How often each actual class was predicted as each class, per split. -#}
with predictions as (

    select * from {{ ref('nn_predictions') }}

),

final as (

    select
        split,
        actual_class,
        predicted_class,
        count(*) as examples
    from predictions
    group by split, actual_class, predicted_class

)

select * from final
