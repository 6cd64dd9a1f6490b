{#- nn_model: see macros/network/nn_model_query.sql. -#}
{{ config(**nn_network_config()) }}  {#- in a named network's schema; off in a project that names none -#}
{{ nn_model_query() }}
