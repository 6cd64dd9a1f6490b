{#- A session setting the training block's query needs on some engines, as a pre-hook statement of
    nn_training (empty where the engine needs none). On Spark a block nests about a dozen subqueries per
    iteration, which two of Catalyst's defaults do not survive:
      spark.sql.analyzer.maxIterations = 100000
          the analyzer gives up after 100 fixed-point rounds ("Max iterations (100) reached for batch Resolution")
      spark.sql.constraintPropagation.enabled = false
          inferring constraints through every level of the chain exhausted the driver heap (2 GB in the tests) for the 2-16-2
          network at K = 7 (java.lang.OutOfMemoryError in getAllValidConstraints); the block's filters gain
          nothing from it -#}
{%- macro nn_session_setting(name, value) -%}
    {{ return(adapter.dispatch('nn_session_setting', 'neural_net')(name, value)) }}
{%- endmacro -%}
{%- macro default__nn_session_setting(name, value) -%}{{ return('') }}{%- endmacro -%}
{%- macro spark__nn_session_setting(name, value) -%}{{ return('set ' ~ name ~ ' = ' ~ value) }}{%- endmacro -%}
