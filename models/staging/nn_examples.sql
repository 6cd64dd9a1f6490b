{#- nn_examples: see macros/network/nn_examples_query.sql. -#}
{{ config(**nn_network_config()) }}  {#- in a named network's schema; off in a project that names none -#}
{%- do nn_check_network_schema(this) -%}
{{ config(post_hook="{{ nn_report_new_rows() }}") }}
{{ nn_examples_query() }}
