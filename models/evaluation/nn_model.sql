{#- The trained model: the parameters to predict with. The latest row of the training history; with
    early_stopping, the row of the iteration with the lowest validation loss (nn_early_stopping), which the
    latest row names. -#}
{{ config(**nn_network_config()) }}  {#- in a named network's schema; off in a project that names none -#}
{%- set early_stopping = execute and 'best_iteration' in adapter.get_columns_in_relation(ref('nn_training')) | map(attribute='name') | map('lower') | list -%}

with training as (

    select * from {{ ref('nn_training') }}

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
