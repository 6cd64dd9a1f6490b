{#- K, the number of iterations one `dbt run` of nn_training computes in its single query.

    The block_size var, or when it is null nn_default_block_size: the engine's default_block_size
    (nn_engine_capabilities), which DuckDB raises for a small problem:
      DuckDB    100  the recursive block binds once whatever K is; 100 keeps a progress line every ~1 s at 100k rows;
                500  where parameters x rows per step are at most 300,000: an iteration takes 0.2 to 8 ms there
                     (measured, nn_auto_layout), and each block costs dbt about 0.3 s besides its query
      BigQuery   10  the 2018 article's single query failed as "too complex" past about 10 iterations; ours is
                     leaner per iteration, but Google publishes no number, so the default stays where one is known
                     to run. Raise it when your project accepts more (docs/engines.md, "Choosing K").
      Spark      10  Catalyst's analysis time grows faster than linearly with the chain's length (1.9 s, 5.8 s,
                     13.6 s for K = 2, 10, 20 at 100k rows)
    On BigQuery a block must also fit in one query of at most 1,024K characters. The block's size is estimated
    from one rendered iteration, the training rows and the initial state (the largest a block can start from); the default K is
    lowered so that a block stays under half the limit, and an explicit block_size over the limit fails here,
    naming the largest that fits. nn_check_query_length then checks the real query.
    preprocessing: the fitted preprocessing, whose rows per step DuckDB's default counts; nn_training_query and
    nn_after_block pass the block's own, so both see the same K. -#}
{%- macro nn_block_size(spec, dims, preprocessing=none) -%}
    {%- set limit = neural_net.nn_capability('query_length_limit') -%}
    {%- if limit is none -%}
        {{ return(spec.block_size or neural_net.nn_default_block_size(dims, neural_net.nn_rows_per_step(spec, preprocessing))) }}
    {%- endif -%}
    {%- set per_iteration = neural_net.nn_sql_length(neural_net.nn_chained_iteration_sql(spec, dims)) -%}
    {%- set fixed = neural_net.nn_sql_length(neural_net.nn_initial_state(spec, dims)) + neural_net.nn_sql_length(neural_net.nn_longest_training_rows(spec, dims)) + 5000 -%}
    {%- set largest = ((limit - fixed) / per_iteration) | int -%}
    {%- if largest < 1 -%}
        {{ neural_net.nn_fail("one training iteration of this network is about " ~ per_iteration ~ " characters of SQL; with the "
            ~ "initial state that exceeds " ~ target.type ~ "'s query limit of " ~ limit ~ " characters. Use fewer or "
            ~ "smaller hidden layers (hidden: " ~ spec.hidden ~ ").") }}
    {%- endif -%}
    {%- if spec.block_size is none -%}
        {{ return([neural_net.nn_capability('default_block_size'), [((limit / 2 - fixed) / per_iteration) | int, 1] | max] | min) }}
    {%- endif -%}
    {%- if spec.block_size > largest -%}
        {{ neural_net.nn_fail("block_size " ~ spec.block_size ~ " makes a query of about " ~ (fixed + spec.block_size * per_iteration)
            ~ " characters, over " ~ target.type ~ "'s limit of " ~ limit ~ "; the largest block_size for this network is "
            ~ largest ~ " (one iteration is about " ~ per_iteration ~ " characters)") }}
    {%- endif -%}
    {{ return(spec.block_size) }}
{%- endmacro -%}

{#- K when the block_size var is null, for a network of these layer sizes trained on `rows` per step (none: not
    known). -#}
{%- macro nn_default_block_size(dims, rows) -%}
    {{ return(adapter.dispatch('nn_default_block_size', 'neural_net')(dims, rows)) }}
{%- endmacro -%}

{%- macro default__nn_default_block_size(dims, rows) -%}
    {{ return(neural_net.nn_capability('default_block_size')) }}
{%- endmacro -%}

{%- macro duckdb__nn_default_block_size(dims, rows) -%}
    {%- set small = rows is not none and neural_net.nn_parameter_count(dims) * rows <= 300000 -%}
    {{ return(500 if small else neural_net.nn_capability('default_block_size')) }}
{%- endmacro -%}

{#- One iteration of the chained block (nn_training_block's default form), for measuring. -#}
{%- macro nn_chained_iteration_sql(spec, dims) -%}
    {%- set columns = neural_net.nn_state_columns(spec, dims) -%}
    {{ return(neural_net.nn_iteration(spec, dims, {'class_weights': none}, 'iteration_0', 'training_rows', 1, carry=['history'], recursive=false)
        ~ neural_net.nn_state_array_append('history', neural_net.nn_state_struct(columns))
        ~ (columns | join(',\n'))) }}
{%- endmacro -%}

{#- The block's training rows (nn_training_rows), for measuring: every input a numeric feature imputed, centered
    and scaled by numbers as long as a float's text gets (a one-hot input is shorter unless its level is long;
    nn_check_query_length measures the real block). -#}
{%- macro nn_longest_training_rows(spec, dims) -%}
    {%- set longest = -1.2345678901234567e-100 -%}
    {%- set preprocessing = {'features': [], 'class_weights': none, 'target': {'mean': longest, 'std': longest}} -%}
    {%- for i in range(dims[0]) -%}
        {%- do preprocessing.features.append({'name': 'x', 'kind': 'numeric', 'impute': longest, 'center': longest, 'scale': longest}) -%}
    {%- endfor -%}
    {{ return(neural_net.nn_training_rows(spec, preprocessing, neural_net.nn_ref('nn_examples'))) }}
{%- endmacro -%}

{#- Characters SQL takes once the block has indented it (about 12 more per line). -#}
{%- macro nn_sql_length(sql) -%}{{ return(sql | length + 12 * (sql.split('\n') | length)) }}{%- endmacro -%}

{#- Fails before the query is sent when the block (with room for the statement dbt wraps it in) is longer than
    the engine accepts. -#}
{%- macro nn_check_query_length(block_sql, block_size) -%}
    {%- set limit = neural_net.nn_capability('query_length_limit') -%}
    {%- set length = neural_net.nn_sql_length(block_sql) + 5000 -%}
    {%- if limit is not none and length > limit -%}
        {{ neural_net.nn_fail("the training block is about " ~ length ~ " characters of SQL, over " ~ target.type
            ~ "'s query limit of " ~ limit ~ ". Set a smaller block_size (now " ~ block_size ~ ").") }}
    {%- endif -%}
{%- endmacro -%}
