{#- A text value as an SQL string literal. The engines escape differently: the SQL standard (and DuckDB) doubles a
    quote and reads a backslash as itself; BigQuery and Spark escape both with a backslash. -#}
{%- macro nn_string_literal(value) -%}
    {{ return(adapter.dispatch('nn_string_literal', 'neural_net')(value | string)) }}
{%- endmacro -%}

{%- macro default__nn_string_literal(value) -%}
    {{ return("'" ~ value.replace("'", "''") ~ "'") }}
{%- endmacro -%}

{%- macro nn_backslash_escaped_literal(value) -%}
    {{ return("'" ~ value.replace("\\", "\\\\").replace("'", "\\'") ~ "'") }}
{%- endmacro -%}
{%- macro bigquery__nn_string_literal(value) -%}{{ return(neural_net.nn_backslash_escaped_literal(value)) }}{%- endmacro -%}
{%- macro spark__nn_string_literal(value) -%}{{ return(neural_net.nn_backslash_escaped_literal(value)) }}{%- endmacro -%}
