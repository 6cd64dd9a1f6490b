{#- The trained model: the latest row of the training history, i.e. the parameters to predict with. -#}
with training as (

    select * from {{ ref('nn_training') }}

),

final as (

    select *
    from training
    where iteration = (select max(iteration) from training)

)

select * from final
