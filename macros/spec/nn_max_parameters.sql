{#- The largest networks this project trains, per layout: nn_layout refuses a larger one before any SQL runs,
    for training and for every consumer of a trained model. Measured on 2 cores (README, "Limits"):
      columns  one iteration's SQL has a few terms per parameter, so planning time and the work per row grow
               with the parameter count: 64-32-10 (2,410 parameters, 1,797 rows) plans in about 19 s per block;
               100-64-3 (6,659) planned in 35 s and ran 1.5 s per iteration.
      arrays   the SQL grows with the widest layer; every iteration copies the state: 784-256-128-10 (235,146
               parameters) on 10k rows and 1000-512-2 (513,538) on 300 rows train on DuckDB.
-#}
{#- The most parameters a network may have on the engine, in the columns layout. -#}
{%- macro nn_max_parameters() -%}{{ return(adapter.dispatch('nn_max_parameters', 'neural_net')()) }}{%- endmacro -%}
{%- macro default__nn_max_parameters() -%}{{ return(4096) }}{%- endmacro -%}

{#- The most parameters a network may have in the arrays layout. Spark: its initial weights are made at compile
    time (nn_uniform_numerators: two draws per weight, at most 100,000 draws) and written into the SQL. -#}
{%- macro nn_max_array_parameters() -%}{{ return(adapter.dispatch('nn_max_array_parameters', 'neural_net')()) }}{%- endmacro -%}
{%- macro default__nn_max_array_parameters() -%}{{ return(0) }}{%- endmacro -%}
{%- macro duckdb__nn_max_array_parameters() -%}{{ return(600000) }}{%- endmacro -%}
{%- macro spark__nn_max_array_parameters() -%}{{ return(50000) }}{%- endmacro -%}
{#- BigQuery: the same compile-time numerators, about 24 characters per parameter, must leave most of the
    1,024K characters of a query to the block's iterations (nn_block_size). -#}
{%- macro bigquery__nn_max_array_parameters() -%}{{ return(20000) }}{%- endmacro -%}
