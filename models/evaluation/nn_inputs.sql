{#- nn_inputs: see macros/plan/nn_inputs_query.sql. -#}
{{ config(**nn_network_config()) }}  {#- in a named network's schema; off in a project that names none -#}
{{ nn_inputs_query() }}
