{#- One block of training as ONE query: the start state and every state after it, until iteration stop_at.
    Each iteration reads the previous state exactly once, so the query does K iterations of work whatever the
    engine does with common table expressions. Two forms, chosen per engine:

    Both read the training rows (nn_training_rows) from one CTE, training_rows: the inputs are written once
    per block. (DuckDB computes them once; BigQuery and Spark inline the CTE and compute them per iteration,
    as they scanned nn_examples per iteration before.) With mini-batches, DuckDB's block also computes the
    block's batches once (nn_block_batch_rows) when they hold no more rows than the training rows, so an
    iteration reads K batches, not N rows.

    recursive (DuckDB)   WITH RECURSIVE: the anchor is the start state, the recursive term is one iteration
                         (macros/engine/duckdb/duckdb__nn_training_block.sql). Bound once, whatever K is;
                         DuckDB allows the aggregate in the recursive term. The training rows are
                         MATERIALIZED: computed once, not once per iteration.
    chain (BigQuery, Spark, the default)
                         The SQL standard, BigQuery and Spark forbid aggregates in a recursive term, so the
                         block is unrolled: iteration_{k} is a CTE that reads iteration_{k-1} and nothing else
                         does (BigQuery runs a CTE once per reference). The states so far ride along as an
                         array column, `history`; the block's rows are unnested from the last iteration alone.
                         A step that is not finite is not added to the history; every later step computes
                         from its non-finite parameters and is not added either (NaN and inf propagate), so
                         the block keeps the iterations before the divergence, as the recursive form does.
-#}
{%- macro nn_training_block(spec, dims, start, stop_at) -%}
    {{ return(adapter.dispatch('nn_training_block', 'neural_net')(spec, dims, start, stop_at)) }}
{%- endmacro -%}

{%- macro default__nn_training_block(spec, dims, start, stop_at) -%}
    {%- set columns = neural_net.nn_state_columns(spec, dims) -%}
    {%- set first = [start.iteration, 0] | max -%}
with training_rows as (

    -- the training rows as the network sees them
    {{ neural_net.nn_training_rows(spec, start.preprocessing, neural_net.nn_ref('nn_examples'), inputs_as_list=neural_net.nn_layout(spec, dims) == 'arrays') | indent(4) }}

),

iteration_{{ first }} as (

    -- the state this block starts from, and the block's history so far: that state alone
    select
        *,
        {{ neural_net.nn_state_array(neural_net.nn_state_struct(columns) | indent(8)) }} as history
    from (
        {{ start.sql | indent(8) }}
    ) as start_state

)
{%- for iteration in range(first + 1, stop_at + 1) -%},

iteration_{{ iteration }} as (

    -- one iteration of gradient descent: iteration {{ iteration }} of the block that ends at {{ stop_at }}
    select
    {%- for column in columns %}
        {{ column }},
    {%- endfor %}
        -- a state that is not finite never enters the history
        case
            when is_finite
            then {{ neural_net.nn_state_array_append('history', neural_net.nn_state_struct(columns) | indent(12)) }}
            else history
        end as history
    from (
        {{ neural_net.nn_iteration(spec, dims, start.preprocessing, 'iteration_' ~ (iteration - 1), 'training_rows', stop_at, carry=['history'], recursive=false) | indent(8) }}
    ) as next_state

)
{%- endfor %}

{{ neural_net.nn_state_array_rows('iteration_' ~ stop_at, 'history', columns) }}
{%- endmacro -%}
