{#- Fails when a metric of nn_metrics is below `threshold` on the split that measures generalisation: the
    held-out split when there is one, else early stopping's validation split, else the training split
    (nn_evaluation_split). It applies to the rows of the model's `task`
    (accuracy to a classification, r2 to a regression); the other task's rows hold NULL there and are not
    checked. Yields the offending row. -#}
{% test metric_at_least(model, column_name, threshold, task) %}
    {%- set minimum = nn_number(threshold, column_name ~ ' threshold', minimum=-1000000, maximum=1) -%}
with metrics as (

    select * from {{ model }}
    where task = '{{ nn_choice(task, 'task', ['classification', 'regression']) }}'

),

evaluated as (

    select *
    from metrics
    where split = {{ nn_evaluation_split('metrics') | indent(4) }}

)

select *
from evaluated
where {{ column_name }} < {{ nn_float(minimum) }} or {{ column_name }} is null
{% endtest %}
