{#- nn_predictions: see macros/network/nn_predictions_query.sql. -#}
{{ config(**nn_network_config()) }}  {#- in a named network's schema; off in a project that names none -#}
{{ nn_predictions_query() }}
