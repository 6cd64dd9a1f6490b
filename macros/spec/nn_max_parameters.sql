{#- The largest networks this project trains, per layout: nn_layout refuses a larger one before any SQL runs,
    for training and for every consumer of a trained model. Measured on 2 cores (docs/limits.md):
      columns  one iteration's SQL has a few terms per parameter, so planning time and the work per row grow
               with the parameter count: 64-32-10 (2,410 parameters, 1,797 rows) plans in about 19 s per block;
               100-64-3 (6,659) planned in 35 s and ran 1.5 s per iteration.
      arrays   the SQL grows with the widest layer; every iteration copies the state: 784-256-128-10 (235,146
               parameters) on 10k rows and 1000-512-2 (513,538) on 300 rows train on DuckDB, 1000-512-2 on 120
               rows on Spark.
-#}
{#- The most parameters a network may have on the engine, in the columns layout. -#}
{%- macro nn_max_parameters() -%}{{ return(adapter.dispatch('nn_max_parameters', 'neural_net')()) }}{%- endmacro -%}
{%- macro default__nn_max_parameters() -%}{{ return(4096) }}{%- endmacro -%}

{#- The most parameters a network may have in the arrays layout. DuckDB and Spark make the initial weights'
    uniform numbers themselves (nn_uniform_numerators_sql); 1000-512-2 (513,538) trains on both (tested). -#}
{%- macro nn_max_array_parameters() -%}{{ return(adapter.dispatch('nn_max_array_parameters', 'neural_net')()) }}{%- endmacro -%}
{%- macro default__nn_max_array_parameters() -%}{{ return(0) }}{%- endmacro -%}
{%- macro duckdb__nn_max_array_parameters() -%}{{ return(600000) }}{%- endmacro -%}
{%- macro spark__nn_max_array_parameters() -%}{{ return(600000) }}{%- endmacro -%}
{#- BigQuery: the same compile-time numerators, about 70 characters per parameter as nn_block_size counts them,
    and at least one iteration must fit in the 1,024K characters of a query: 2-512-18-2 (10,808 parameters)
    compiles at K = 1 (tests/python/test_engines.py); 2-512-24-2 (13,898) is over the limit. -#}
{%- macro bigquery__nn_max_array_parameters() -%}{{ return(11000) }}{%- endmacro -%}

{#- The most bytes one value may hold, or none: BigQuery documents 100 MB as the largest row. The arrays
    layout's chained iteration concatenates the rows' gradient lists of a layer into one value there
    (bigquery__nn_dense_gradient_sums): (rows of the step) x (the layer's weights) x 8 bytes. -#}
{%- macro nn_max_value_bytes() -%}{{ return(adapter.dispatch('nn_max_value_bytes', 'neural_net')()) }}{%- endmacro -%}
{%- macro default__nn_max_value_bytes() -%}{{ return(none) }}{%- endmacro -%}
{%- macro bigquery__nn_max_value_bytes() -%}{{ return(100000000) }}{%- endmacro -%}

{#- Refuses, before any query runs, a step whose concatenated gradient lists would exceed nn_max_value_bytes():
    the rows of a step are the training rows, or batch_size of them, plus with early stopping the validation
    rows (nn_step_rows). Nothing to check while dbt parses (no row count yet). -#}
{%- macro nn_check_step_value_size(spec, dims, preprocessing) -%}
    {%- set limit = neural_net.nn_max_value_bytes() -%}
    {%- set step_rows = neural_net.nn_step_rows(spec, preprocessing) -%}
    {%- if limit is none or step_rows is none -%}{{ return(none) }}{%- endif -%}
    {%- set fitted_rows, validation_rows = step_rows.fitted, step_rows.validation -%}
    {%- set ns = namespace(layer=1) -%}
    {%- for layer in range(1, dims | length) if dims[layer - 1] * dims[layer] > dims[ns.layer - 1] * dims[ns.layer] -%}{%- set ns.layer = layer -%}{%- endfor -%}
    {%- set weights = dims[ns.layer - 1] * dims[ns.layer] -%}
    {%- set bytes = (fitted_rows + validation_rows) * weights * 8 -%}
    {%- if bytes > limit -%}
        {%- set largest_batch = (limit // (weights * 8)) - validation_rows -%}
        {{ neural_net.nn_fail("one iteration of the network " ~ (dims | join('-')) ~ " sums the gradients of " ~ (fitted_rows + validation_rows)
            ~ " rows by concatenating each row's list of layer " ~ ns.layer ~ "'s " ~ weights ~ " weights: about "
            ~ (bytes // 1000000) ~ " MB in one value, over " ~ target.type ~ "'s limit of " ~ (limit // 1000000) ~ " MB per row. "
            ~ ("Set batch_size to at most " ~ largest_batch ~ "." if largest_batch > 0 else "Use fewer units in that layer.")) }}
    {%- endif -%}
{%- endmacro -%}
