{#- A block on DuckDB: one recursive query (nn_training_block explains both forms). -#}
{%- macro duckdb__nn_training_block(spec, dims, start, stop_at) -%}
    {%- set first = [start.iteration, 0] | max -%}
    {%- set batches = neural_net.nn_batches(spec.batch_size, start.preprocessing.get('training_rows')) -%}
    {%- set block_batches = neural_net.nn_uses_block_batches(batches, stop_at - first) -%}
with recursive training_rows as materialized (

    -- the training rows as the network sees them, computed once for the block
    {{ neural_net.nn_training_rows(spec, start.preprocessing, neural_net.nn_ref('nn_examples'), inputs_as_list=neural_net.nn_layout(spec, dims) == 'arrays') | indent(4) }}

),
{%- if block_batches %}

block_batch_rows as materialized (

    -- the block's mini-batches, computed once: an iteration reads these {{ stop_at - first }} batches of {{ batches.size }}
    -- rows, not all {{ batches.rows }} training rows (nn_block_batch_rows)
    {{ neural_net.nn_block_batch_rows(batches, 'training_rows', first, stop_at, spec.early_stopping) | indent(4) }}

),
{%- endif %}
{%- if neural_net.nn_layout(spec, dims) == 'arrays' and batches is none %}

training_input_columns as materialized (

    -- the arrays layout, full batch: every iteration reads the same rows, so the inputs as columns (per input,
    -- its values over the rows in row_id order; nn_columns_of_lists) are computed once for the block
    {{ neural_net.nn_columns_of_lists('h0', 'training_rows') | indent(4) }}

),
{%- endif %}

states as (

    -- the state this block starts from (iteration {{ first }})
    {{ start.sql | indent(4) }}

    union all

    -- one iteration of gradient descent, stepping from the previous row until iteration {{ stop_at }}
    (
    {{ neural_net.nn_iteration(spec, dims, start.preprocessing, 'states', 'block_batch_rows' if block_batches else 'training_rows', stop_at, block_batches=block_batches) | indent(4) }}
    )

)

select * from states
{%- endmacro -%}
