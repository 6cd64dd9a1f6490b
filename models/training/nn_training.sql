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
{{ nn_training_query(nn_training_start(nn_spec())) }}
