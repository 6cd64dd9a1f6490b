{#- How often each actual class was predicted as each class, per split. A regression has no classes: no rows. -#}
{{ config(**nn_network_config()) }}  {#- in a named network's schema; off in a project that names none -#}
{%- set task = nn_trained_model(nn_spec()).spec.task -%}
with predictions as (

    select * from {{ ref('nn_predictions') }}

),

final as (

{%- if task == 'regression' %}

    select
        split,
        cast(null as integer) as actual_class,
        cast(null as integer) as predicted_class,
        count(*) as examples
    from predictions
    group by split
    having 1 = 0

{%- else %}

    select
        split,
        actual_class,
        predicted_class,
        count(*) as examples
    from predictions
    group by split, actual_class, predicted_class

{%- endif %}

)

select * from final
