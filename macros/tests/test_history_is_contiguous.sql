{#- Fails unless the history's iterations are exactly 0, 1, ..., max, each once. A rerun that appended a block
    twice, a resumed run that skipped one, or two drivers that interleaved would break this. Yields one row
    describing what is wrong. -#}
{% test history_is_contiguous(model) %}
with history as (

    select iteration from {{ model }}

),

summary as (

    select
        count(*) as stored_rows,
        count(distinct iteration) as distinct_iterations,
        min(iteration) as first_iteration,
        max(iteration) as last_iteration
    from history

)

select *
from summary
where stored_rows > 0
    and not (
        first_iteration = 0
        and distinct_iterations = stored_rows
        and last_iteration = stored_rows - 1
    )
{% endtest %}
