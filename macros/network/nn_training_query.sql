{#- One block of the training history: the SELECT of the iterations after `start` (nn_training_start), up
    to block_size of them toward `iterations`, in ONE query (nn_training_block), with the columns nn_training
    keeps per iteration. The package's nn_training model and the neural_net materialization add it to the
    history. -#}
{%- macro nn_training_query(start) -%}
{%- set spec = start.spec -%}
{%- set dims = start.dims -%}
{%- set block_size = neural_net.nn_block_size(spec, dims, start.preprocessing) -%}
{%- set stop_at = start.iteration if start.stopped else [[start.iteration, 0] | max + block_size, spec.iterations] | min -%}
{%- set block = neural_net.nn_training_block(spec, dims, start, stop_at) -%}
{%- do neural_net.nn_check_query_length(block, block_size) -%}
{%- do neural_net.nn_check_memory(spec, dims, start.preprocessing, stop_at - [start.iteration, 0] | max) -%}

with training_block as (

    {{ block | indent(4) }}

),

final as (

    select
    {%- for column in neural_net.nn_state_columns(spec, dims) %}
        {{ column }},
    {%- endfor %}
        '{{ start.run_settings }}' as run_settings,
        {{ neural_net.nn_string_literal(tojson(start.preprocessing, sort_keys=true)) }} as preprocessing,
        '{{ invocation_id }}' as invocation_id,
        current_timestamp as trained_at
    {%- if spec.early_stopping %}
    from (
        select
            *,
            -- the state early stopping stops at, if the block reached one (nn_early_stopping); a window, not a
            -- subquery: BigQuery and Spark would compute the block once per reference
            {{ neural_net.nn_stopped_iteration(spec) }} over () as stopped_at
        from training_block
    ) as block
    -- the start state is already in the table, except on the first run; no state past an early stop
    where iteration > {{ start.iteration }}
        and (stopped_at is null or iteration <= stopped_at)
    {%- else %}
    from training_block
    -- the start state is already in the table, except on the first run
    where iteration > {{ start.iteration }}
    {%- endif %}

)

select * from final
{%- endmacro -%}
