{#- What each engine takes, in one place per engine (docs/limits.md has the measurements):

      default_block_size     iterations per block when the block_size var is null (nn_block_size explains the
                             numbers; BigQuery's is lowered further to fit its query length)
      query_length_limit     the longest query the engine accepts, in characters; none: no documented limit
      max_parameters         the most parameters of a network in the columns layout
      max_array_parameters   the same in the arrays layout; 0: the engine has no arrays layout
      max_value_bytes        the most bytes one value may hold, or none
      max_select_columns     the most columns one SELECT may have, or none

    nn_layout refuses a larger network before any SQL runs, for training and for every consumer of a trained
    model. Measured on 2 cores:
      columns  one iteration's SQL has a few terms per parameter, so planning time and the work per row grow
               with the parameter count: 64-32-10 (2,410 parameters, 1,797 rows) plans in about 19 s per block;
               100-64-3 (6,659) planned in 35 s and ran 1.5 s per iteration.
      arrays   the SQL grows with the widest layer; every iteration copies the state: 784-256-128-10 (235,146
               parameters) on 10k rows and 1000-512-2 (513,538) on 300 rows train on DuckDB, 1000-512-2 on 120
               rows on Spark, 784-512-128-10 (468,874) on 100 rows on PostgreSQL.
               DuckDB, Spark and PostgreSQL make the initial weights' uniform numbers themselves
               (nn_uniform_numerators_sql).
    A new engine starts from the default: the columns layout alone, blocks of 10, no known query or value limits. -#}
{%- macro nn_engine_capabilities() -%}{{ return(adapter.dispatch('nn_engine_capabilities', 'neural_net')()) }}{%- endmacro -%}

{#- One of them, by name. -#}
{%- macro nn_capability(name) -%}{{ return(neural_net.nn_engine_capabilities()[name]) }}{%- endmacro -%}

{%- macro default__nn_engine_capabilities() -%}
    {{ return({'default_block_size': 10, 'query_length_limit': none, 'max_parameters': 4096, 'max_array_parameters': 0, 'max_value_bytes': none, 'max_select_columns': none}) }}
{%- endmacro -%}

{%- macro duckdb__nn_engine_capabilities() -%}
    {{ return({'default_block_size': 100, 'query_length_limit': none, 'max_parameters': 4096, 'max_array_parameters': 600000, 'max_value_bytes': none, 'max_select_columns': none}) }}
{%- endmacro -%}

{#- BigQuery: queries of at most 1,024K characters, rows of at most 100 MB (its documented limits). The arrays
    layout writes the initial weights' numerators into the SQL, about 70 characters per parameter as
    nn_block_size counts them, and at least one iteration must fit in one query: 2-512-18-2 (10,808
    parameters) compiles at K = 1 (tests/python/test_engines.py); 2-512-24-2 (13,898) is over the limit. Its
    chained iteration concatenates the rows' gradient lists of a layer into one value
    (bigquery__nn_dense_gradient_sums): (rows of the step) x (the layer's weights) x 8 bytes. -#}
{%- macro bigquery__nn_engine_capabilities() -%}
    {{ return({'default_block_size': 10, 'query_length_limit': 1024000, 'max_parameters': 4096, 'max_array_parameters': 11000, 'max_value_bytes': 100000000, 'max_select_columns': none}) }}
{%- endmacro -%}

{#- PostgreSQL: at most 1,664 columns in one SELECT; an iteration's update selects each parameter with its
    gradient and, with Adam, its two moments (four columns per parameter), so 400 parameters fit with any
    optimizer in the columns layout. The arrays layout aggregates a step's rows' inputs and deltas into one array
    each (postgres__nn_dense_gradient_sums): at most 1 GB, 134,217,727 floats, in one value. -#}
{%- macro postgres__nn_engine_capabilities() -%}
    {{ return({'default_block_size': 10, 'query_length_limit': none, 'max_parameters': 400, 'max_array_parameters': 600000, 'max_value_bytes': 1073741816, 'max_select_columns': 1664}) }}
{%- endmacro -%}

{%- macro spark__nn_engine_capabilities() -%}
    {{ return({'default_block_size': 10, 'query_length_limit': none, 'max_parameters': 4096, 'max_array_parameters': 600000, 'max_value_bytes': none, 'max_select_columns': none}) }}
{%- endmacro -%}
