{#- K, the number of iterations one `dbt run` of nn_training computes in its single query.

    The block_size var, or when it is null the engine's default (nn_default_block_size):
      DuckDB    100  the recursive block binds once whatever K is; 100 keeps a progress line every ~1 s at 100k rows
      BigQuery   10  the 2018 article's single query failed as "too complex" past about 10 iterations; ours is
                     leaner per iteration, but Google publishes no number, so the default stays where one is known
                     to run. Raise it when your project accepts more (see the README).
      Spark      10  Catalyst's planning time grows faster than linearly with the chain's length
    On BigQuery a block must also fit in one query of at most 1,024K characters: the default is lowered for big
    networks so that a block stays under half of that, and an explicit block_size that would not fit fails here
    with the largest that does. -#}
{%- macro nn_block_size(spec, dims) -%}
    {%- set limit = nn_query_length_limit() -%}
    {%- if limit is none -%}
        {{ return(spec.block_size or nn_default_block_size()) }}
    {%- endif -%}
    {%- set per_iteration = nn_iteration_length(spec, dims) -%}
    {%- set largest = ((limit - 10000) / per_iteration) | int -%}
    {%- if largest < 1 -%}
        {{ nn_fail("one training iteration of this network is " ~ per_iteration ~ " characters of SQL, more than "
            ~ target.type ~ "'s query limit of " ~ limit ~ ". Use fewer or smaller hidden layers (hidden: " ~ spec.hidden ~ ").") }}
    {%- endif -%}
    {%- if spec.block_size is none -%}
        {{ return([nn_default_block_size(), [(largest / 2) | int, 1] | max] | min) }}
    {%- endif -%}
    {%- if spec.block_size > largest -%}
        {{ nn_fail("block_size " ~ spec.block_size ~ " makes a query of about " ~ spec.block_size * per_iteration
            ~ " characters, over " ~ target.type ~ "'s limit of " ~ limit ~ "; the largest block_size for this network is "
            ~ largest ~ " (one iteration is " ~ per_iteration ~ " characters)") }}
    {%- endif -%}
    {{ return(spec.block_size) }}
{%- endmacro -%}

{#- Characters of SQL one iteration of the chained block takes (nn_training_block's default form). -#}
{%- macro nn_iteration_length(spec, dims) -%}
    {%- set columns = nn_state_columns(dims) -%}
    {%- set step = nn_iteration(spec, dims, 'iteration_0', ref('nn_examples'), 1, carry=['history'])
        ~ nn_state_array_append('history', nn_state_struct(columns)) -%}
    {#- + the state columns listed once more, and the CTE's own lines -#}
    {{ return(step | length + (columns | join(',\n        ')) | length + 200) }}
{%- endmacro -%}
