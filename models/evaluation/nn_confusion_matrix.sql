{#- nn_confusion_matrix: see macros/network/nn_confusion_matrix_query.sql. -#}
{{ config(**nn_network_config()) }}  {#- in a named network's schema; off in a project that names none -#}
{{ nn_confusion_matrix_query() }}
