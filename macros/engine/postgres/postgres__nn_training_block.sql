{#- A block on PostgreSQL: the chain of nn_training_block, without the history array. PostgreSQL forbids an
    aggregate in a recursive term (so no recursive block, as on DuckDB) and has no struct it reads back by field
    name; but it computes a CTE marked MATERIALIZED once however often it is read. So iteration_{k} reads
    iteration_{k-1}, each is computed once, and the block's rows are the union of the iterations: the start
    state, then each step that is finite. A step that is not finite is left out, and so is every later one,
    which computes from its non-finite parameters. But PostgreSQL raises an error where a float operation
    overflows or underflows, where the other engines give inf or 0: such a block fails, the history keeps the
    blocks before it, and the driver trains the block again one iteration per run to keep the iterations before
    the one that raised (neural_net_sql.train.float_range_failure; docs/limits.md). In the arrays layout the start
    state's arrays are read into memory once (nn_in_memory). -#}
{%- macro postgres__nn_training_block(spec, dims, start, stop_at) -%}
    {%- set columns = neural_net.nn_state_columns(spec, dims) -%}
    {%- set first = [start.iteration, 0] | max -%}
    {%- set arrays = neural_net.nn_state_arrays(spec, dims) if neural_net.nn_layout(spec, dims) == 'arrays' else [] -%}
with training_rows as materialized (

    -- the training rows as the network sees them, computed once for the block
    {{ neural_net.nn_training_rows(spec, start.preprocessing, neural_net.nn_ref('nn_examples'), inputs_as_list=arrays != []) | indent(4) }}

),

iteration_{{ first }} as materialized (

    -- the state this block starts from{{ ", its arrays in memory (nn_in_memory)" if arrays }}
{%- if arrays %}
    select
    {%- for column in columns %}
        {{ neural_net.nn_in_memory(column) ~ " as " ~ column if column in arrays else column }}{{ "," if not loop.last }}
    {%- endfor %}
    from (
        {{ start.sql | indent(8) }}
    ) as start_state
{%- else %}
    {{ start.sql | indent(4) }}
{%- endif %}

)
{%- for iteration in range(first + 1, stop_at + 1) -%},

iteration_{{ iteration }} as materialized (

    -- one iteration of gradient descent: iteration {{ iteration }} of the block that ends at {{ stop_at }}
    {{ neural_net.nn_iteration(spec, dims, start.preprocessing, 'iteration_' ~ (iteration - 1), 'training_rows', stop_at, recursive=false) | indent(4) }}

)
{%- endfor %}

select {{ columns | join(", ") }} from iteration_{{ first }}
{%- for iteration in range(first + 1, stop_at + 1) %}
union all
select {{ columns | join(", ") }} from iteration_{{ iteration }} where is_finite
{%- endfor %}
{%- endmacro -%}
