{#- Up to 15 hex digits (a text) as the whole number they write, as Python's int(digits, 16). -#}
{%- macro nn_hex_number(digits) -%}
    {{ return(adapter.dispatch('nn_hex_number', 'neural_net')(digits)) }}
{%- endmacro -%}
{%- macro default__nn_hex_number(digits) -%}{{ neural_net.nn_unsupported('nn_hex_number') }}{%- endmacro -%}
{%- macro duckdb__nn_hex_number(digits) -%}
    {{ return("cast(('0x' || " ~ digits ~ ") as " ~ dbt.type_bigint() ~ ")") }}
{%- endmacro -%}
{%- macro bigquery__nn_hex_number(digits) -%}
    {{ return("cast(concat('0x', " ~ digits ~ ") as int64)") }}
{%- endmacro -%}
{%- macro spark__nn_hex_number(digits) -%}
    {{ return("cast(conv(" ~ digits ~ ", 16, 10) as bigint)") }}
{%- endmacro -%}
{%- macro postgres__nn_hex_number(digits) -%}
    {#- the digits as 64 bits, left-padded with zeros: a bigint's bits -#}
    {{ return("cast(cast(('x' || lpad(" ~ digits ~ ", 16, '0')) as bit(64)) as bigint)") }}
{%- endmacro -%}
