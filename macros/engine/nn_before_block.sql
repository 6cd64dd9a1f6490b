{#- Pre-hook of nn_training: a session setting the block's query needs on some engines.

    Spark: a block nests about a dozen subqueries per iteration, and Catalyst's analyzer gives up after 100
    fixed-point rounds by default ("Max iterations (100) reached for batch Resolution"). -#}
{%- macro nn_before_block() -%}{{ return(adapter.dispatch('nn_before_block', 'neural_net')()) }}{%- endmacro -%}
{%- macro default__nn_before_block() -%}{%- endmacro -%}
{%- macro spark__nn_before_block() -%}set spark.sql.analyzer.maxIterations = 100000{%- endmacro -%}
