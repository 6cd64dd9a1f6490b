{#- Per-engine defaults of the block (nn_block_size explains the numbers). -#}

{#- Iterations per block when the block_size var is null. -#}
{%- macro nn_default_block_size() -%}{{ return(adapter.dispatch('nn_default_block_size', 'neural_net')()) }}{%- endmacro -%}
{%- macro default__nn_default_block_size() -%}{{ return(10) }}{%- endmacro -%}
{%- macro duckdb__nn_default_block_size() -%}{{ return(100) }}{%- endmacro -%}

{#- The longest query the engine accepts, in characters; none = no documented limit. -#}
{%- macro nn_query_length_limit() -%}{{ return(adapter.dispatch('nn_query_length_limit', 'neural_net')()) }}{%- endmacro -%}
{%- macro default__nn_query_length_limit() -%}{{ return(none) }}{%- endmacro -%}
{%- macro bigquery__nn_query_length_limit() -%}{{ return(1024000) }}{%- endmacro -%}
