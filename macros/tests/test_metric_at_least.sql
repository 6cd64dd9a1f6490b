{#- Fails when a metric of nn_metrics is below `threshold` on the split that measures generalisation: the
    held-out split when there is one, else early stopping's validation split, else the training split
    (nn_evaluation_split). It applies to the rows of the model's `task`
    (accuracy to a classification, r2 to a regression); the other task's rows hold NULL there and are not
    checked. Yields the offending row. `threshold`: a number, or the name of the setting that holds it
    (min_accuracy, min_r2: the network's own, see nn_settings). -#}
{% test metric_at_least(model, column_name, threshold, task) %}
    {%- set threshold = neural_net.nn_spec()[threshold] if threshold in ['min_accuracy', 'min_r2'] else threshold -%}
    {%- set minimum = neural_net.nn_number(threshold, column_name ~ ' threshold', minimum=-1000000, maximum=1) -%}
with metrics as (

    select * from {{ model }}
    where task = '{{ neural_net.nn_choice(task, 'task', ['classification', 'regression']) }}'

),

evaluated as (

    select *
    from metrics
    where split = {{ neural_net.nn_evaluation_split('metrics') | indent(4) }}

)

select *
from evaluated
where {{ column_name }} < {{ neural_net.nn_float(minimum) }} or {{ column_name }} is null
{% endtest %}
