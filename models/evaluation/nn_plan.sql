{#- nn_plan: see macros/plan/nn_plan_query.sql. -#}
{{ config(**nn_network_config()) }}  {#- in a named network's schema; off in a project that names none -#}
{{ nn_plan_query() }}
