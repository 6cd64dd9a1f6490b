{#- The training history: one row per iteration. Each run advances up to block_size iterations toward
    `iterations` in ONE query, a recursive CTE whose step is one iteration of gradient descent, and appends them. -#}
{{ config(
    incremental_strategy='append',
    on_schema_change='fail',
    post_hook="{{ nn_after_block() }}"
) }}
{%- set spec = nn_spec() -%}
{%- set dims = nn_dims(spec) -%}
{%- set start = nn_training_start(spec, dims) -%}
{%- set stop_at = [[start.iteration, 0] | max + spec.block_size, spec.iterations] | min -%}

with recursive training_block as (

    -- the state this block starts from (iteration {{ [start.iteration, 0] | max }})
    {{ start.sql | indent(4) }}

    union all

    -- one iteration of gradient descent, stepping from the previous row until iteration {{ stop_at }}
    {{ nn_iteration(spec, dims, 'training_block', ref('nn_examples'), stop_at) | indent(4) }}

),

final as (

    select
    {%- for column in nn_state_columns(dims) %}
        {{ column }},
    {%- endfor %}
        '{{ nn_run_settings(spec, dims) }}' as run_settings,
        '{{ invocation_id }}' as invocation_id,
        current_timestamp as trained_at
    from training_block
    -- the start state is already in the table, except on the first run
    where iteration > {{ start.iteration }}

)

select * from final
