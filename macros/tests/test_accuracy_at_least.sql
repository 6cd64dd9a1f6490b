{#- Fails when the accuracy of the split that measures generalisation is below `threshold`: the held-out
    split when there is one, else the training split. Yields the offending row. -#}
{% test accuracy_at_least(model, column_name, threshold) %}
    {%- set minimum = nn_number(threshold, 'accuracy threshold', minimum=0, maximum=1) -%}
with metrics as (

    select * from {{ model }}

),

evaluated as (

    select *
    from metrics
    where split = (
        select case when count(case when split = 'holdout' then 1 end) > 0 then 'holdout' else 'train' end
        from metrics
    )

)

select *
from evaluated
where {{ column_name }} < {{ nn_float(minimum) }} or {{ column_name }} is null
{% endtest %}
