{#- How often each actual class was predicted as each class, per split. A regression has no classes: no rows.
    The SELECT of the network's nn_confusion_matrix: the package's model of that name, and the neural_net materialization. -#}
{%- macro nn_confusion_matrix_query() -%}
{%- set task = neural_net.nn_trained_task() -%}
with predictions as (

    select * from {{ neural_net.nn_ref('nn_predictions') }}

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
{%- endmacro -%}
