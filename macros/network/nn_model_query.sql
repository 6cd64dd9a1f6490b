{#- The trained model: the parameters to predict with. The latest row of the training history; with
    early_stopping, the row of the iteration with the lowest validation loss (nn_early_stopping), which the
    latest row names.
    The SELECT of the network's nn_model: the package's model of that name, and the neural_net materialization. -#}
{%- macro nn_model_query() -%}
{%- set early_stopping = execute and 'best_iteration' in adapter.get_columns_in_relation(neural_net.nn_ref('nn_training')) | map(attribute='name') | map('lower') | list -%}

with training as (

    select * from {{ neural_net.nn_ref('nn_training') }}

),

latest as (

    select *
    from training
    where iteration = (select max(iteration) from training)

),

final as (

    select *
    from training
    where iteration = (select {{ "coalesce(best_iteration, iteration)" if early_stopping else "iteration" }} from latest)

)

select * from final
{%- endmacro -%}
