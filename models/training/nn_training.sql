{#- The training history: one row per iteration. Each run advances up to block_size iterations toward
    `iterations` in ONE query (nn_training_block: recursive on DuckDB, an unrolled chain on BigQuery and Spark)
    and adds them with the engine's incremental strategy (nn_incremental_config). -#}
{{ config(**nn_network_config()) }}  {#- in a named network's schema; off in a project that names none -#}
{%- do nn_check_network_schema(this) -%}
{{ config(
    on_schema_change='ignore',
    pre_hook=[
        "{{ nn_session_setting('spark.sql.analyzer.maxIterations', '100000') }}",
        "{{ nn_session_setting('spark.sql.constraintPropagation.enabled', 'false') }}",
    ],
    post_hook="{{ nn_after_block() }}",
    **nn_incremental_config()
) }}
{%- set start = nn_training_start(nn_spec()) -%}
{%- set spec = start.spec -%}
{%- set dims = start.dims -%}
{%- set block_size = nn_block_size(spec, dims) -%}
{%- set stop_at = start.iteration if start.stopped else [[start.iteration, 0] | max + block_size, spec.iterations] | min -%}
{%- set block = nn_training_block(spec, dims, start, stop_at) -%}
{%- do nn_check_query_length(block, block_size) -%}
{%- do nn_check_memory(spec, dims, start.preprocessing, stop_at - [start.iteration, 0] | max) -%}

with training_block as (

    {{ block | indent(4) }}

),

final as (

    select
    {%- for column in nn_state_columns(spec, dims) %}
        {{ column }},
    {%- endfor %}
        '{{ nn_run_settings(spec, dims) }}' as run_settings,
        {{ nn_string_literal(tojson(start.preprocessing, sort_keys=true)) }} as preprocessing,
        '{{ invocation_id }}' as invocation_id,
        current_timestamp as trained_at
    {%- if spec.early_stopping %}
    from (
        select
            *,
            -- the state early stopping stops at, if the block reached one (nn_early_stopping); a window, not a
            -- subquery: BigQuery and Spark would compute the block once per reference
            {{ nn_stopped_iteration(spec) }} over () as stopped_at
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
